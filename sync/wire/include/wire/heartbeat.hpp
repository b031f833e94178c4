// The kiosk's heartbeat (POST /api/v1/heartbeat): what it runs, what it shows, how full its
// outbox and disk are, and its clock. Encoded by the sync client, parsed by the hub, which keeps
// the normalised encoding (never the raw body) for the fleet view. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

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
};

class HeartbeatError : public std::runtime_error {
 public:
  HeartbeatError(const std::string& field, const std::string& problem)
      : std::runtime_error(field.empty() ? problem : "heartbeat." + field + ": " + problem) {}
};

std::string encodeHeartbeat(const Heartbeat& hb);
// Requires app_version, list_version, queued_batches and disk_free_bytes; unknown fields are
// ignored. Throws HeartbeatError naming the field.
Heartbeat parseHeartbeat(std::string_view json);

}  // namespace wire
