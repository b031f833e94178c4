#include "hub/api/api.hpp"
#include "hub/core/bucket_clock.hpp"
#include "hub/core/console_paths.hpp"
#include "hub/core/request_decoding.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "api_responses.hpp"
#include "common/iso_time.hpp"
#include "hub/export/ledger_builder.hpp"
#include "hub/export/xlsx_book.hpp"
#include "hub/store/command_store.hpp"
#include "hub/store/screenshot_store.hpp"
#include "hub/store/settings_store.hpp"
#include "hub/store/tally_queries.hpp"
#include "wire/crypto.hpp"
#include "wire/endpoints.hpp"
#include "wire/enrolment.hpp"
#include "wire/heartbeat.hpp"
#include "wire/json_input.hpp"
#include "wire/kiosk_screenshot.hpp"
#include "wire/kiosk_settings.hpp"
#include "wire/phone_code.hpp"
#include "wire/results_board.hpp"
#include "wire/signed_list.hpp"

namespace hub {

using nlohmann::json;
using namespace api_detail;

namespace {

// RFC 9112: a request target is visible ASCII; anything else must be percent-encoded.
bool isVisibleAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

// A batch refused for its signature, not its contents: the same bytes, signed with the kiosk's
// registered key, will be taken. `"reason":"signature"` tells the kiosk to keep the batch queued
// (its key is missing or damaged) rather than set it aside for good.
Response signatureRefused(const std::string& message) {
  return jsonResponse(422, {{"error", message}, {"reason", wire::kSignatureRefusal}});
}

// Holder names and titles from a hall's current list, to label tally rows for people.
// The hall's published lists, oldest first, parsed: what names each row as residents saw it.
ListHistory historyFor(common::sql::Database& db, const std::string& deployment, const std::string& hall) {
  ListHistory history;
  for (const auto& v : queries::listVersions(db, deployment, hall)) {
    try {
      history.push_back(std::make_shared<const wire::CommitmentList>(
          wire::parseCommitmentList(wire::parseSignedEnvelope(v.envelope).payload)));
    } catch (const std::exception&) {
      // Stored lists were verified on the way in; labels are a convenience, tallies stand without.
    }
  }
  return history;
}

// An administrator's kiosk request into `ref`, or the 400 naming its bad field.
std::optional<Response> kioskRefOf(const std::string& body, bool needHall, wire::KioskRef& ref) {
  try {
    ref = wire::parseKioskRef(body, needHall);
  } catch (const wire::EnrolmentError& e) {
    return error(400, e.what());
  }
  return std::nullopt;
}

}  // namespace

Api::Api(ApiConfig config, HubStore& store, UnixClock now, ReadPool* readers)
    : config_(std::move(config)), store_(store), now_(std::move(now)), readers_(readers),
      ingestLimiter_(static_cast<double>(std::max<std::int64_t>(config_.kioskRowsPerMinute,
                                                                static_cast<std::int64_t>(wire::kMaxBatchCounts))),
                     static_cast<double>(config_.kioskRowsPerMinute) / 60.0),
      requestLimiter_(static_cast<double>(std::max<std::int64_t>(1, config_.kioskRequestsPerMinute)),
                      static_cast<double>(config_.kioskRequestsPerMinute) / 60.0),
      catalog_(config_.deployment) {}

std::vector<std::pair<std::string_view, std::string_view>> Api::routeTable() {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (const auto& route : routes()) out.emplace_back(route.method, route.path);
  return out;
}

const std::vector<Api::Route>& Api::routes() {
  namespace ep = wire::endpoint;
  constexpr auto W = RequestHandler::Lane::Writer;
  constexpr auto R = RequestHandler::Lane::Reader;
  static const std::vector<Route> table{
      {"POST", ep::kBatches, {Role::Kiosk, Role::Admin}, W, &Api::ingestBatch},
      {"POST", ep::kKioskKey, {Role::Kiosk}, W, &Api::registerKioskKey},
      {"POST", ep::kKiosks, {Role::Admin}, W, &Api::enrolKiosk},
      {"POST", ep::kKioskMove, {Role::Admin}, W, &Api::moveKiosk},
      {"POST", ep::kKioskRevoke, {Role::Admin}, W, &Api::revokeKiosk},
      {"POST", ep::kKioskCommand, {Role::Admin}, W, &Api::commandKiosk},
      {"GET", ep::kCurrentList, {Role::Kiosk}, W, &Api::currentList},
      {"POST", ep::kLists, {Role::Admin}, W, &Api::publishList},
      {"GET", ep::kCurrentSettings, {Role::Kiosk}, R, &Api::currentSettings},
      {"POST", ep::kSettings, {Role::Admin}, W, &Api::publishSettings},
      {"POST", ep::kHeartbeat, {Role::Kiosk}, W, &Api::heartbeat},
      {"POST", ep::kKioskScreenshot, {Role::Kiosk}, W, &Api::kioskScreenshot},
      {"POST", ep::kUpdates, {Role::Admin}, W, &Api::publishUpdate},
      {"POST", ep::kUpdatePackage, {Role::Admin}, W, &Api::uploadUpdatePackage},
      {"POST", ep::kUpdateRollout, {Role::Admin}, W, &Api::controlRollout},
      {"GET", ep::kCurrentUpdate, {Role::Kiosk}, R, &Api::currentUpdate},
      {"GET", ep::kUpdatePackageFile, {Role::Kiosk}, R, &Api::updatePackage},
      {"GET", ep::kKiosks, {Role::Staff, Role::Admin}, R, &Api::kiosks},
      {"GET", ep::kTallies, {Role::Staff, Role::Admin}, R, &Api::tallies},
      {"GET", ep::kRectifications, {Role::Staff, Role::Admin}, R, &Api::rectifications},
      {"GET", ep::kResults, {Role::Kiosk}, R, &Api::results},
      {"GET", ep::kMetrics, {Role::Metrics, Role::Admin}, R, &Api::metrics},
      {"GET", ep::kPanels, {Role::Staff, Role::Admin}, R, &Api::panels},
      // On the writer lane, so each try at a code is one of the kiosk's limited requests.
      {"GET", ep::kPanelBallots, {Role::Kiosk}, W, &Api::openPanelBallot},
      {"POST", ep::kPanelBallots, {Role::Kiosk}, W, &Api::castPanelBallot},
  };
  return table;
}

std::pair<const Api::Route*, bool> Api::match(const std::string& method, std::string_view path) {
  bool pathKnown = false;
  for (const auto& candidate : routes()) {
    // A pattern's {…} is one path segment (console_paths.hpp's rule, shared with the metrics' labels).
    if (candidate.path != path &&
        !(candidate.path.find('{') != std::string_view::npos && console_path::match(candidate.path, path)))
      continue;
    pathKnown = true;
    if (candidate.method == method) return {&candidate, true};
  }
  return {nullptr, pathKnown};
}

const Api::Route* Api::find(const Request& r) {
  return match(r.method, std::string_view(r.target).substr(0, r.target.find('?'))).first;
}

RequestHandler::Lane Api::laneOf(const Request& r) const {
  const std::string_view path = std::string_view(r.target).substr(0, r.target.find('?'));
  if (path == wire::endpoint::kHealth) return RequestHandler::Lane::Inline;
  if (path == wire::endpoint::kReady && readers_) return RequestHandler::Lane::Reader;
  const Route* route = find(r);
  return route && readers_ ? route->lane : RequestHandler::Lane::Writer;
}

// Liveness and readiness answer anyone, without a token: a load balancer or systemd asks them.
// /healthz never touches the database, so it answers while the database does not; /readyz runs
// one trivial query and says whether the database answered.
std::optional<Response> Api::probe(const Request& r) {
  const std::string_view path = std::string_view(r.target).substr(0, r.target.find('?'));
  if (path != wire::endpoint::kHealth && path != wire::endpoint::kReady) return std::nullopt;
  if (r.method != "GET") return error(405, "use GET");
  if (path == wire::endpoint::kHealth) return jsonResponse(200, {{"status", "ok"}});
  try {
    const auto ask = [](Db& db) {
      common::sql::Statement one(db, "SELECT 1");
      one.step();
    };
    if (readers_) {
      auto lease = readers_->lease();
      ask(lease.db());
    } else {
      std::lock_guard lock(writer_);
      ask(store_.database());
    }
    return jsonResponse(200, {{"status", "ready"}, {"database", "ok"}});
  } catch (const common::sql::Error& e) {
    Response res = jsonResponse(503, {{"status", "not_ready"}, {"database", "unavailable"}, {"error", e.what()}});
    res.headers.emplace_back("Retry-After", "5");
    return res;
  }
}

namespace {

// The database could not answer (gone, frozen, restarting, or a report over its time limit): the
// client retries later, and nothing it sent was half-stored.
Response storageUnavailable(const common::sql::Error& e) {
  Response res = error(503, std::string("storage unavailable: ") + e.what());
  res.headers.emplace_back("Retry-After", "30");
  return res;
}

}  // namespace

Response Api::handle(const Request& r) {
  if (auto answer = probe(r)) return *answer;
  // Everything that touches the database is inside: the lease, the token lookup, the route.
  try {
    if (readers_ && laneOf(r) == RequestHandler::Lane::Reader) {
      auto lease = readers_->lease();
      return route(r, lease.db());
    }
    std::lock_guard lock(writer_);
    return route(r, store_.database());
  } catch (const common::sql::Error& e) {
    return storageUnavailable(e);
  }
}

Response Api::actAs(const Principal& principal, const Request& r) {
  const Route* found = find(r);
  if (!found) return error(404, "no such endpoint: " + r.target.substr(0, r.target.find('?')));
  try {
    if (readers_ && found->lane == RequestHandler::Lane::Reader) {
      auto lease = readers_->lease();
      return dispatch(*found, principal, r, lease.db());
    }
    std::lock_guard lock(writer_);
    return dispatch(*found, principal, r, store_.database());
  } catch (const common::sql::Error& e) {
    return storageUnavailable(e);
  }
}

Response Api::dispatch(const Route& route, const Principal& p, const Request& r, Db& db) {
  Response res;
  if (std::find(route.roles.begin(), route.roles.end(), p.role) == route.roles.end()) {
    res = error(403, "role " + std::string(nameOf(p.role)) + " may not use " + std::string(route.path));
  } else if (const auto wait = kioskMustWait(route, p)) {
    res = error(429, "kiosk " + p.kioskId + " made more than " + std::to_string(config_.kioskRequestsPerMinute) +
                         " requests a minute, or sent more count rows than it may; retry in " + std::to_string(*wait) +
                         " s");
    res.headers.emplace_back("Retry-After", std::to_string(*wait));
  } else {
    std::string badField;
    const auto query = parseFields(queryOf(r.target), &badField);
    if (!query) return error(400, "query parameter " + badField + " is not valid percent-encoded UTF-8");
    try {
      res = (this->*route.handler)(p, r, *query, db);
    } catch (const common::sql::Error& e) {
      res = storageUnavailable(e);
    }
  }
  res.principal = std::string(nameOf(p.role)) + (p.kioskId.empty() ? "" : ":" + p.kioskId);
  return res;
}

// A kiosk over its request budget — or, for an upload, whose bucket cannot yet pay what its last
// refused upload cost — is told to wait before its body is parsed or verified: a flood costs the
// hub a token lookup per request, not a JSON parse and a signature check. Writer-lane routes only: their limiters are
// guarded by writer_. Administrators (a USB import) are not kiosks and are not limited here.
std::optional<std::int64_t> Api::kioskMustWait(const Route& route, const Principal& p) {
  if (p.role != Role::Kiosk || route.lane != RequestHandler::Lane::Writer) return std::nullopt;
  const std::int64_t now = now_();
  if (route.handler == &Api::ingestBatch)
    if (const auto wait = ingestLimiter_.owedWait(p.kioskId, now)) return wait;
  return requestLimiter_.take(p.kioskId, 1, now);
}

Response Api::route(const Request& r, Db& db) {
  if (!isVisibleAscii(r.target) || r.target.empty() || r.target.front() != '/')
    return error(400, "the request target must be a path of visible ASCII (percent-encode other bytes)");
  const std::string path = r.target.substr(0, r.target.find('?'));

  const auto [route, pathKnown] = match(r.method, path);
  if (!pathKnown) return error(404, "no such endpoint: " + path);
  if (!route) return error(405, "method " + r.method + " not allowed on " + path);

  // Authentication before anything about the request is looked at.
  constexpr std::string_view kBearer = "Bearer ";
  if (r.authorization.rfind(kBearer, 0) != 0) {
    Response res = error(401, "a bearer token is required");
    res.headers.emplace_back("WWW-Authenticate", "Bearer");
    return res;
  }
  const auto principal = queries::principalFor(db, tokenHash(r.authorization.substr(kBearer.size())));
  if (!principal) {
    Response res = error(401, "unknown token");
    res.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    return res;
  }
  return dispatch(*route, *principal, r, db);
}

Response Api::ingestBatch(const Principal& p, const Request& r, const Query&, Db& db) {
  wire::RatingBatch batch;
  try {
    batch = wire::parseBatch(r.body);
  } catch (const wire::BatchError& e) {
    // Parsing it was work: a kiosk pays for it in rows' worth of its size (a count row takes at
    // least ~100 bytes), so a flood of junk runs into the row limit like a flood of batches.
    if (p.role == Role::Kiosk)
      ingestLimiter_.charge(p.kioskId, std::max<double>(1, static_cast<double>(r.body.size()) / 100), now_());
    return error(400, std::string("bad rating-batch/1: ") + e.what());
  }
  // A kiosk posts its own batches; an administrator may post any enrolled kiosk's (a USB export),
  // filed in the kiosk's hall and recorded with who imported them.
  std::string hall = hallOf(p);
  BatchProvenance provenance;
  if (p.role == Role::Admin) {
    const auto enrolled = queries::enrolledHall(db, batch.kioskId);
    if (!enrolled) return error(403, "kiosk " + batch.kioskId + " is not enrolled (or was revoked)");
    hall = *enrolled;
    provenance.importedBy = p.name.empty() ? "admin" : p.name;
  } else if (batch.kioskId != p.kioskId) {
    return error(403, "this token belongs to kiosk " + p.kioskId + ", not " + batch.kioskId);
  }
  // Signed batches: once the kiosk has a registered key, only bytes it signed count — whoever
  // carries them. An administrator's import needs the key too: nobody adds votes no kiosk counted.
  const auto key = store_.kioskKey(batch.kioskId);
  if (!key && p.role == Role::Admin)
    return error(422, "kiosk " + batch.kioskId +
                          " has no registered key, so its batches cannot be verified: enrol it with its public key "
                          "(kiosk-key.pub.pem in its USB export)");
  if (key) {
    if (r.kioskSignature.empty())
      return signatureRefused("batch refused: kiosk " + batch.kioskId + " signs its batches, and this one carries no " +
                              std::string(wire::kSignatureHeader));
    bool verified = false;
    try {
      verified = publicKeyOf(batch.kioskId, *key).verify(r.body, wire::base64Decode(r.kioskSignature));
    } catch (const wire::CryptoError&) {
      verified = false;  // not base64, or a stored key OpenSSL no longer reads: refused either way
    }
    if (!verified)
      return signatureRefused("batch refused: its signature does not verify against kiosk " + batch.kioskId + "'s key");
    provenance.signature = r.kioskSignature;
  }
  const std::int64_t now = now_();
  const auto rows = static_cast<double>(std::max<std::size_t>(1, batch.counts.size()));
  // The row limit guards the hub from one kiosk's flood; an administrator importing a month of a
  // kiosk's USB export is not that, and must get through in one run (signatures still checked).
  const auto wait = p.role == Role::Kiosk ? ingestLimiter_.take(batch.kioskId, rows, now) : std::nullopt;
  if (wait) {
    Response res =
        error(429, "kiosk " + batch.kioskId + " sent more than " + std::to_string(config_.kioskRowsPerMinute) +
                       " count rows a minute; retry in " + std::to_string(*wait) + " s");
    res.headers.emplace_back("Retry-After", std::to_string(*wait));
    return res;
  }
  const auto kioskTime = common::parseIsoTime(batch.createdAt);
  const std::int64_t offset = kioskTime ? *kioskTime - now : 0;
  // A batch cannot have been frozen in the future, and no kiosk holds votes for over a year: such a
  // created_at means the kiosk's clock is wrong, and so are its buckets; a single bucket in such an
  // hour was counted under a wrong clock corrected before the batch was frozen. Those counts are
  // filed by the hub's own received_at (the offset is kept with the batch, shown in the fleet
  // view). An offline kiosk's late upload (created_at days back) is normal and filed as sent.
  const Refiled refiled = refileImpossibleTimes(batch, now, kioskTime);
  switch (store_.ingest(batch, wire::sha256Hex(r.body), hall, now, offset, provenance)) {
    case IngestResult::Accepted: {
      if (metrics_) {
        std::int64_t votes = 0;
        for (const auto& c : batch.counts) votes += c.n;
        metrics_->countIngested(votes);
      }
      json body{{"status", "accepted"}, {"batch_seq", batch.batchSeq}};
      if (refiled.wholeBatch) body["filed_by"] = "received_at";  // the kiosk's clock was off by offset seconds
      else if (refiled.buckets > 0) body["refiled_buckets"] = refiled.buckets;
      return jsonResponse(201, body);
    }
    case IngestResult::Duplicate:
      if (metrics_) metrics_->countDuplicate();
      return jsonResponse(200, {{"status", "duplicate"}, {"batch_seq", batch.batchSeq}});
    case IngestResult::Conflict:
      return error(409, "batch " + std::to_string(batch.batchSeq) + " of epoch " + batch.epoch +
                            " was already received with different contents");
  }
  return error(500, "unreachable");
}

const wire::Ed25519PublicKey& Api::publicKeyOf(const std::string& kioskId, const std::string& pem) {
  // Parsing a PEM key costs OpenSSL several times what verifying a signature does; the stored PEM
  // is read each time anyway (cheap), so a re-enrolled kiosk's new key replaces the cached one.
  auto it = kioskKeys_.find(kioskId);
  if (it == kioskKeys_.end() || it->second.first != pem) {
    if (kioskKeys_.size() >= kMaxCachedKeys) kioskKeys_.clear();  // bounded: a province's kiosks fit
    it = kioskKeys_.insert_or_assign(kioskId, std::make_pair(pem, wire::Ed25519PublicKey::fromPem(pem))).first;
  }
  return it->second.second;
}

Response Api::registerKioskKey(const Principal& p, const Request& r, const Query&, Db&) {
  std::string pem;
  try {
    pem = wire::parseKioskKey(r.body);
  } catch (const wire::EnrolmentError& e) {
    return error(400, e.what());
  }
  switch (store_.registerKioskKey(p.kioskId, pem, now_())) {
    case KeyRegistration::Registered: return jsonResponse(201, {{"status", "registered"}});
    case KeyRegistration::Same: return jsonResponse(200, {{"status", "registered"}});
    case KeyRegistration::Different: break;
  }
  return error(409, "kiosk " + p.kioskId +
                        " already has another key registered: if this machine was replaced or reinstalled, an "
                        "administrator must revoke and enrol it again");
}

Response Api::enrolKiosk(const Principal&, const Request& r, const Query&, Db&) {
  wire::KioskRef ref;
  if (auto refused = kioskRefOf(r.body, true, ref)) return *refused;
  wire::Enrolment answer{ref.kioskId, ref.hall, config_.deployment, newToken(), {}};
  for (const auto& [id, pem] : store_.adminKeys()) answer.trustedKeys[id] = pem;
  if (answer.trustedKeys.empty())
    return error(409,
                 "the hub trusts no administrator key yet, so a kiosk could accept no list: add one first "
                 "(kiosk-hub key add)");
  if (!store_.enrolKiosk(ref.kioskId, ref.hall, tokenHash(answer.token), now_()))
    return error(409, "kiosk " + ref.kioskId + " is enrolled already: revoke it first to enrol it again");
  if (!ref.publicKey.empty()) store_.registerKioskKey(ref.kioskId, ref.publicKey, now_());
  return {201, "application/json", wire::encodeEnrolment(answer) + "\n", {{"Cache-Control", "no-store"}}};
}

Response Api::moveKiosk(const Principal&, const Request& r, const Query&, Db&) {
  wire::KioskRef ref;
  if (auto refused = kioskRefOf(r.body, true, ref)) return *refused;
  if (!store_.moveKiosk(ref.kioskId, ref.hall)) return error(404, "kiosk " + ref.kioskId + " is not enrolled");
  return jsonResponse(200, {{"status", "moved"}, {"kiosk_id", ref.kioskId}, {"hall", ref.hall}});
}

Response Api::revokeKiosk(const Principal&, const Request& r, const Query&, Db&) {
  wire::KioskRef ref;
  if (auto refused = kioskRefOf(r.body, false, ref)) return *refused;
  if (store_.revokeKiosk(ref.kioskId) == 0) return error(404, "kiosk " + ref.kioskId + " is not enrolled");
  return jsonResponse(200, {{"status", "revoked"}, {"kiosk_id", ref.kioskId}});
}

Response Api::commandKiosk(const Principal& p, const Request& r, const Query&, Db&) {
  wire::CommandRequest request;
  try {
    request = wire::parseCommandRequest(r.body);
  } catch (const wire::CommandError& e) {
    return error(400, e.what());
  }
  bool enrolled = false;
  for (const auto& [kioskId, hall] : store_.enrolledKiosks()) enrolled = enrolled || kioskId == request.kioskId;
  if (!enrolled) return error(404, "kiosk " + request.kioskId + " is not enrolled");
  const std::int64_t now = now_();
  const std::string id = command_store::add(store_.database(), request.kioskId, request.kind, now,
                                            now + wire::kCommandLifetimeSeconds, p.name);
  return jsonResponse(201, {{"status", "queued"},
                            {"id", id},
                            {"kiosk_id", request.kioskId},
                            {"kind", wire::nameOf(request.kind)},
                            {"expires", now + wire::kCommandLifetimeSeconds}});
}

Response Api::currentList(const Principal& p, const Request& r, const Query&, Db&) {
  const std::string hall = hallOf(p);
  const auto list = store_.currentList(config_.deployment, hall);
  if (!list) return error(404, "no list has been published for hall " + hall);
  return cacheable(r, list->envelope, list->etag);
}

Response Api::results(const Principal& p, const Request& r, const Query&, Db& db) {
  if (!config_.results.enabled) return error(404, "results for residents are switched off on this hub");
  return cacheable(r, wire::encodeResults(resultsBoard(hallOf(p), config_.results.publicMinimum, db)));
}

wire::ResultsBoard Api::resultsBoard(const std::string& hall, std::int64_t minimum, Db& db) {
  const std::int64_t today = common::dayNumber(common::isoDay(now_() + config_.results.utcOffsetMinutes * 60));
  const std::string from = common::dayText(today - config_.results.windowDays + 1), to = common::dayText(today);
  const auto outcomes = cases_ ? cases_->closedOutcomes(hall) : std::map<std::string, std::string>{};
  wire::ResultsBoard board{hall, from, to, {}};
  // Ratings found mistaken on re-review do not count for what residents are told.
  const auto adjusted = cases_
                            ? queries::adjustments(db, cases_->disputedRanges(std::vector<std::string>{hall}), from, to)
                            : std::map<std::pair<std::string, std::string>, queries::Adjustment>{};
  for (const auto& t : queries::tallies(db, from, to, std::vector<std::string>{hall}, TallyGroup::Commitment)) {
    wire::TallyCounts n{t.good, t.fair, t.poor};
    if (const auto a = adjusted.find({t.hall, t.commitmentId}); a != adjusted.end())
      n = adjustedCounts(n, a->second.disputed);
    if (n.total() < minimum) continue;  // never small numbers: raters stay unidentifiable
    const auto outcome = outcomes.find(t.commitmentId);
    board.results.push_back({t.commitmentId, n.total(), wire::sharesOf(n).satisfaction, from, to,
                             outcome != outcomes.end() ? outcome->second : ""});
  }
  return board;
}

IngestResult Api::recordPhoneVote(const PhoneVote& vote) {
  const std::int64_t now = now_();
  const std::int64_t offsetSeconds = config_.results.utcOffsetMinutes * 60;
  // The hour it arrived, in the hall's local time, labelled as kiosks label their buckets.
  const std::int64_t hourStart = now - ((now + offsetSeconds) % 3600 + 3600) % 3600;
  wire::RatingBatch batch;
  batch.kioskId = vote.kioskId;
  batch.epoch = vote.channel + ":" + vote.session + ":" + vote.commitmentId;
  batch.batchSeq = 1;
  batch.createdAt = common::isoTimestamp({now, static_cast<std::int32_t>(offsetSeconds)});
  batch.counts.push_back({vote.commitmentId, vote.listVersion,
                          common::isoMinute({hourStart, static_cast<std::int32_t>(offsetSeconds)}), vote.rating,
                          vote.reason, 1, 0});
  // The same vote again is a duplicate, another rating for the same commitment a conflict.
  const std::string digest = wire::sha256Hex(vote.rating + "/" + vote.reason.value_or(""));
  std::lock_guard lock(writer_);
  return store_.ingest(batch, digest, vote.hall, now, 0, {"", "", vote.channel});
}

std::vector<poster_store::Poster> Api::issuePosters(const std::string& hall,
                                                    const std::vector<std::string>& commitments,
                                                    const std::string& by) {
  const std::int64_t now = now_();
  std::vector<poster_store::Poster> posters;
  for (const auto& c : commitments)
    posters.push_back({wire::newPosterCode(), hall, c, now, now + config_.posters.lifetimeDays * 86'400, by});
  std::lock_guard lock(writer_);
  poster_store::issue(store_.database(), posters, now);
  return posters;
}

std::int64_t Api::withdrawPoster(const std::string& hall, const std::string& commitment) {
  std::lock_guard lock(writer_);
  return poster_store::withdraw(store_.database(), hall, commitment, now_());
}

Response Api::publishList(const Principal& p, const Request& r, const Query&, Db&) {
  const wire::TrustedKeys trusted = trustedKeysOf(store_);
  wire::CommitmentList list;
  try {
    list = wire::verifySignedList(r.body, trusted);
  } catch (const wire::ListError& e) {
    return error(422, std::string("list refused: ") + e.what());
  }
  if (list.deployment != config_.deployment)
    return error(422,
                 "list refused: it is for deployment " + list.deployment + ", this hub serves " + config_.deployment);
  if (auto latest = store_.latestListVersion(list.deployment, list.hall); latest && list.version <= *latest)
    return error(409, "list version " + std::to_string(list.version) + " is not higher than the published version " +
                          std::to_string(*latest) + " for hall " + list.hall);
  store_.addList(list.deployment, list.hall, list.version, r.body, now_(), p.name);
  return jsonResponse(201, {{"status", "published"},
                            {"hall", list.hall},
                            {"version", list.version},
                            {"commitments", list.commitments.size()}});
}

Response Api::currentSettings(const Principal& p, const Request& r, const Query&, Db& db) {
  const std::string hall = hallOf(p);
  const auto hallOwn = settings_store::current(db, config_.deployment, hall, "");
  const auto kioskOwn = settings_store::current(db, config_.deployment, hall, p.kioskId);
  if (!hallOwn && !kioskOwn) return error(404, "no kiosk settings have been published for hall " + hall);
  return cacheable(r,
                   wire::encodeCurrentSettings({hallOwn ? hallOwn->envelope : "", kioskOwn ? kioskOwn->envelope : ""}));
}

Response Api::publishSettings(const Principal& p, const Request& r, const Query&, Db&) {
  const wire::TrustedKeys trusted = trustedKeysOf(store_);
  wire::KioskSettings settings;
  try {
    settings = wire::verifySignedSettings(r.body, trusted);
  } catch (const wire::SettingsError& e) {
    return error(422, std::string("settings refused: ") + e.what());
  }
  if (settings.deployment != config_.deployment)
    return error(422, "settings refused: they are for deployment " + settings.deployment + ", this hub serves " +
                          config_.deployment);
  if (!settings.kiosk.empty()) {
    // A kiosk's own settings are for a kiosk of that hall: a typo must not sit unused for ever.
    bool inHall = false;
    for (const auto& [kioskId, hall] : store_.enrolledKiosks())
      inHall = inHall || (kioskId == settings.kiosk && hall == settings.hall);
    if (!inHall)
      return error(422, "settings refused: kiosk " + settings.kiosk + " is not enrolled in hall " + settings.hall);
  }
  auto& db = store_.database();
  if (auto latest = settings_store::latestVersion(db, settings.deployment, settings.hall, settings.kiosk);
      latest && settings.version <= *latest)
    return error(409, "settings version " + std::to_string(settings.version) +
                          " is not higher than the published version " + std::to_string(*latest) + " for " +
                          (settings.kiosk.empty() ? "hall " + settings.hall : "kiosk " + settings.kiosk));
  settings_store::add(db, settings.deployment,
                      {settings.hall, settings.kiosk, settings.version, r.body, now_(), p.name});
  return jsonResponse(201, {{"status", "published"},
                            {"hall", settings.hall},
                            {"kiosk", settings.kiosk},
                            {"version", settings.version},
                            {"keys", settings.values.size()}});
}

Response Api::heartbeat(const Principal& p, const Request& r, const Query&, Db&) {
  wire::Heartbeat hb;
  try {
    hb = wire::parseHeartbeat(r.body);
  } catch (const wire::HeartbeatError& e) {
    return error(400, e.what());
  }
  const std::int64_t now = now_();
  std::int64_t offset = 0;
  if (auto kioskTime = common::parseIsoTime(hb.kioskTime)) offset = *kioskTime - now;
  // The normalised encoding, never the body as sent: only known fields, of known types and sizes.
  // Kept without the acknowledgements: they go to the commands they answer, not the fleet view.
  std::vector<wire::CommandAck> acks = std::move(hb.acks);
  hb.acks.clear();
  // Touches and time open summed per local day: a panel open for hours without a touch is flagged on 终端.
  std::optional<PanelDay> day;
  if (hb.touches.value_or(0) > 0 || hb.openSeconds.value_or(0) > 0)
    day = PanelDay{common::isoDay(now + config_.results.utcOffsetMinutes * 60), hb.touches.value_or(0),
                   hb.openSeconds.value_or(0)};
  const bool trimDays = day && std::exchange(daysTrimmedOn_, day->day) != day->day;
  store_.heartbeat(p.kioskId, hallOf(p), wire::encodeHeartbeat(hb), now, offset, day, trimDays);
  // A kiosk healthy on a new build may make the next ring due: worked out again at the next ask.
  if (hb.update && hb.update->state == wire::UpdateState::Healthy) noteHealthy(p.kioskId, hb.update->version);
  auto& db = store_.database();
  for (const auto& ack : acks) command_store::acknowledge(db, p.kioskId, ack, now);
  // Pending commands ride on the answer: the kiosk opens no port, and asks every 30 s at most.
  const wire::HeartbeatAnswer answer{now, command_store::deliver(db, p.kioskId, now)};
  return {200, "application/json", wire::encodeHeartbeatAnswer(answer), {}};
}

Response Api::kioskScreenshot(const Principal& p, const Request& r, const Query&, Db&) {
  wire::ScreenshotUpload shot;
  try {
    shot = wire::parseScreenshotUpload(r.body);
  } catch (const wire::ScreenshotError& e) {
    return error(400, e.what());
  }
  auto& db = store_.database();
  const std::int64_t now = now_();
  // Only in answer to an administrator's 截屏 to this very kiosk: nothing unasked is stored.
  if (!command_store::awaitsScreenshot(db, p.kioskId, shot.commandId, now))
    return error(409, "no screenshot was asked of kiosk " + p.kioskId + " with command " + shot.commandId +
                          " (or it was answered or expired)");
  const bool added = screenshot_store::add(db, p.kioskId, shot, now);
  return jsonResponse(added ? 201 : 200,
                      {{"status", added ? "stored" : "duplicate"}, {"width", shot.width}, {"height", shot.height}});
}

Response Api::metrics(const Principal&, const Request&, const Query&, Db& db) {
  if (!metrics_) return error(404, "this hub does not collect metrics");
  const std::int64_t now = now_();
  StoreFigures figures;
  // Like the fleet view: an enrolled kiosk is silent when its last heartbeat is too old, or when
  // it never sent one. Kiosks no longer enrolled (revoked) are not watched.
  std::map<std::string, bool> enrolled;  // kiosk id -> heard from recently
  for (const auto& [kioskId, hall] : queries::enrolledKiosks(db)) enrolled.emplace(kioskId, false);
  for (const auto& k : queries::kiosks(db))
    if (auto it = enrolled.find(k.kioskId); it != enrolled.end())
      it->second = now - k.lastSeenUnix <= config_.silentAfterSeconds;
  figures.kiosksEnrolled = static_cast<std::int64_t>(enrolled.size());
  for (const auto& [kioskId, recent] : enrolled)
    if (!recent) ++figures.kiosksSilent;
  if (db.dialect() == common::sql::Dialect::Postgres) {
    common::sql::Statement size(db, "SELECT pg_database_size(current_database())");
    figures.storeBytes = size.step() ? size.columnInt(0) : 0;
  } else {
    figures.storeBytes = HubMetrics::bytesOnDisk(databaseFiles_);
  }
  return {200, "text/plain; version=0.0.4; charset=utf-8", metrics_->render(figures), {}};
}

Response Api::kiosks(const Principal& p, const Request&, const Query&, Db& db) {
  const std::int64_t now = now_();
  json rows = json::array();
  std::set<std::string> heard;
  const auto keys = queries::kioskKeysRegistered(db);
  for (const auto& k : queries::kiosks(db)) {
    heard.insert(k.kioskId);
    if (!p.mayReadHall(k.hall)) continue;
    json row{{"kiosk_id", k.kioskId},
             {"hall", k.hall},
             {"last_seen_unix", k.lastSeenUnix},
             {"never_seen", false},
             {"silent", now - k.lastSeenUnix > config_.silentAfterSeconds},
             {"clock_offset_s", k.clockOffsetSeconds},
             {"clock_suspect", std::llabs(k.clockOffsetSeconds) > kClockToleranceSeconds},
             {"key_registered", keys.count(k.kioskId) > 0}};
    row["heartbeat"] = wire::parseJsonBounded(k.heartbeatJson).value_or(json());
    rows.push_back(std::move(row));
  }
  // Enrolled but never heard from: a kiosk that was never switched on, or cannot reach the hub.
  for (const auto& [kioskId, hall] : queries::enrolledKiosks(db)) {
    if (heard.count(kioskId) || !p.mayReadHall(hall)) continue;
    rows.push_back({{"kiosk_id", kioskId},
                    {"hall", hall},
                    {"last_seen_unix", nullptr},
                    {"never_seen", true},
                    {"silent", true},
                    {"clock_offset_s", nullptr},
                    {"clock_suspect", false},
                    {"key_registered", keys.count(kioskId) > 0},
                    {"heartbeat", nullptr}});
  }
  return jsonResponse(200, {{"kiosks", rows}, {"silent_after_s", config_.silentAfterSeconds}});
}

Response Api::tallies(const Principal& p, const Request&, const Query& q, Db& db) { return report(p, q, false, db); }
Response Api::rectifications(const Principal& p, const Request&, const Query& q, Db& db) {
  return report(p, q, true, db);
}

Response Api::report(const Principal& p, const Query& q, bool rectificationsOnly, Db& db) {
  const auto get = [&](const char* key, const std::string& fallback) {
    auto it = q.find(key);
    return it == q.end() || it->second.empty() ? fallback : it->second;
  };
  TallyReport shape;
  shape.from = get("from", "0000-01-01");
  shape.to = get("to", "9999-12-31");
  if (!common::isIsoDay(shape.from)) return error(400, "from: must be a date YYYY-MM-DD");
  if (!common::isIsoDay(shape.to)) return error(400, "to: must be a date YYYY-MM-DD");
  const std::string format = get("format", "json");
  if (format != "json" && format != "csv" && format != "xlsx") return error(400, "format: must be json, csv or xlsx");
  const std::string groupName = get("group", "commitment");
  if (groupName != "commitment" && groupName != "hall") return error(400, "group: must be commitment or hall");
  shape.group = groupName == "hall" ? TallyGroup::Hall : TallyGroup::Commitment;
  shape.rectificationsOnly = rectificationsOnly;
  shape.rule = config_.rectify;
  shape.minCount = config_.minCount;
  shape.deadline = common::isoDay(now_() + config_.rectify.daysToRectify * 86400);
  if (const auto channel = get("channel", "all"); channel != "all") {
    if (!isChannel(channel)) return error(400, "channel: must be kiosk, phone, poster or all");
    shape.channel = channel;
  }

  std::optional<std::vector<std::string>> halls;
  if (auto hall = q.find("hall"); hall != q.end() && !hall->second.empty()) {
    if (!p.mayReadHall(hall->second)) return error(403, "no access to hall " + hall->second);
    halls = std::vector<std::string>{hall->second};
  } else if (p.role != Role::Admin) {
    halls = p.halls;  // staff see their own halls
  }

  const TallyGroup sourceGroup = shape.group == TallyGroup::Hall ? TallyGroup::Hall : TallyGroup::CommitmentVersion;
  const auto rows = queries::tallies(db, shape.from, shape.to, halls, sourceGroup, {shape.channel, false});
  const auto byChannel = queries::tallies(db, shape.from, shape.to, halls, sourceGroup, {shape.channel, true});
  HistoryByHall history;
  if (shape.group != TallyGroup::Hall)
    for (const auto& row : rows)
      if (!history.count(row.hall)) history[row.hall] = historyFor(db, config_.deployment, row.hall);
  TallyReport built = buildTallyReport(rows, history, std::move(shape));
  addChannelSplit(built, byChannel);
  if (cases_) {
    const auto adjusted = queries::adjustments(db, cases_->disputedRanges(halls), built.from, built.to);
    for (auto& row : built.rows) {
      wire::TallyCounts off;
      std::vector<DisputedRange> ranges;
      for (const auto& [key, a] : adjusted) {
        if (key.first != row.counts.hall) continue;
        if (built.group == TallyGroup::Commitment && key.second != row.counts.commitmentId) continue;
        wire::TallyCounts part = a.disputed;
        if (built.group == TallyGroup::Commitment) {  // only the disputed votes of this row's wording
          part = {};
          for (const auto v : row.label.versions)
            if (const auto n = a.byVersion.find(v); n != a.byVersion.end()) {
              part.good += n->second.good;
              part.fair += n->second.fair;
              part.poor += n->second.poor;
            }
        }
        off.good += part.good;
        off.fair += part.fair;
        off.poor += part.poor;
        ranges.insert(ranges.end(), a.ranges.begin(), a.ranges.end());
      }
      if (ranges.empty()) continue;
      row.adjusted = adjustedCounts({row.counts.good, row.counts.fair, row.counts.poor}, off);
      row.disputed = std::move(ranges);
    }
  }
  if (format == "csv") {
    Response res{200, "text/csv; charset=utf-8", tallyReportCsv(built), {}};
    res.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"" + tallyReportFileName(built, "csv") + "\"");
    return res;
  }
  if (format == "xlsx") {
    Response res{200, kXlsxType, ledgerXlsx(ledger(built, halls, get("hall", ""), get("lang", ""), db)), {}};
    res.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"" + tallyReportFileName(built, "xlsx") + "\"");
    return res;
  }
  return {200, "application/json", tallyReportJson(built), {}};
}

// The console's ledger for the same scope (ledger_builder.hpp), so the two read back equal; by
// hall (group=hall), or without the case records, the report's own rows as the 台账 sheet.
Ledger Api::ledger(const TallyReport& built, const std::optional<std::vector<std::string>>& halls,
                   const std::string& hall, const std::string& lang, Db& db) {
  const std::int64_t offset = config_.results.utcOffsetMinutes;
  const std::string today = common::isoDay(now_() + offset * 60);
  if (built.group == TallyGroup::Hall || !cases_ || !reviews_) return tallyLedger(built, today);
  const Strings& t = stringsFor(lang, "");
  const LedgerSources sources{db, catalog_, *cases_, *reviews_, panels_, suggestions_};
  LedgerScope scope{halls,
                    halls ? *halls : queries::knownHalls(db),
                    hall,
                    built.from,
                    built.to,
                    today,
                    config_.minCount,
                    offset,
                    halls_ ? halls_->names(now_()) : HallNames(),
                    accounts_ ? accounts_->displayNames() : std::map<std::string, std::string>(),
                    built.channel};
  auto rows = commitmentRows(sources, scope, indexCommitments(sources, scope.hallsInView), t);
  if (built.rectificationsOnly) rows = rowsOverTheRule(std::move(rows), config_.rectify);
  return buildLedger(sources, scope, t, rows, t[built.rectificationsOnly ? "rect_ledger_title" : "ledger_title"]);
}

}  // namespace hub
