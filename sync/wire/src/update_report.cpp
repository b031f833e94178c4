#include "wire/update_report.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "common/utf8.hpp"

namespace wire {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxVersion = 64;

struct StateName {
  UpdateState state;
  std::string_view name;
};
constexpr std::array<StateName, 6> kStates{{{UpdateState::Downloading, "downloading"},
                                            {UpdateState::Waiting, "waiting"},
                                            {UpdateState::Installed, "installed"},
                                            {UpdateState::Healthy, "healthy"},
                                            {UpdateState::RolledBack, "rolled_back"},
                                            {UpdateState::Refused, "refused"}}};

}  // namespace

std::string_view updateStateName(UpdateState state) {
  for (const auto& s : kStates)
    if (s.state == state) return s.name;
  return "downloading";
}

std::string cutReason(std::string_view reason) {
  if (reason.size() <= kMaxUpdateReason) return std::string(reason);
  std::size_t end = kMaxUpdateReason;
  // Back off continuation bytes (10xxxxxx) so the cut falls before a character, not inside one.
  while (end > 0 && (static_cast<unsigned char>(reason[end]) & 0xC0) == 0x80) --end;
  return std::string(reason.substr(0, end));
}

json updateReportJson(const UpdateReport& report) {
  json out{{"version", report.version}, {"state", updateStateName(report.state)}};
  if (!report.reason.empty()) out["reason"] = cutReason(report.reason);
  return out;
}

UpdateReport updateReportFromJson(const json& j) {
  if (!j.is_object()) throw UpdateReportError("update: must be {\"version\", \"state\", \"reason\"?}");
  UpdateReport out;
  const auto version = j.find("version");
  if (version == j.end() || !version->is_string()) throw UpdateReportError("update.version: required string");
  out.version = version->get<std::string>();
  if (out.version.empty() || out.version.size() > kMaxVersion || !common::isValidUtf8(out.version))
    throw UpdateReportError("update.version: must be 1-" + std::to_string(kMaxVersion) + " bytes of UTF-8");
  const auto state = j.find("state");
  if (state == j.end() || !state->is_string()) throw UpdateReportError("update.state: required string");
  const auto name = state->get<std::string>();
  bool known = false;
  for (const auto& s : kStates)
    if (s.name == name) {
      out.state = s.state;
      known = true;
    }
  if (!known)
    throw UpdateReportError("update.state: must be downloading, waiting, installed, healthy, rolled_back or refused");
  if (const auto reason = j.find("reason"); reason != j.end() && !reason->is_null()) {
    if (!reason->is_string()) throw UpdateReportError("update.reason: must be a string");
    out.reason = reason->get<std::string>();
    if (out.reason.size() > kMaxUpdateReason || !common::isValidUtf8(out.reason))
      throw UpdateReportError("update.reason: must be at most " + std::to_string(kMaxUpdateReason) + " bytes of UTF-8");
  }
  return out;
}

std::string encodeUpdateReport(const UpdateReport& report) { return updateReportJson(report).dump() + "\n"; }

std::optional<UpdateReport> parseUpdateReport(std::string_view text) noexcept {
  try {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    return updateReportFromJson(j);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace wire
