#include "console_fixture.hpp"

#include "hub/core/request_decoding.hpp"
#include "hub_process.hpp"

#include <nlohmann/json.hpp>

#include "common/password_hash.hpp"
#include "hub/core/principal.hpp"
#include "wire/crypto.hpp"
#include "wire/heartbeat.hpp"
#include "wire/phone_code.hpp"
#include "wire/rating_batch.hpp"
#include "wire/signed_list.hpp"

namespace testing {

namespace {

std::string listJson(const std::string& hall, const std::string& commitmentId, const std::string& holder,
                     const std::string& unit) {
  nlohmann::json list{{"format", "commitment-list/1"},
                      {"deployment", "zibo-zhangdian"},
                      {"hall", hall},
                      {"version", 1},
                      {"published_at", "2026-11-01T08:00:00+08:00"},
                      {"title", "党员公开承诺"},
                      {"reasons", {{{"code", "attitude"}, {"label", "服务态度差"}}}},
                      {"commitments",
                       {{{"id", commitmentId},
                         {"holder", {{"name", holder}, {"kind", "person"}, {"post", "窗口 1 号"}, {"unit", unit}}},
                         {"term", "annual"},
                         {"title", "一次办好"},
                         {"text", "……"},
                         {"valid_from", "2026-01-01"},
                         {"valid_to", "2026-12-31"}}}}};
  return list.dump();
}

void ingest(hub::HubStore& store, const std::string& hall, const std::string& commitmentId, std::int64_t good,
            std::int64_t poor, std::int64_t seq) {
  wire::RatingBatch batch{hall + "-k1", "00000000-0000-4000-8000-000000000001", seq, "2026-11-18T10:00:00+08:00", {}};
  batch.counts.push_back({commitmentId, 1, "2026-11-18T09:00+08:00", "good", std::nullopt, good, 0});
  batch.counts.push_back({commitmentId, 1, "2026-11-18T10:00+08:00", "poor", std::string("attitude"), poor, 1});
  store.ingest(batch, wire::sha256Hex(wire::encodeBatch(batch)), hall, 1'795'000'000, 0);
}

}  // namespace

ConsoleFixture::ConsoleFixture(std::vector<std::string> secondFactorRoles, hub::PosterConfig posters) {
  store = std::make_unique<hub::HubStore>(stores.hub());
  const auto& key = listKey;
  store->addAdminKey("k", key.publicKey().toPem(), now - 86400);
  store->addList("zibo-zhangdian", "hall-01", 1,
                 wire::signList(listJson("hall-01", "c-0101", "王丽", "区人社局"), "k", key), now - 86400);
  store->addList("zibo-zhangdian", "hall-02", 1,
                 wire::signList(listJson("hall-02", "c-0201", "李强", "区医保局"), "k", key), now - 86400);
  ingest(*store, "hall-01", "c-0101", 30, 20, 1);  // 40 % poor: over the rectification rule
  ingest(*store, "hall-02", "c-0201", 40, 2, 1);
  wire::Heartbeat hb{"1.4.0", 1, 0, 0, 0, "", 5'000'000'000, ""};
  store->heartbeat("hall-01-k1", "hall-01", wire::encodeHeartbeat(hb), now - 30, 0);
  store->heartbeat("hall-02-k1", "hall-02", wire::encodeHeartbeat(hb), now - 30, 0);
  staffToken = hub::newToken();
  store->addToken(hub::tokenHash(staffToken), {hub::Role::Staff, "", {"hall-01"}}, now);

  readers = std::make_unique<hub::ReadPool>(stores.readers(), 2, std::chrono::seconds(10));
  accounts = std::make_unique<hub::AccountStore>(stores.console());
  using hub::UserRole;
  const auto hash = [](const char* password) { return common::hashPassword(password, common::HashCost::Minimal); };
  accounts->addUser("admin", UserRole::Admin, {}, hash("admin-password"), now);
  accounts->addUser("staff1", UserRole::Staff, {"hall-01"}, hash("staff1-password"), now);
  accounts->addUser("staff2", UserRole::Staff, {"hall-02"}, hash("staff2-password"), now);
  accounts->addUser("leader1", UserRole::Leader, {"hall-01"}, hash("leader1-password"), now);
  cases = std::make_unique<hub::CaseStore>(stores.console());
  reviews = std::make_unique<hub::ReviewStore>(stores.console());
  drafts = std::make_unique<hub::ListDraftStore>(stores.console());
  secondFactors = std::make_unique<hub::SecondFactorStore>(stores.console());
  halls = std::make_unique<hub::HallDirectory>(stores.console());
  panels = std::make_unique<hub::PanelStore>(stores.console());
  weights = std::make_unique<hub::SelectionWeightsStore>(stores.console());
  suggestions = std::make_unique<hub::SuggestionStore>(stores.console());
  hub::ApiConfig config{"zibo-zhangdian"};
  config.posters = std::move(posters);
  api = std::make_unique<hub::Api>(
      config, *store, [this] { return now; }, readers.get());
  api->useCaseRecords(*cases, *reviews);
  api->usePanels(*panels);
  api->useSuggestions(*suggestions);
  api->useNames(*halls, *accounts);
  testing::writeFile(dir / "kiosk-ca.pem", "-----BEGIN CERTIFICATE-----\ntest CA\n-----END CERTIFICATE-----\n");
  hub::console::ConsoleConfig consoleConfig;
  consoleConfig.kioskCaFile = dir / "kiosk-ca.pem";
  consoleConfig.secondFactorRoles = std::move(secondFactorRoles);
  consoleConfig.secondFactorKeyFile = dir / "second-factor.key";
  console = std::make_unique<hub::console::Console>(
      consoleConfig, config,
      hub::console::ConsoleStores{*accounts, *cases, *reviews, *drafts, *secondFactors, *halls, *panels, *weights,
                                  *suggestions},
      *readers, [this] { return now; });
  router = std::make_unique<hub::HubRouter>(*api, *console);
}

ConsoleFixture::~ConsoleFixture() = default;

void ConsoleFixture::openResidentPages(hub::PhoneConfig phone, hub::PublicConfig publicPage) {
  store->enrolKiosk("hall-01-k1", "hall-01", hub::tokenHash(hub::newToken()), now);
  store->registerKioskKey("hall-01-k1", kioskKey.publicKey().toPem(), now);
  residents = std::make_unique<hub::phone::ResidentPages>(
      phone, std::move(publicPage), "zibo-zhangdian", *api, *readers, *halls, [this] { return now; }, panels.get(),
      suggestions.get());
  router = std::make_unique<hub::HubRouter>(*api, *console, residents.get());
}

std::string ConsoleFixture::phoneCode(std::optional<std::string> commitment, std::string hall) {
  static int nonce = 0;
  wire::PhoneCode code{"hall-01-k1", std::move(hall), now, "nonce-" + std::to_string(++nonce) + "-abcdef",
                       std::move(commitment)};
  return wire::makePhoneCode(code, kioskKey);
}

bool ConsoleFixture::addGoodVotes(const std::string& hour, std::int64_t n, std::int64_t listVersion) {
  wire::RatingBatch b{"hall-01-k1",
                      "epoch-" + hour.substr(0, 13) + "-v" + std::to_string(listVersion),
                      1,
                      hour.substr(0, 10) + "T18:00:00+08:00",
                      {}};
  b.counts.push_back({"c-0101", listVersion, hour, "good", std::nullopt, n, 0});
  return store->ingest(b, wire::sha256Hex(wire::encodeBatch(b)), "hall-01", now, 0) == hub::IngestResult::Accepted;
}

std::string header(const hub::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

std::string formBody(const std::string& csrf, std::initializer_list<std::pair<const char*, std::string>> fields) {
  std::string out = "csrf=" + csrf;
  for (const auto& [k, v] : fields) out += std::string("&") + k + "=" + hub::urlEncode(v);
  return out;
}

std::string readXlsx(const std::string& bytes, const std::string& script) {
  TempDir dir;
  writeFile(dir / "book.xlsx", bytes);
  const auto read = run("/usr/bin/python3 -c \"" + script + "\" " + (dir / "book.xlsx").string() + " 2>&1");
  if (read.status != 0) throw std::runtime_error("openpyxl could not read the workbook: " + read.out);
  return read.out;
}

void holdPanel(ConsoleFixture& f, const std::string& title, const std::vector<hub::panel::Grade>& grades) {
  hub::PanelInfo panel;
  panel.hall = "hall-01";
  panel.title = title;
  panel.createdUnix = f.now;
  panel.items = {"c-0101"};
  std::vector<hub::PanelSeat> seats;
  std::vector<std::string> codes;
  for (std::size_t i = 0; i < grades.size(); ++i) {
    seats.push_back({0, "npc_deputy", "代表" + std::to_string(i)});
    codes.push_back(std::to_string(5'000'000'000 + static_cast<std::int64_t>(i)));  // ten digits
  }
  f.panels->create(panel, seats, codes);
  for (std::size_t i = 0; i < grades.size(); ++i)
    if (f.panels->cast(codes[i], {{"c-0101", grades[i]}}, f.now) != hub::BallotOutcome::Counted)
      throw std::runtime_error("a panel ballot was not counted");
}

std::string sheetRows(const std::string& bytes, const std::string& sheet) {
  const std::string pick = sheet.empty() ? "wb.worksheets[0]" : "wb['" + sheet + "']";
  return readXlsx(bytes, "import openpyxl,sys\nwb = openpyxl.load_workbook(sys.argv[1])\nws = " + pick +
                             "\nfor r in ws.iter_rows(values_only=True): print('|'.join('' if v is None else str(v) "
                             "for v in r))");
}

hub::Response ConsoleFixture::Browser::send(hub::Request request) {
  std::string jar;
  for (const auto& [k, v] : cookies) jar += (jar.empty() ? "" : "; ") + k + "=" + v;
  request.cookie = jar;
  request.peer = peer;
  hub::Response res = fixture.router->handle(request);
  for (const auto& [k, v] : res.headers) {
    if (k != "Set-Cookie") continue;
    const auto eq = v.find('=');
    const auto semi = v.find(';');
    const std::string name = v.substr(0, eq), value = v.substr(eq + 1, semi - eq - 1);
    if (v.find("Max-Age=0") != std::string::npos) cookies.erase(name);
    else cookies[name] = value;
  }
  return res;
}

hub::Response ConsoleFixture::Browser::get(const std::string& target) { return send({"GET", target, "", "", ""}); }

hub::Response ConsoleFixture::Browser::post(const std::string& target, const std::string& form) {
  return send({"POST", target, "", "", form, "", "application/x-www-form-urlencoded"});
}

hub::Response ConsoleFixture::Browser::upload(const std::string& target, const std::vector<Part>& parts) {
  const std::string boundary = "----formdata-test-7d1f";
  std::string body;
  for (const auto& p : parts) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
    if (p.file) body += "; filename=\"" + p.fileName + "\"\r\nContent-Type: application/octet-stream";
    body += "\r\n\r\n" + p.content + "\r\n";
  }
  body += "--" + boundary + "--\r\n";
  return send({"POST", target, "", "", body, "", "multipart/form-data; boundary=" + boundary});
}

std::string textAfter(const std::string& html, const std::string& marker, char end) {
  const auto at = html.find(marker);
  if (at == std::string::npos) return "";
  return html.substr(at + marker.size(), html.find(end, at + marker.size()) - at - marker.size());
}

std::string hiddenCsrf(const std::string& html) { return textAfter(html, "name=\"csrf\" value=\"", '"'); }

bool ConsoleFixture::Browser::login(const std::string& user, const std::string& password) {
  const auto form = get("/console/login");
  const auto res = post("/console/login", "csrf=" + hiddenCsrf(form.body) + "&login=" + user + "&password=" + password);
  return res.status == 303;
}

std::string ConsoleFixture::Browser::csrf() { return hiddenCsrf(get("/console/kiosks").body); }

}  // namespace testing
