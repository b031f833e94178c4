// The acknowledgement of a 重启程序 command, kept in the data folder across the restart it asks
// for: the kiosk writes it (temp file, fsync, rename) before it exits, and the next run sends it
// in its first heartbeat and never carries that command out again if the hub hands it over once
// more. Plain functions; any thread.
#pragma once

#include <filesystem>
#include <vector>

#include "wire/kiosk_command.hpp"

namespace kiosk::app {

inline constexpr const char* kRestartAckFile = "restart-ack.json";

void saveRestartAck(const std::filesystem::path& dataDir, const wire::CommandAck& ack);
// The kept acknowledgement, or none (no file, or a damaged one: a command carried out twice is a
// second restart, not a lost vote).
std::vector<wire::CommandAck> loadRestartAcks(const std::filesystem::path& dataDir);

}  // namespace kiosk::app
