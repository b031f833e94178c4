// The software updater's last word on the update under way, as the brief's heartbeat carries it:
// `update: {"version", "state", "reason"?}`. The updater writes it to the kiosk's data folder
// (kiosk/updater/handover_files.hpp), the kiosk sends it in its heartbeat, the hub counts the
// rollout from it (hub/core/rollout.hpp). One codec for all three. Pure; thread-safe.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace wire {

enum class UpdateState {
  Downloading,  // fetching the package
  Waiting,      // downloaded and verified; waiting for a quiet moment to install
  Installed,    // dpkg installed it; the kiosk is being restarted and checked
  Healthy,      // the new build said READY and the hub took its heartbeat
  RolledBack,   // it failed its check (or dpkg failed) and the previous package is back
  Refused,      // never installed: a bad signature, hash, size or package
};

struct UpdateReport {
  std::string version;  // the version the update is about (Debian)
  UpdateState state = UpdateState::Downloading;
  std::string reason = {};  // why, for RolledBack and Refused ("" otherwise)
};

class UpdateReportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::size_t kMaxUpdateReason = 200;  // bytes; a longer reason is cut (UTF-8 safe)

std::string_view updateStateName(UpdateState state);  // "downloading", …, "rolled_back", "refused"

nlohmann::json updateReportJson(const UpdateReport& report);
// Requires `version` (1-64 bytes) and a known `state`; `reason` optional, at most
// kMaxUpdateReason bytes. Throws UpdateReportError naming the field.
UpdateReport updateReportFromJson(const nlohmann::json& j);

std::string encodeUpdateReport(const UpdateReport& report);
std::optional<UpdateReport> parseUpdateReport(std::string_view text) noexcept;  // nullopt: damaged or absent

// `reason` cut to kMaxUpdateReason bytes without splitting a UTF-8 sequence.
std::string cutReason(std::string_view reason);

}  // namespace wire
