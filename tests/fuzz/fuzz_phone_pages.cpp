// libFuzzer target: the residents' pages (phone votes, public results) as a function of a request.
// The input is split into method, target, cookie and body; a target starting with "@" is put
// after a valid code of the enrolled kiosk (so the fuzzer reaches the session, form and vote
// steps), one starting with "%" after a valid poster's code, and a cookie of "@" is the kiosk
// code's phone session. Whatever it holds, handle() answers
// without throwing, never with a 500, and only ever as an HTML page.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "fuzz_input.hpp"
#include "hub/api/api.hpp"
#include "hub/phone/resident_pages.hpp"
#include "hub/store/poster_store.hpp"
#include "wire/phone_code.hpp"
#include "wire/signed_list.hpp"

namespace {
constexpr std::int64_t kNow = 1'795'226'400;
constexpr const char* kPoster = "p.FUZZFUZZFUZZFUZZFUZZFU";

struct Hub {
  std::filesystem::path dir;
  std::unique_ptr<hub::HubStore> store;
  std::unique_ptr<hub::ReadPool> readers;
  std::unique_ptr<hub::HallDirectory> halls;
  std::unique_ptr<hub::Api> api;
  std::unique_ptr<hub::phone::ResidentPages> pages;
  std::string code, cookie;
  Hub() {
    char pattern[] = "/tmp/fuzz-phone-XXXXXX";
    dir = ::mkdtemp(pattern);
    store = std::make_unique<hub::HubStore>(dir / "hub.db");
    store->database().exec("PRAGMA synchronous = OFF");  // fuzzing speed; durability is not under test
    const auto admin = wire::Ed25519PrivateKey::generate(), kiosk = wire::Ed25519PrivateKey::generate();
    store->addAdminKey("k", admin.publicKey().toPem(), 0);
    const std::string list = R"({"format":"commitment-list/1","deployment":"fuzz","hall":"hall-01","version":1,
      "published_at":"2026-11-01T08:00:00+08:00","title":"t","reasons":[{"code":"slow","label":"慢"}],
      "commitments":[{"id":"c-1","holder":{"name":"王丽","kind":"person"},"term":"annual","title":"一次办好",
      "text":"……","valid_from":"2026-01-01","valid_to":"2026-12-31"}]})";
    store->addList("fuzz", "hall-01", 1, wire::signList(list, "k", admin), 0);
    store->enrolKiosk("hall-01-k1", "hall-01", hub::tokenHash(hub::newToken()), 0);
    store->registerKioskKey("hall-01-k1", kiosk.publicKey().toPem(), 0);
    readers = std::make_unique<hub::ReadPool>(dir / "hub.db", 1, std::chrono::seconds(10));
    halls = std::make_unique<hub::HallDirectory>(dir / "console.db");
    hub::ApiConfig config{"fuzz"};
    config.posters.on = {true, {}};  // and a poster of c-1 ("%" in a target), so poster codes are reached too
    config.posters.sessionsPerPosterPerDay = 1'000'000'000;
    hub::poster_store::issue(store->database(), {{kPoster, "hall-01", "c-1", kNow, kNow + 86'400, "user:fuzz"}}, kNow);
    api = std::make_unique<hub::Api>(config, *store, [] { return kNow; });
    hub::PhoneConfig phone;
    phone.enabled = true;
    phone.requestsPerAddressPerMinute = 1'000'000'000;  // the fuzzer is one address
    phone.sessionsPerCode = 1'000'000'000;
    hub::PublicConfig pub;
    pub.open = {true, {"hall-01"}};
    pages =
        std::make_unique<hub::phone::ResidentPages>(phone, pub, "fuzz", *api, *readers, *halls, [] { return kNow; });
    code = wire::makePhoneCode({"hall-01-k1", "hall-01", kNow, "fuzz-nonce-0001"}, kiosk);
    for (const auto& [name, value] : pages->handle({"GET", "/v/" + code, "", "", ""}).headers)
      if (name == "Set-Cookie") cookie = value.substr(0, value.find(';'));
  }
  ~Hub() { std::filesystem::remove_all(dir); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Hub hub;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  hub::Request r;
  r.method = fuzz_input::nextLine(in);
  r.target = fuzz_input::nextLine(in);
  if (!r.target.empty() && r.target[0] == '@') r.target = "/v/" + hub.code + r.target.substr(1);
  if (!r.target.empty() && r.target[0] == '%') r.target = "/v/" + std::string(kPoster) + r.target.substr(1);
  r.cookie = fuzz_input::nextLine(in);
  if (r.cookie == "@") r.cookie = hub.cookie;
  r.body = std::string(in);
  r.peer = "203.0.113.1";
  if (!hub::phone::ResidentPages::owns(r)) return 0;
  const hub::Response res = hub.pages->handle(r);
  if (res.status == 500 || res.status < 100 || res.status > 599) std::abort();
  if (res.contentType != "text/html; charset=utf-8") std::abort();
  return 0;
}
