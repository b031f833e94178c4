// The kiosk's heartbeat (POST /api/v1/heartbeat): what it runs, what it shows, how full its
// outbox and disk are, and its clock. Encoded by the sync client, parsed by the hub, which keeps
// the normalised encoding (never the raw body) for the fleet view. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "wire/kiosk_command.hpp"
#include "wire/update_report.hpp"

namespace wire {

struct Heartbeat {
  std::string appVersion;
  std::int64_t listVersion = 0;
  std::int64_t queuedBatches = 0;
  std::int64_t conflicts = 0;
  std::int64_t openVotes = 0;
  std::string lastVoteBucket;  // "" when no vote was counted yet
  std::int64_t diskFreeBytes = 0;
  std::string kioskTime;  // the kiosk's clock, ISO-8601 with offset; "" if not sent
  // Health, from kiosks that report it (absent from older ones): seconds since this run started,
  // starts and runs that ended without a clean exit (crashes, power cuts) since the kiosk was
  // installed, and screen touches since the last heartbeat the hub accepted.
  // Defaulted, so a heartbeat can still be written naming only the fields before them.
  std::optional<std::int64_t> uptimeSeconds = {};
  std::optional<std::int64_t> starts = {};
  std::optional<std::int64_t> uncleanExits = {};
  std::optional<std::int64_t> touches = {};
  // Seconds the kiosk spent in its opening hours since that heartbeat: with `touches`, the hub
  // flags a panel that registered no touch through an open day.
  std::optional<std::int64_t> openSeconds = {};
  // Whether the kiosk's window can be seen: "shown", or "hidden" (minimised, hidden by another
  // program), "" when not said. The kiosk keeps the display from blanking itself (SDL disables the
  // screensaver).
  std::string screen = {};
  // The software updater's last word on the update under way (update_report.hpp), absent when it
  // has none: the rollout's counts on the console.
  std::optional<UpdateReport> update = {};
  // The signed settings the kiosk applies (kiosk_settings.hpp): its hall's version and its own, 0
  // for none; absent from kiosks that take no settings from the hub.
  std::optional<std::int64_t> hallSettingsVersion = {};
  std::optional<std::int64_t> kioskSettingsVersion = {};
  // What came of the commands the hub sent (kiosk_command.hpp), since the last heartbeat it took.
  std::vector<CommandAck> acks = {};
};

class HeartbeatError : public std::runtime_error {
 public:
  HeartbeatError(const std::string& field, const std::string& problem)
      : std::runtime_error(field.empty() ? problem : "heartbeat." + field + ": " + problem) {}
};

std::string encodeHeartbeat(const Heartbeat& hb);
// Requires app_version, list_version, queued_batches and disk_free_bytes; the health fields are
// optional (absent stays absent); unknown fields are ignored. Throws HeartbeatError naming the field.
Heartbeat parseHeartbeat(std::string_view json);

}  // namespace wire
