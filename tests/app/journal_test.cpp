// Journal: the kiosk's machine-readable event lines (tests, the benchmark and systemd read them).
#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/app/journal.hpp"

using namespace kiosk;

namespace {
// A journal writing into memory files, read back as text.
struct Captured {
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  app::Journal journal{out, err};
  ~Captured() {
    std::fclose(out);
    std::fclose(err);
  }
  static std::string read(std::FILE* f) {
    std::rewind(f);
    std::string text;
    for (int c; (c = std::fgetc(f)) != EOF;) text += static_cast<char>(c);
    return text;
  }
};
}  // namespace

TEST_CASE("events become one line each, in the words tests and operators grep for") {
  Captured c;
  c.journal.voteAcknowledged({"c-0001", 7, "2026-11-21T09:00+08:00", Rating::Poor, "not_kept", true});
  c.journal.voteAcknowledged({"c-0002", 7, "2026-11-21T09:00+08:00", Rating::Good, std::nullopt, false});
  c.journal.staffPinRejected(5, true);
  c.journal.storeRecovered();
  c.journal.exported("/media/usb/commitment-kiosk-k1-20261121-100005");
  CHECK(Captured::read(c.out) ==
        "vote-acknowledged commitment=c-0001 rating=poor counted=1 bucket=2026-11-21T09:00+08:00\n"
        "vote-acknowledged commitment=c-0002 rating=good counted=0 bucket=2026-11-21T09:00+08:00\n"
        "staff-pin-rejected failures=5 locked=1\n"
        "store-recovered\n"
        "exported folder=/media/usb/commitment-kiosk-k1-20261121-100005\n");
}

TEST_CASE("a failed USB export is one journal line with the system's reason, quotes and newlines tamed") {
  Captured c;
  c.journal.exportFailed("writing to the USB stick failed: \"/media/usb\": No space left\non device");
  CHECK(Captured::read(c.out) ==
        "export-failed reason=\"writing to the USB stick failed: '/media/usb': No space left on device\"\n");
}

TEST_CASE("a database copied out of its deleted or replaced file says where it went and what it holds") {
  Captured c;
  c.journal.storeRescued({store::Rescue::Kind::Restored, "/var/lib/kiosk/kiosk.db", 12});
  c.journal.storeRescued({store::Rescue::Kind::KeptAside, "/var/lib/kiosk/kiosk.db.orphaned-1795227600", 3});
  c.journal.storeRescueFailed("disk full");
  CHECK(Captured::read(c.out) ==
        "store-restored file=/var/lib/kiosk/kiosk.db unsynced_votes=12\n"
        "store-kept-aside file=/var/lib/kiosk/kiosk.db.orphaned-1795227600 unsynced_votes=3\n"
        "store-rescue-failed\n");
  CHECK(Captured::read(c.err).find("disk full") != std::string::npos);
}

TEST_CASE("storage failures go to the error stream, not the journal") {
  Captured c;
  c.journal.storeFailed("disk I/O error");
  CHECK(Captured::read(c.out).empty());
  CHECK(Captured::read(c.err) == "kiosk: storage failed: disk I/O error\n");
}

TEST_CASE("sync now reaches the hub link once there is one, maintenance exit is remembered") {
  Captured c;
  c.journal.syncNowRequested();  // no hub link: only the line
  int calls = 0;
  c.journal.onSyncNow([&] { ++calls; });
  c.journal.syncNowRequested();
  CHECK(calls == 1);
  CHECK_FALSE(c.journal.maintenanceExitChosen());
  c.journal.maintenanceExitRequested();
  CHECK(c.journal.maintenanceExitChosen());
  CHECK(Captured::read(c.out) == "sync-now\nsync-now\nmaintenance-exit\n");
}

TEST_CASE("lines from the sync thread and the UI thread never interleave") {
  Captured c;
  const std::string a(300, 'a'), b(300, 'b');
  std::thread other([&] {
    for (int i = 0; i < 200; ++i) c.journal.line(a);
  });
  for (int i = 0; i < 200; ++i) c.journal.line(b);
  other.join();
  const std::string text = Captured::read(c.out);
  std::size_t lines = 0;
  for (std::size_t pos = 0; pos < text.size(); pos = text.find('\n', pos) + 1, ++lines) {
    const std::string line = text.substr(pos, text.find('\n', pos) - pos);
    CHECK((line == a || line == b));
  }
  CHECK(lines == 400);
}
