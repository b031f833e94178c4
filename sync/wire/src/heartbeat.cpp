#include "wire/heartbeat.hpp"

#include "wire/json_input.hpp"
#include "wire/list_limits.hpp"

namespace wire {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxText = 200;  // versions, buckets and times are short

std::int64_t integer(const json& hb, const char* key, bool required) {
  const auto it = hb.find(key);
  if (it == hb.end()) {
    if (required) throw HeartbeatError(key, "required integer");
    return 0;
  }
  if (!it->is_number_integer()) throw HeartbeatError(key, "must be an integer");
  const auto n = it->get<std::int64_t>();
  if (n < 0) throw HeartbeatError(key, "must not be negative");  // versions, counts and bytes all start at 0
  return n;
}

std::string text(const json& hb, const char* key, bool required) {
  const auto it = hb.find(key);
  if (it == hb.end() || it->is_null()) {
    if (required) throw HeartbeatError(key, "required string");
    return {};
  }
  if (!it->is_string()) throw HeartbeatError(key, "must be a string");
  std::string s = it->get<std::string>();
  if (s.size() > kMaxText) throw HeartbeatError(key, "longer than " + std::to_string(kMaxText) + " bytes");
  return s;
}

std::optional<std::int64_t> optionalInteger(const json& hb, const char* key) {
  if (!hb.contains(key) || hb.at(key).is_null()) return std::nullopt;
  return integer(hb, key, true);
}

}  // namespace

std::string encodeHeartbeat(const Heartbeat& hb) {
  json out{{"app_version", hb.appVersion},       {"list_version", hb.listVersion},
           {"queued_batches", hb.queuedBatches}, {"conflicts", hb.conflicts},
           {"open_votes", hb.openVotes},         {"last_vote_bucket", hb.lastVoteBucket},
           {"disk_free_bytes", hb.diskFreeBytes}};
  if (!hb.kioskTime.empty()) out["kiosk_time"] = hb.kioskTime;
  const std::pair<const char*, const std::optional<std::int64_t>*> health[] = {
      {"uptime_s", &hb.uptimeSeconds},
      {"starts", &hb.starts},
      {"unclean_exits", &hb.uncleanExits},
      {"touches", &hb.touches},
      {"open_s", &hb.openSeconds},
      {"settings_hall", &hb.hallSettingsVersion},
      {"settings_kiosk", &hb.kioskSettingsVersion}};
  for (const auto& [key, value] : health)
    if (*value) out[key] = **value;
  if (!hb.screen.empty()) out["screen"] = hb.screen;
  if (hb.update) out["update"] = updateReportJson(*hb.update);
  if (!hb.acks.empty()) {
    json acks = json::array();
    for (const auto& a : hb.acks) acks.push_back({{"id", a.id}, {"outcome", a.outcome}});
    out["acks"] = acks;
  }
  return out.dump();
}

Heartbeat parseHeartbeat(std::string_view body) {
  const json hb = detail::parseJsonOrThrow<HeartbeatError>(body, "heartbeat");
  if (!hb.is_object()) throw HeartbeatError("", "heartbeat must be a JSON object");
  Heartbeat out;
  out.appVersion = text(hb, "app_version", true);
  out.listVersion = integer(hb, "list_version", true);
  out.queuedBatches = integer(hb, "queued_batches", true);
  out.conflicts = integer(hb, "conflicts", false);
  out.openVotes = integer(hb, "open_votes", false);
  out.lastVoteBucket = text(hb, "last_vote_bucket", false);
  out.diskFreeBytes = integer(hb, "disk_free_bytes", true);
  out.kioskTime = text(hb, "kiosk_time", false);
  out.uptimeSeconds = optionalInteger(hb, "uptime_s");
  out.starts = optionalInteger(hb, "starts");
  out.uncleanExits = optionalInteger(hb, "unclean_exits");
  out.touches = optionalInteger(hb, "touches");
  out.openSeconds = optionalInteger(hb, "open_s");
  out.screen = text(hb, "screen", false);
  if (const auto update = hb.find("update"); update != hb.end() && !update->is_null()) {
    try {
      out.update = updateReportFromJson(*update);
    } catch (const UpdateReportError& e) {
      throw HeartbeatError("", e.what());  // already names heartbeat's field: "update.state: …"
    }
  }
  if (!out.screen.empty() && out.screen != "shown" && out.screen != "hidden")
    throw HeartbeatError("screen", "must be shown or hidden");
  out.hallSettingsVersion = optionalInteger(hb, "settings_hall");
  out.kioskSettingsVersion = optionalInteger(hb, "settings_kiosk");
  if (const auto acks = hb.find("acks"); acks != hb.end() && !acks->is_null()) {
    if (!acks->is_array() || acks->size() > kMaxAcksPerHeartbeat)
      throw HeartbeatError("acks", "must be a list of at most " + std::to_string(kMaxAcksPerHeartbeat));
    for (const auto& a : *acks) {
      if (!a.is_object()) throw HeartbeatError("acks", "each must be {\"id\", \"outcome\"}");
      CommandAck ack{text(a, "id", true), text(a, "outcome", true)};
      if (!limits::isSafeId(ack.id)) throw HeartbeatError("acks", "id must be 1-64 of A-Z a-z 0-9 . _ -");
      out.acks.push_back(std::move(ack));
    }
  }
  return out;
}

}  // namespace wire
