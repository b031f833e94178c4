// Where offers come from: the hub (through an HttpTransport plug-in, here a recording fake that
// serves a package by ranges) and a USB stick's bundle folder. The download resumes from any byte,
// a short range is refused, a 404 means nothing is offered and a 5xx means "ask again later".
// The hub answers the signed manifest itself, and only to a kiosk whose ring is due.
#include <doctest/doctest.h>

#include <fstream>

#include "kiosk/updater/offer_source.hpp"
#include "temp_dir.hpp"
#include "wire/endpoints.hpp"

using namespace kiosk::updater;
namespace fs = std::filesystem;

namespace {

kiosk::sync::HttpResponse answer(long status, std::string body) {
  kiosk::sync::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

// A hub that offers one package and answers Range requests for it, as kiosk-hub does.
struct FakeHub final : kiosk::sync::HttpTransport {
  std::string package;
  long currentStatus = 200;
  std::vector<std::string> ranges, paths;
  bool shortChange = false;
  kiosk::sync::HttpResponse send(const kiosk::sync::HttpRequest& r) override {
    if (r.path == wire::endpoint::kCurrentUpdate)
      return answer(currentStatus, currentStatus == 200 ? R"({"signed":1})" : "");
    paths.push_back(r.path);
    ranges.push_back(r.range);
    const auto dash = r.range.find('-');
    const std::size_t first = std::stoul(r.range.substr(0, dash)), last = std::stoul(r.range.substr(dash + 1));
    std::string part = package.substr(first, last - first + 1);
    if (shortChange) part.pop_back();
    return answer(206, part);
  }
};

wire::UpdateManifest manifestFor(const std::string& bytes) {
  wire::UpdateManifest m;
  m.version = "1.6.0-1";
  m.architecture = "amd64";
  m.sha256 = std::string(64, 'c');
  m.size = static_cast<std::int64_t>(bytes.size());
  return m;
}

std::string fileText(const fs::path& f) {
  std::ifstream in(f, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("the hub's package comes in ranges and resumes where the file stopped") {
  testing::TempDir dir;
  FakeHub hub;
  for (int i = 0; i < 10 * 1024 * 1024 + 17; ++i) hub.package += static_cast<char>('a' + i % 26);
  HubOffers offers(hub);
  const auto offer = offers.current();
  REQUIRE(offer);
  CHECK(offer->envelope == R"({"signed":1})");
  CHECK(offer->ringDue);
  const auto m = manifestFor(hub.package);
  const fs::path part = dir / "p.part";
  offers.fetch(m, part, 0);
  CHECK(hub.ranges.back() == "0-4194303");
  CHECK(hub.paths.back() == "/api/v1/updates/package/" + m.sha256);  // the brief's path, hash in it
  CHECK(fs::file_size(part) == 4 * 1024 * 1024);
  // Interrupted here; the next round asks from the file's size on, to the end.
  offers.fetch(m, part, static_cast<std::int64_t>(fs::file_size(part)));
  offers.fetch(m, part, static_cast<std::int64_t>(fs::file_size(part)));
  CHECK(hub.ranges.back() == "8388608-10485776");
  CHECK(fileText(part) == hub.package);
  // A part shorter than its range is not appended.
  hub.shortChange = true;
  const fs::path other = dir / "q.part";
  CHECK_THROWS_AS(offers.fetch(m, other, 0), SourceUnavailable);
  CHECK_FALSE(fs::exists(other));
  // 404: nothing offered; 503: the hub cannot be asked now (the last offer is kept by the caller).
  hub.currentStatus = 404;
  CHECK_FALSE(offers.current());
  hub.currentStatus = 503;
  CHECK_THROWS_AS(offers.current(), SourceUnavailable);
}

TEST_CASE("a stick offers its bundle, and nothing without one") {
  testing::TempDir dir;
  BundleOffers stick(dir.path());
  CHECK_FALSE(stick.current());
  fs::create_directories(dir / kBundleFolder);
  std::ofstream(dir / kBundleFolder / kBundleManifest) << R"({"signed":2})";
  const std::string bytes(3 * 1024 * 1024 + 5, 'x');
  const auto m = manifestFor(bytes);
  std::ofstream(dir / kBundleFolder / m.fileName(), std::ios::binary) << bytes;
  const auto offer = stick.current();
  REQUIRE(offer);
  CHECK(offer->envelope == R"({"signed":2})");
  CHECK(offer->ringDue);
  const fs::path part = dir / "copy.part";
  stick.fetch(m, part, 0);
  CHECK(fileText(part) == bytes);
  fs::remove(dir / kBundleFolder / m.fileName());
  CHECK_THROWS_AS(stick.fetch(m, dir / "none.part", 0), SourceUnavailable);
}
