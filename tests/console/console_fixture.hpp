// A console over real files for tests: hub.db with two halls' lists, votes and kiosks (made with the
// product's own ingest), console.db with an admin, a staff user per hall and a leader of hall-01
// (hall-01's c-0101 is over the rectification rule), the API and the
// console behind the HubRouter as the server has them. `browser` keeps cookies like a browser.
#pragma once

#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "hub/console/console.hpp"
#include "hub/phone/resident_pages.hpp"
#include "hub/server/hub_router.hpp"
#include "hub/store/account_store.hpp"
#include "hub/store/hub_store.hpp"
#include "hub/store/panel_store.hpp"
#include "hub/store/read_pool.hpp"
#include "hub/store/second_factor_store.hpp"
#include "store_under_test.hpp"
#include "temp_dir.hpp"
#include "wire/crypto.hpp"

namespace testing {

class ConsoleFixture {
 public:
  // `secondFactorRoles`: the roles that must sign in with a TOTP code (none by default, so the
  // other tests log in with a password as before).
  // `posters`: hub.toml [poster] for the API and the console (off by default).
  explicit ConsoleFixture(std::vector<std::string> secondFactorRoles = {}, hub::PosterConfig posters = {});
  ~ConsoleFixture();

  // A browser: its own cookie jar; requests go through the HubRouter.
  struct Browser {
    ConsoleFixture& fixture;
    std::map<std::string, std::string> cookies;
    std::string peer = "10.0.0.1";
    hub::Response get(const std::string& target);
    hub::Response post(const std::string& target, const std::string& form);
    hub::Response send(hub::Request request);
    // A multipart/form-data POST, as a browser sends a file upload.
    struct Part {
      std::string name, content;
      bool file = false;
      std::string fileName = {};
    };
    hub::Response upload(const std::string& target, const std::vector<Part>& parts);
    // Logs in through the form (GET, then POST with the form's CSRF token); true on a 303.
    bool login(const std::string& user, const std::string& password);
    std::string csrf();  // the session's token, read off a page's logout form
  };
  Browser browser() { return Browser{*this, {}, "10.0.0.1"}; }

  // `n` more good votes for hall-01's c-0101, shown under `listVersion`, in the bucket `hour`
  // ("2026-11-17T09:00+08:00"), as one new batch; true when ingested.
  bool addGoodVotes(const std::string& hour, std::int64_t n, std::int64_t listVersion = 1);

  // The residents' pages behind the router too, with these settings; and hall-01-k1 enrolled in
  // hall-01 with `kioskKey` registered, so the codes it signs are taken.
  void openResidentPages(hub::PhoneConfig phone, hub::PublicConfig publicPage);
  // A code as hall-01-k1 shows it now (the kiosk's clock = the hub's), for `commitment` or the list.
  std::string phoneCode(std::optional<std::string> commitment = std::nullopt, std::string hall = "hall-01");
  wire::Ed25519PrivateKey kioskKey = wire::Ed25519PrivateKey::generate();
  std::unique_ptr<hub::phone::ResidentPages> residents;

  std::int64_t now = 1'795'000'000;  // 2026-11-18, a Wednesday
  TempDir dir;
  StoreUnderTest stores{dir.path()};  // SQLite, or PostgreSQL in the postgresql/ runs
  std::unique_ptr<hub::HubStore> store;
  std::unique_ptr<hub::ReadPool> readers;
  std::unique_ptr<hub::AccountStore> accounts;
  std::unique_ptr<hub::CaseStore> cases;
  std::unique_ptr<hub::ReviewStore> reviews;
  std::unique_ptr<hub::ListDraftStore> drafts;
  std::unique_ptr<hub::SecondFactorStore> secondFactors;
  std::unique_ptr<hub::HallDirectory> halls;
  std::unique_ptr<hub::PanelStore> panels;
  std::unique_ptr<hub::SelectionWeightsStore> weights;
  std::unique_ptr<hub::SuggestionStore> suggestions;
  std::unique_ptr<hub::Api> api;
  std::unique_ptr<hub::console::Console> console;
  std::unique_ptr<hub::HubRouter> router;
  std::string staffToken;  // an API bearer token (staff of hall-01)
  // The administrator key the hub trusts (id "k"), which signed both halls' version-1 lists.
  wire::Ed25519PrivateKey listKey = wire::Ed25519PrivateKey::generate();
};

// The text after `marker` up to `end` in a page ("" when the marker is absent): a token or key a
// page shows, or (hiddenCsrf) the first form's CSRF token.
std::string textAfter(const std::string& html, const std::string& marker, char end);
std::string hiddenCsrf(const std::string& html);

// Value of a header (first), "" when absent.
std::string header(const hub::Response& r, const std::string& name);
// A form's body as a browser posts it: the CSRF token, then each field percent-encoded.
std::string formBody(const std::string& csrf, std::initializer_list<std::pair<const char*, std::string>> fields);
// An XLSX download as Excel reads it: `script` (Python, with openpyxl) run on the file, given as
// sys.argv[1]; what it prints.
std::string readXlsx(const std::string& bytes, const std::string& script);
// One sheet of an XLSX download (by name; "" for the first), a line per row, cells joined by '|'
// ("" for an empty one), as openpyxl reads them.
std::string sheetRows(const std::string& bytes, const std::string& sheet = "");
// A 评议会 of hall-01 on c-0101 created now, a 人大代表 seat per grade, each ballot cast: one grade each.
void holdPanel(ConsoleFixture& f, const std::string& title, const std::vector<hub::panel::Grade>& grades);

}  // namespace testing
