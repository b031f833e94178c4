// The hub's HTTP API as a plain function of a request: authentication, role and hall checks,
// ingest, lists, heartbeats, fleet status, tallies and rectifications. No sockets here, so tests
// exercise every endpoint and role directly; the HTTPS server only moves bytes. Every endpoint is
// one row of the route table (method, path, roles, handler), so what may call what is read in
// one place, with the lane it runs on: writes (ingest, lists, heartbeats) on the server's single
// I/O thread through the HubStore, the one writer; reports (fleet, tallies, rectifications) on
// the reader lane, each on a read-only connection leased from the ReadPool.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "hub/config/settings.hpp"
#include "hub/core/disputes.hpp"
#include "hub/core/http_message.hpp"
#include "hub/core/hub_metrics.hpp"
#include "hub/core/rate_limiter.hpp"
#include "hub/core/rollout.hpp"
#include "hub/core/tally_report.hpp"
#include "hub/store/account_store.hpp"
#include "hub/store/case_store.hpp"
#include "hub/store/hall_directory.hpp"
#include "hub/store/hub_store.hpp"
#include "hub/store/list_catalog.hpp"
#include "hub/store/panel_store.hpp"
#include "hub/store/poster_store.hpp"
#include "hub/store/read_pool.hpp"
#include "hub/store/review_store.hpp"
#include "hub/store/suggestion_store.hpp"
#include "wire/crypto.hpp"
#include "wire/results_board.hpp"

namespace hub {

class Api {
 public:
  using UnixClock = std::function<std::int64_t()>;
  // Without `readers`, reports read through the store's own connection (single-threaded use:
  // tests, tools); with them, Lane::Reader requests may run on any thread, concurrently.
  Api(ApiConfig config, HubStore& store, UnixClock now, ReadPool* readers = nullptr);
  const ApiConfig& config() const { return config_; }

  // The rectification cases and leaders' reviews (console.db): the results' public outcomes, the
  // disputed ratings taken off the tallies, and the ledger's 整改案件 / 领导点评 / 评价复核 sheets.
  // Without them (tests, tools) reports show raw figures and the ledger its 台账 sheet only. Set
  // before serving; the stores outlive the Api (they are thread-safe).
  void useCaseRecords(CaseStore& cases, ReviewStore& reviews) {
    cases_ = &cases;
    reviews_ = &reviews;
  }
  // 评议会: GET /api/v1/panels reads the panels' results, the ledger gains its 评议会 sheet, and a
  // kiosk's panel mode opens and casts ballots. Without it the API knows no panel. Set before
  // serving; the store outlives the Api (it is thread-safe).
  void usePanels(PanelStore& panels) { panels_ = &panels; }
  // 征求意见: the ledger's sheet of suggestions (none: the sheet is left out).
  void useSuggestions(SuggestionStore& suggestions) { suggestions_ = &suggestions; }
  // Who and where, by name: the ledger's sheets show halls' display names and reviewers' 姓名, as
  // the console's do. Without them, ids. Set before serving; the stores outlive the Api.
  void useNames(HallDirectory& halls, AccountStore& accounts) {
    halls_ = &halls;
    accounts_ = &accounts;
  }
  // Counts ingest into `metrics` and serves them on GET /metrics, with the store size measured
  // over `databaseFiles` (SQLite files). Set before serving; `metrics` outlives the Api.
  void setMetrics(HubMetrics* metrics, std::vector<std::filesystem::path> databaseFiles) {
    metrics_ = metrics;
    databaseFiles_ = std::move(databaseFiles);
  }

  RequestHandler::Lane laneOf(const Request& request) const;
  // Any route, /healthz and /readyz included. A database that cannot answer is a 503 with
  // Retry-After on every route that needs it, whatever step needed it (the lease, the token).
  Response handle(const Request& request);
  // The same routes for a caller already authenticated another way: the console acts for a
  // signed-in administrator (enrol, move, revoke, import) without a bearer token. Role checks
  // still apply. Thread-safe: writes are serialised with the I/O thread's.
  Response actAs(const Principal& principal, const Request& request);
  // Every route the API answers, as (method, path): for tests and the metrics' labels.
  static std::vector<std::pair<std::string_view, std::string_view>> routeTable();

  // A resident's vote from a phone (hub/phone), counted as a kiosk's votes are but under its
  // channel (phone or poster), in the hour it arrived in the hall's local time, under the list
  // version the page showed. Its identity is the phone session and the commitment (one vote per
  // commitment per session): the database keeps it, so a second vote is Duplicate (the same) or
  // Conflict (another) on whichever hub it lands. Thread-safe: serialised with the writer lane.
  struct PhoneVote {
    std::string kioskId;  // whose code admitted the session (a poster's: "poster")
    std::string hall;
    std::string session;  // the phone session's id
    std::string commitmentId;
    std::int64_t listVersion = 0;
    std::string rating;                      // good | fair | poor
    std::optional<std::string> reason = {};  // after 差, a code of the hall's list
    std::string channel = std::string(kChannelPhone);
  };
  IngestResult recordPhoneVote(const PhoneVote& vote);
  // Printed posters ([poster]): a new one for each of `commitments` of `hall` (withdrawing the one in
  // force), valid [poster] lifetime_days, issued by `by` ("user:<login>"); one transaction on the
  // writer. The caller checked the hall's switch and that the commitments are on its current list.
  std::vector<poster_store::Poster> issuePosters(const std::string& hall, const std::vector<std::string>& commitments,
                                                 const std::string& by);
  // Withdraws the hall's poster in force for `commitment`: its printed copies stop working at once.
  std::int64_t withdrawPoster(const std::string& hall, const std::string& commitment);
  // 你评我改 for `hall` over the results window: commitments with at least `minimum` counted votes
  // (disputed ratings taken off), with the public outcome of their latest closed rectification.
  // What GET /api/v1/results answers a kiosk and the public page shows. Any lane.
  wire::ResultsBoard resultsBoard(const std::string& hall, std::int64_t minimum, common::sql::Database& db);

 private:
  using Query = std::map<std::string, std::string>;
  using Db = common::sql::Database;
  std::optional<Response> probe(const Request& r);  // /healthz and /readyz, or nothing
  Response ingestBatch(const Principal& p, const Request& r, const Query& q, Db& db);
  Response registerKioskKey(const Principal& p, const Request& r, const Query& q, Db& db);
  Response enrolKiosk(const Principal& p, const Request& r, const Query& q, Db& db);
  Response moveKiosk(const Principal& p, const Request& r, const Query& q, Db& db);
  Response revokeKiosk(const Principal& p, const Request& r, const Query& q, Db& db);
  Response commandKiosk(const Principal& p, const Request& r, const Query& q, Db& db);
  Response currentList(const Principal& p, const Request& r, const Query& q, Db& db);
  Response publishList(const Principal& p, const Request& r, const Query& q, Db& db);
  Response currentSettings(const Principal& p, const Request& r, const Query& q, Db& db);
  Response publishSettings(const Principal& p, const Request& r, const Query& q, Db& db);
  Response heartbeat(const Principal& p, const Request& r, const Query& q, Db& db);
  Response kioskScreenshot(const Principal& p, const Request& r, const Query& q, Db& db);
  // Software updates (update_routes.cpp).
  Response publishUpdate(const Principal& p, const Request& r, const Query& q, Db& db);
  Response uploadUpdatePackage(const Principal& p, const Request& r, const Query& q, Db& db);
  Response controlRollout(const Principal& p, const Request& r, const Query& q, Db& db);
  Response currentUpdate(const Principal& p, const Request& r, const Query& q, Db& db);
  Response updatePackage(const Principal& p, const Request& r, const Query& q, Db& db);
  Response kiosks(const Principal& p, const Request& r, const Query& q, Db& db);
  Response tallies(const Principal& p, const Request& r, const Query& q, Db& db);
  Response rectifications(const Principal& p, const Request& r, const Query& q, Db& db);
  Response results(const Principal& p, const Request& r, const Query& q, Db& db);
  Response metrics(const Principal& p, const Request& r, const Query& q, Db& db);
  // 评议会 (panel_routes.cpp).
  Response panels(const Principal& p, const Request& r, const Query& q, Db& db);
  Response openPanelBallot(const Principal& p, const Request& r, const Query& q, Db& db);
  Response castPanelBallot(const Principal& p, const Request& r, const Query& q, Db& db);
  Response report(const Principal& p, const Query& q, bool rectificationsOnly, Db& db);
  Ledger ledger(const TallyReport& built, const std::optional<std::vector<std::string>>& halls, const std::string& hall,
                const std::string& lang, Db& db);
  Response route(const Request& r, Db& db);

  struct Route {
    std::string_view method, path;
    std::vector<Role> roles;
    RequestHandler::Lane lane;
    Response (Api::*handler)(const Principal&, const Request&, const Query&, Db&);
  };
  Response dispatch(const Route& route, const Principal& p, const Request& r, Db& db);
  // Seconds a kiosk must wait before this request is looked at, if any (writer lane, under writer_).
  std::optional<std::int64_t> kioskMustWait(const Route& route, const Principal& p);
  // A kiosk's registered key, parsed once (writer lane only, under writer_).
  const wire::Ed25519PublicKey& publicKeyOf(const std::string& kioskId, const std::string& pem);
  static const std::vector<Route>& routes();
  // (null, true) for a known path with another method; (null, false) for an unknown path.
  static const Route* find(const Request& r);
  static std::pair<const Route*, bool> match(const std::string& method, std::string_view path);

  ApiConfig config_;
  HubStore& store_;
  UnixClock now_;
  ReadPool* readers_;
  RateLimiter ingestLimiter_;   // count rows per kiosk (writer lane only, under writer_)
  RateLimiter requestLimiter_;  // requests per kiosk (writer lane only, under writer_)
  CaseStore* cases_ = nullptr;
  ReviewStore* reviews_ = nullptr;
  PanelStore* panels_ = nullptr;
  SuggestionStore* suggestions_ = nullptr;
  HallDirectory* halls_ = nullptr;
  AccountStore* accounts_ = nullptr;
  ListCatalog catalog_;  // parsed lists, for the ledger's names
  HubMetrics* metrics_ = nullptr;
  std::vector<std::filesystem::path> databaseFiles_;
  // Held for every write: the I/O thread's requests and the console's actAs calls take turns on
  // the one store connection (a console import holds it per batch, not for the whole upload).
  std::mutex writer_;
  static constexpr std::size_t kMaxCachedKeys = 100'000;
  std::unordered_map<std::string, std::pair<std::string, wire::Ed25519PublicKey>> kioskKeys_;  // id -> (PEM, key)
  // Under writer_: the local day the kiosks' old day sums were last trimmed: the first heartbeat of
  // each day trims them all, the others only add (one statement per heartbeat on PostgreSQL).
  std::string daysTrimmedOn_;
  // Which rings of the published update are due, worked out from every kiosk's heartbeat at most
  // every kRolloutRecheckSeconds: hundreds of kiosks ask each minute, and parsing the whole fleet's
  // heartbeats for each would be the hub's busiest work. A pause, a resume or an advance (a new
  // control) and a new manifest count at once; a ring that became due by its kiosks' health is
  // served within the interval — at once when a kiosk first reports itself healthy on the published
  // version (noteHealthy, from its heartbeat: a kiosk keeps saying `healthy` in every heartbeat
  // after an update, and only its first word for this version can change a ring). Under
  // rolloutMutex_ (reader lanes share it).
  static constexpr std::int64_t kRolloutRecheckSeconds = 30;
  struct RolloutDue {
    std::int64_t manifestId = -1;
    std::string version;                  // the manifest's, for noteHealthy
    std::set<std::string> healthyKiosks;  // already said `healthy` for it (bounded by the fleet)
    RolloutControl control;
    std::int64_t workedOutUnix = 0;
    std::vector<bool> due;
  };
  std::mutex rolloutMutex_;
  RolloutDue rolloutDue_;
  bool rolloutStale_ = false;
  void noteHealthy(const std::string& kioskId, const std::string& version);
  bool ringDue(Db& db, const wire::UpdateManifest& manifest, const RolloutControl& control, const Principal& p);
};

}  // namespace hub
