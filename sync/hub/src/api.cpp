#include "hub/api.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>
#include <unordered_map>

#include "wire/crypto.hpp"
#include "wire/csv.hpp"
#include "wire/signed_list.hpp"

namespace hub {

using nlohmann::json;

namespace {

Response jsonResponse(int status, const json& body) { return {status, "application/json", body.dump() + "\n", {}}; }
Response error(int status, const std::string& message) { return jsonResponse(status, {{"error", message}}); }

std::map<std::string, std::string> parseQuery(const std::string& target) {
  std::map<std::string, std::string> q;
  const auto qm = target.find('?');
  if (qm == std::string::npos) return q;
  std::string rest = target.substr(qm + 1);
  std::size_t pos = 0;
  while (pos <= rest.size()) {
    const auto amp = rest.find('&', pos);
    const std::string pair = rest.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    const auto eq = pair.find('=');
    if (!pair.empty()) q[pair.substr(0, eq)] = eq == std::string::npos ? "" : pair.substr(eq + 1);
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  return q;
}

bool isDay(const std::string& s) {
  return s.size() == 10 && s[4] == '-' && s[7] == '-' &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
}

struct ListNames {
  std::string holder;
  std::string title;
};

// Holder names and titles from a hall's current list, to label tally rows for people.
std::unordered_map<std::string, ListNames> namesFor(HubStore& store, const std::string& deployment,
                                                    const std::string& hall) {
  std::unordered_map<std::string, ListNames> names;
  if (auto stored = store.currentList(deployment, hall)) {
    try {
      const auto list = wire::parseCommitmentList(wire::parseSignedEnvelope(stored->envelope).payload);
      for (const auto& c : list.commitments) names[c.id] = {c.holder.name, c.title};
    } catch (const std::exception&) {
      // Stored lists were verified on the way in; labels are a convenience, tallies stand without.
    }
  }
  return names;
}

}  // namespace

std::optional<std::int64_t> parseIsoTime(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, oh = 0, om = 0;
  char sign = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &consumed) != 6) return std::nullopt;
  const std::string zone = text.substr(static_cast<std::size_t>(consumed));
  std::int64_t offset = 0;
  if (zone == "Z") {
    offset = 0;
  } else if (std::sscanf(zone.c_str(), "%c%2d:%2d", &sign, &oh, &om) == 3 && (sign == '+' || sign == '-') &&
             zone.size() == 6) {
    offset = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  } else {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return static_cast<std::int64_t>(timegm(&tm)) - offset;
}

std::string isoDay(std::int64_t unixSeconds) {
  const std::time_t t = static_cast<std::time_t>(unixSeconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

Api::Api(ApiConfig config, HubStore& store, UnixClock now)
    : config_(std::move(config)), store_(store), now_(std::move(now)) {}

Response Api::handle(const Request& r) {
  lastPrincipal_ = "-";
  const std::string path = r.target.substr(0, r.target.find('?'));
  if (path == "/healthz") return r.method == "GET" ? jsonResponse(200, {{"status", "ok"}}) : error(405, "use GET");

  struct Route {
    std::string_view method, path;
    std::vector<Role> roles;
  };
  static const std::vector<Route> routes{
      {"POST", "/api/v1/batches", {Role::Kiosk}},
      {"GET", "/api/v1/lists/current", {Role::Kiosk}},
      {"POST", "/api/v1/lists", {Role::Admin}},
      {"POST", "/api/v1/heartbeat", {Role::Kiosk}},
      {"GET", "/api/v1/kiosks", {Role::Staff, Role::Admin}},
      {"GET", "/api/v1/tallies", {Role::Staff, Role::Admin}},
      {"GET", "/api/v1/rectifications", {Role::Staff, Role::Admin}},
  };
  const Route* route = nullptr;
  bool pathKnown = false;
  for (const auto& candidate : routes) {
    if (candidate.path != path) continue;
    pathKnown = true;
    if (candidate.method == r.method) route = &candidate;
  }
  if (!pathKnown) return error(404, "no such endpoint: " + path);
  if (!route) return error(405, "method " + r.method + " not allowed on " + path);

  // Authentication before anything about the request is looked at.
  constexpr std::string_view kBearer = "Bearer ";
  if (r.authorization.rfind(kBearer, 0) != 0) {
    Response res = error(401, "a bearer token is required");
    res.headers.emplace_back("WWW-Authenticate", "Bearer");
    return res;
  }
  const auto principal = store_.principalFor(tokenHash(r.authorization.substr(kBearer.size())));
  if (!principal) {
    Response res = error(401, "unknown token");
    res.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    return res;
  }
  lastPrincipal_ = std::string(nameOf(principal->role)) + (principal->kioskId.empty() ? "" : ":" + principal->kioskId);
  if (std::find(route->roles.begin(), route->roles.end(), principal->role) == route->roles.end())
    return error(403, "role " + std::string(nameOf(principal->role)) + " may not use " + path);

  try {
    if (path == "/api/v1/batches") return ingestBatch(*principal, r);
    if (path == "/api/v1/lists/current") return currentList(*principal, r);
    if (path == "/api/v1/lists") return publishList(r);
    if (path == "/api/v1/heartbeat") return heartbeat(*principal, r);
    if (path == "/api/v1/kiosks") return kiosks(*principal);
    const auto query = parseQuery(r.target);
    return tallies(*principal, query, path == "/api/v1/rectifications");
  } catch (const kiosk::sql::SqliteError& e) {
    Response res = error(503, std::string("storage unavailable: ") + e.what());
    res.headers.emplace_back("Retry-After", "30");
    return res;
  }
}

Response Api::ingestBatch(const Principal& p, const Request& r) {
  wire::RatingBatch batch;
  try {
    batch = wire::parseBatch(r.body);
  } catch (const wire::BatchError& e) {
    return error(400, std::string("bad rating-batch/1: ") + e.what());
  }
  if (batch.kioskId != p.kioskId)
    return error(403, "this token belongs to kiosk " + p.kioskId + ", not " + batch.kioskId);
  const std::int64_t now = now_();
  const auto kioskTime = parseIsoTime(batch.createdAt);
  const std::int64_t offset = kioskTime ? *kioskTime - now : 0;
  const std::string hall = p.halls.empty() ? "" : p.halls.front();
  switch (store_.ingest(batch, wire::sha256Hex(r.body), hall, now, offset)) {
    case IngestResult::Accepted: return jsonResponse(201, {{"status", "accepted"}, {"batch_seq", batch.batchSeq}});
    case IngestResult::Duplicate: return jsonResponse(200, {{"status", "duplicate"}, {"batch_seq", batch.batchSeq}});
    case IngestResult::Conflict:
      return error(409, "batch " + std::to_string(batch.batchSeq) + " of epoch " + batch.epoch +
                            " was already received with different contents");
  }
  return error(500, "unreachable");
}

Response Api::currentList(const Principal& p, const Request& r) {
  const std::string hall = p.halls.empty() ? "" : p.halls.front();
  const auto list = store_.currentList(config_.deployment, hall);
  if (!list) return error(404, "no list has been published for hall " + hall);
  Response res{200, "application/json", list->envelope, {{"ETag", list->etag}}};
  if (r.ifNoneMatch == list->etag) {
    res.status = 304;
    res.body.clear();
  }
  return res;
}

Response Api::publishList(const Request& r) {
  wire::TrustedKeys trusted;
  for (const auto& [id, pem] : store_.adminKeys()) trusted.emplace(id, wire::Ed25519PublicKey::fromPem(pem));
  wire::CommitmentList list;
  try {
    list = wire::verifySignedList(r.body, trusted);
  } catch (const wire::ListError& e) {
    return error(422, std::string("list refused: ") + e.what());
  }
  if (list.deployment != config_.deployment)
    return error(422, "list refused: it is for deployment " + list.deployment + ", this hub serves " + config_.deployment);
  if (auto latest = store_.latestListVersion(list.deployment, list.hall); latest && list.version <= *latest)
    return error(409, "list version " + std::to_string(list.version) + " is not higher than the published version " +
                          std::to_string(*latest) + " for hall " + list.hall);
  store_.addList(list.deployment, list.hall, list.version, r.body, now_());
  return jsonResponse(201, {{"status", "published"}, {"hall", list.hall}, {"version", list.version},
                            {"commitments", list.commitments.size()}});
}

Response Api::heartbeat(const Principal& p, const Request& r) {
  json hb;
  try {
    hb = json::parse(r.body);
  } catch (const json::parse_error&) {
    return error(400, "heartbeat is not valid JSON");
  }
  if (!hb.is_object()) return error(400, "heartbeat must be a JSON object");
  const auto need = [&](const char* key, bool (json::*is)() const noexcept) -> bool {
    auto it = hb.find(key);
    return it != hb.end() && ((*it).*is)();
  };
  if (!need("app_version", &json::is_string)) return error(400, "heartbeat.app_version: required string");
  if (!need("list_version", &json::is_number_integer)) return error(400, "heartbeat.list_version: required integer");
  if (!need("queued_batches", &json::is_number_integer)) return error(400, "heartbeat.queued_batches: required integer");
  if (!need("disk_free_bytes", &json::is_number_integer)) return error(400, "heartbeat.disk_free_bytes: required integer");
  const std::int64_t now = now_();
  std::int64_t offset = 0;
  if (auto t = hb.find("kiosk_time"); t != hb.end() && t->is_string())
    if (auto kioskTime = parseIsoTime(t->get<std::string>())) offset = *kioskTime - now;
  store_.heartbeat(p.kioskId, p.halls.empty() ? "" : p.halls.front(), hb.dump(), now, offset);
  return jsonResponse(200, {{"status", "ok"}, {"server_time", now}});
}

Response Api::kiosks(const Principal& p) {
  const std::int64_t now = now_();
  json rows = json::array();
  for (const auto& k : store_.kiosks()) {
    if (!p.mayReadHall(k.hall)) continue;
    json row{{"kiosk_id", k.kioskId},
             {"hall", k.hall},
             {"last_seen_unix", k.lastSeenUnix},
             {"silent", now - k.lastSeenUnix > config_.silentAfterSeconds},
             {"clock_offset_s", k.clockOffsetSeconds}};
    row["heartbeat"] = json::parse(k.heartbeatJson, nullptr, false);
    rows.push_back(std::move(row));
  }
  return jsonResponse(200, {{"kiosks", rows}, {"silent_after_s", config_.silentAfterSeconds}});
}

Response Api::tallies(const Principal& p, const std::map<std::string, std::string>& q, bool rectifyOnly) {
  const auto get = [&](const char* key, const std::string& fallback) {
    auto it = q.find(key);
    return it == q.end() || it->second.empty() ? fallback : it->second;
  };
  const std::string from = get("from", "0000-01-01"), to = get("to", "9999-12-31");
  if (!isDay(from)) return error(400, "from: must be a date YYYY-MM-DD");
  if (!isDay(to)) return error(400, "to: must be a date YYYY-MM-DD");
  const std::string format = get("format", "json");
  if (format != "json" && format != "csv")
    return error(400, "format: must be json or csv (xlsx is not available yet; CSV opens in Excel and WPS)");
  const std::string groupName = get("group", "commitment");
  if (groupName != "commitment" && groupName != "hall") return error(400, "group: must be commitment or hall");
  const TallyGroup group = groupName == "hall" ? TallyGroup::Hall : TallyGroup::Commitment;

  std::optional<std::vector<std::string>> halls;
  if (auto hall = q.find("hall"); hall != q.end() && !hall->second.empty()) {
    if (!p.mayReadHall(hall->second)) return error(403, "no access to hall " + hall->second);
    halls = std::vector<std::string>{hall->second};
  } else if (p.role != Role::Admin) {
    halls = p.halls;  // staff see their own halls
  }

  auto rows = store_.tallies(from, to, halls, group);
  std::unordered_map<std::string, std::unordered_map<std::string, ListNames>> names;
  const std::string deadline = isoDay(now_() + config_.rectifyDays * 86400);
  json out = json::array();
  std::string csv(wire::kUtf8Bom);
  csv += rectifyOnly ? "大厅,承诺编号,承诺人,承诺内容,好,一般,差,合计,满意率,一般及以下占比,整改期限\r\n"
                     : "大厅,承诺编号,承诺人,承诺内容,好,一般,差,合计,满意率,一般及以下占比,过滤点击\r\n";
  for (const auto& row : rows) {
    const std::int64_t total = row.total();
    const double satisfaction = total ? static_cast<double>(row.good) / static_cast<double>(total) : 0.0;
    const double fairOrWorse = total ? static_cast<double>(row.fair + row.poor) / static_cast<double>(total) : 0.0;
    const bool needsRectification = total >= config_.rectifyMinTotal && fairOrWorse >= config_.rectifyShare;
    if (rectifyOnly && (!needsRectification || group == TallyGroup::Hall)) continue;
    if (!names.count(row.hall)) names[row.hall] = namesFor(store_, config_.deployment, row.hall);
    const ListNames label = names[row.hall].count(row.commitmentId) ? names[row.hall][row.commitmentId] : ListNames{};
    json item{{"hall", row.hall},       {"good", row.good},           {"fair", row.fair},
              {"poor", row.poor},       {"total", total},             {"satisfaction", satisfaction},
              {"fair_or_worse", fairOrWorse}, {"filtered", row.filtered}};
    if (group == TallyGroup::Commitment) {
      item["commitment_id"] = row.commitmentId;
      item["holder"] = label.holder;
      item["title"] = label.title;
    }
    if (rectifyOnly) item["deadline"] = deadline;
    out.push_back(item);
    csv += wire::csvField(row.hall) + "," + wire::csvField(row.commitmentId) + "," + wire::csvField(label.holder) + "," +
           wire::csvField(label.title) + "," + std::to_string(row.good) + "," + std::to_string(row.fair) + "," +
           std::to_string(row.poor) + "," + std::to_string(total) + "," + wire::csvPercent(satisfaction) + "," +
           wire::csvPercent(fairOrWorse) + "," + (rectifyOnly ? deadline : std::to_string(row.filtered)) + "\r\n";
  }
  if (format == "csv") {
    Response res{200, "text/csv; charset=utf-8", csv, {}};
    res.headers.emplace_back("Content-Disposition", std::string("attachment; filename=\"") +
                                                        (rectifyOnly ? "rectifications" : "tallies") + "-" + from +
                                                        "-" + to + ".csv\"");
    return res;
  }
  json body{{"from", from}, {"to", to}, {"group", groupName}, {"rows", out}};
  if (rectifyOnly)
    body["rule"] = {{"fair_or_worse_at_least", config_.rectifyShare},
                    {"total_at_least", config_.rectifyMinTotal},
                    {"days_to_rectify", config_.rectifyDays}};
  return jsonResponse(200, body);
}

}  // namespace hub
