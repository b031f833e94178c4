// `kiosk-hub backup` against the real hub while kiosks upload: the archive is one consistent
// instant (every batch in it has its counts in it, and no counts without their batch), it is 0600,
// and `tar -xf` restores a folder the hub serves from with the same tallies. Bad invocations are
// refused by name with nothing written.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "hub_process.hpp"
#include "wire/rating_batch.hpp"

using testing::HubProcess;

namespace {

// Batch `seq` of kiosk hall-01-k1: 1 + seq % 7 good votes, so sums tell batches apart.
std::int64_t votesIn(std::int64_t seq) { return 1 + seq % 7; }
std::string batch(std::int64_t seq) {
  wire::RatingBatch b{"hall-01-k1", "epoch-1", seq, "2026-11-21T10:00:00+08:00", {}};
  b.counts.push_back({"c-0001", 1, "2026-11-21T09:00+08:00", "good", std::nullopt, votesIn(seq), 0});
  return wire::encodeBatch(b);
}

std::string shellQuote(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE(
    "a backup taken while a kiosk uploads restores to exactly the batches it holds, and replay makes up the rest") {
  HubProcess hub;
  hub.start();
  testing::TempDir out;
  const auto archive = out / "hub-backup.tar";

  // A kiosk uploading as fast as it can until told to stop (bounded: at most 3,000 batches).
  std::atomic<bool> stop{false};
  std::atomic<std::int64_t> sent{0};
  std::atomic<long> refused{0};  // checked on the test's thread: doctest asserts there
  std::thread kiosk([&] {
    for (std::int64_t seq = 1; seq <= 3000 && !stop; ++seq) {
      const long status = hub.post("/api/v1/batches", batch(seq), hub.token("kiosk")).status;
      if (status != 201) {
        refused = status;
        break;
      }
      sent = seq;
    }
  });
  // Wait (deadline, no fixed sleep) until uploads are under way, then back up twice while they go on.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (sent < 50 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  const std::int64_t before = sent;
  const auto result = testing::run(testing::hubBinary() + " backup --dir " + shellQuote(hub.dir()) + " --to " +
                                   shellQuote(archive) + " 2>&1");
  CHECK_MESSAGE(result.status == 0, result.out);
  CHECK(result.out.find("restore: mkdir NEW && tar -xf") != std::string::npos);
  const std::int64_t during = sent;
  stop = true;
  kiosk.join();
  const std::int64_t uploaded = sent;
  CHECK(refused == 0);
  CHECK(during > before);  // the kiosk really was uploading while the backup ran

  struct stat st {};
  REQUIRE(::stat(archive.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK_FALSE(std::filesystem::exists(archive.string() + ".partial"));
  const auto listing = testing::run("tar -tvf " + shellQuote(archive)).out;
  for (const char* member : {"hub.toml", "hub.db", "console.db", "tls/server.key", "tls/ca.pem"})
    CHECK_MESSAGE(listing.find(member) != std::string::npos, member);
  CHECK(listing.find("hub.db-wal") == std::string::npos);  // snapshots, not the live files
  CHECK(listing.find("-rw------- 0/0") != std::string::npos);

  std::int64_t expected = 0;
  for (std::int64_t seq = 1; seq <= uploaded; ++seq) expected += votesIn(seq);
  CHECK(hub.totalVotes() == expected);
  hub.stop();

  HubProcess restored;
  restored.restoreFrom(archive, hub);
  restored.start();
  const std::int64_t restoredTotal = restored.totalVotes();
  // Replaying every batch: those in the snapshot are duplicates (200), the rest new (201). The
  // snapshot's counts must be exactly the counts of its duplicates — one instant, nothing torn.
  std::int64_t inSnapshot = 0, snapshotVotes = 0;
  for (std::int64_t seq = 1; seq <= uploaded; ++seq) {
    const auto r = restored.post("/api/v1/batches", batch(seq), restored.token("kiosk"));
    REQUIRE(r.status / 100 == 2);
    if (r.status == 200) {
      ++inSnapshot;
      snapshotVotes += votesIn(seq);
    }
  }
  CAPTURE(inSnapshot);
  CHECK(inSnapshot >= before);
  CHECK(inSnapshot <= during);
  CHECK(restoredTotal == snapshotVotes);
  CHECK(restored.totalVotes() == expected);
  // The console's database came back too: the restored hub's console answers its login page.
  CHECK(restored.get("/console/login").status == 200);
}

TEST_CASE("backup refuses what it cannot do well, by name, and writes nothing") {
  HubProcess hub;
  testing::TempDir out;
  const auto backup = [&](const std::string& args) {
    return testing::run(testing::hubBinary() + " backup " + args + " 2>&1");
  };
  // Inside the hub folder: lost with the disk, and swallowed by the next backup.
  auto r = backup("--dir " + shellQuote(hub.dir()) + " --to " + shellQuote(hub.dir() / "b.tar"));
  CHECK(r.status == 1);
  CHECK(r.out.find("outside the hub folder") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(hub.dir() / "b.tar"));
  // Not a hub folder.
  r = backup("--dir " + shellQuote(out.path()) + " --to " + shellQuote(out / "b.tar"));
  CHECK(r.status == 1);
  CHECK(r.out.find("hub.toml") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out / "b.tar"));
  // A folder for the archive that does not exist.
  r = backup("--dir " + shellQuote(hub.dir()) + " --to " + shellQuote(out / "missing/b.tar"));
  CHECK(r.status == 1);
  CHECK(r.out.find("cannot create") != std::string::npos);
  // A database configured outside the folder would not come back with it.
  const auto toml = hub.dir() / "hub.toml";
  std::string text = testing::readFile(toml);
  text.replace(text.find("database = \"hub.db\""), 19, "database = \"" + (out / "elsewhere.db").string() + "\"");
  testing::writeFile(toml, text);
  r = backup("--dir " + shellQuote(hub.dir()) + " --to " + shellQuote(out / "b.tar"));
  CHECK(r.status == 1);
  CHECK(r.out.find("lies outside the hub folder") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out / "b.tar"));
  CHECK_FALSE(std::filesystem::exists(out / "b.tar.partial"));
}

TEST_CASE("on PostgreSQL the archive holds the folder without the unused SQLite files, and says so") {
  HubProcess hub;  // made with SQLite files by init; then pointed at a PostgreSQL (not reached)
  testing::TempDir out;
  const auto toml = hub.dir() / "hub.toml";
  std::string text = testing::readFile(toml);
  const std::string sqlite = "url = \"sqlite:\"";
  REQUIRE(text.find(sqlite) != std::string::npos);
  text.replace(text.find(sqlite), sqlite.size(), "url = \"postgresql://kiosk_hub@127.0.0.1:1/kiosk_hub\"");
  testing::writeFile(toml, text);
  testing::writeFile(hub.dir() / "hub.db-wal", "left behind by a SQLite era");
  const auto r = testing::run(testing::hubBinary() + " backup --dir " + shellQuote(hub.dir()) + " --to " +
                              shellQuote(out / "b.tar") + " 2>&1");
  CHECK(r.status == 0);
  CHECK(r.out.find("snapshots of )") == std::string::npos);
  CHECK(r.out.find("no database files") != std::string::npos);
  CHECK(r.out.find("pg_dump") != std::string::npos);
  const auto listing = testing::run("tar -tf " + shellQuote(out / "b.tar")).out;
  CHECK(listing.find("hub.toml") != std::string::npos);
  CHECK(listing.find("tls/server.key") != std::string::npos);
  CHECK(listing.find("hub.db") == std::string::npos);  // nor its -wal: nothing of the unused files
}
