// libFuzzer target: the hub's API as a pure function of a request. The input is split into
// method, target, who (no token / kiosk / staff / admin) and body; whatever it holds, handle()
// answers without throwing and never with a 500.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "fuzz_input.hpp"
#include "hub/api/api.hpp"

namespace {
struct Hub {
  std::filesystem::path dir;
  std::unique_ptr<hub::HubStore> store;
  std::unique_ptr<hub::Api> api;
  std::string kiosk, staff, admin;
  Hub() {
    char pattern[] = "/tmp/fuzz-hub-XXXXXX";
    dir = ::mkdtemp(pattern);
    store = std::make_unique<hub::HubStore>(dir / "hub.db");
    store->database().exec("PRAGMA synchronous = OFF");  // fuzzing speed; durability is not under test
    const auto mint = [&](std::string& token, hub::Principal p) {
      token = hub::newToken();
      store->addToken(hub::tokenHash(token), p, 0);
    };
    mint(kiosk, {hub::Role::Kiosk, "hall-01-k1", {"hall-01"}});
    mint(staff, {hub::Role::Staff, "", {"hall-01"}});
    mint(admin, {hub::Role::Admin, "", {}});
    api = std::make_unique<hub::Api>(hub::ApiConfig{"fuzz"}, *store, [] { return std::int64_t{1'795'226'400}; });
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
  const std::string who = fuzz_input::nextLine(in);
  if (who == "kiosk") r.authorization = "Bearer " + hub.kiosk;
  else if (who == "staff") r.authorization = "Bearer " + hub.staff;
  else if (who == "admin") r.authorization = "Bearer " + hub.admin;
  else r.authorization = who;
  r.body = std::string(in);
  const hub::Response res = hub.api->handle(r);
  if (res.status == 500 || res.status < 100 || res.status > 599) std::abort();
  return 0;
}
