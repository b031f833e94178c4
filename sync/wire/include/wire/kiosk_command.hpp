// Remote commands to a kiosk (立即同步, 重启程序, 截屏) and their acknowledgements. The hub hands pending
// commands to a kiosk in its answer to the heartbeat — a kiosk opens no port of its own — each with
// an id and an expiry; the kiosk carries each out once and acknowledges it in its next heartbeat.
// Pure functions over values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace wire {

enum class CommandKind { SyncNow, Restart, Screenshot };
std::string_view nameOf(CommandKind kind);  // "sync", "restart", "screenshot"
std::optional<CommandKind> commandKindFromString(std::string_view name);

struct KioskCommand {
  std::string id;  // the hub's, 1-64 of A-Z a-z 0-9 . _ -
  CommandKind kind = CommandKind::SyncNow;
  std::int64_t expiresUnix = 0;  // not carried out after this (the hub's clock)
};

// What came of a command, sent back in the next heartbeat.
struct CommandAck {
  std::string id;
  std::string outcome;  // "done", "expired", or "refused: <why>"
};

class CommandError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The heartbeat's answer: {"status":"ok","server_time":N,"commands":[{"id","kind","expires"}]}.
struct HeartbeatAnswer {
  std::int64_t serverTime = 0;
  std::vector<KioskCommand> commands;
};
std::string encodeHeartbeatAnswer(const HeartbeatAnswer& answer);
// Commands of kinds this kiosk does not know are left out (a newer hub may send more). Throws
// CommandError when the answer is not one.
HeartbeatAnswer parseHeartbeatAnswer(std::string_view json);

// POST /api/v1/kiosks/command (an administrator): {"kiosk_id", "kind"}.
struct CommandRequest {
  std::string kioskId;
  CommandKind kind = CommandKind::SyncNow;
};
std::string encodeCommandRequest(const CommandRequest& request);
CommandRequest parseCommandRequest(std::string_view json);  // throws CommandError naming the field

// How long a command waits for its kiosk: a restart waits for a moment between residents.
inline constexpr std::int64_t kCommandLifetimeSeconds = 30 * 60;

inline constexpr std::size_t kMaxCommandsPerAnswer = 16;
inline constexpr std::size_t kMaxAcksPerHeartbeat = 32;

}  // namespace wire
