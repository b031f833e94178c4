// Remote commands to kiosks as the hub keeps them (wire/kiosk_command.hpp): given by an
// administrator in the console, handed to the kiosk in its heartbeat's answer until it
// acknowledges them or they expire, and kept with their outcome for the 终端 page and the audit
// trail. Free functions over the caller's connection; writes on the writer lane.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "wire/kiosk_command.hpp"

namespace hub::command_store {

struct StoredCommand {
  wire::KioskCommand command;
  std::string kioskId;
  std::int64_t createdUnix = 0;
  std::string createdBy;           // "user:<login>"
  std::int64_t deliveredUnix = 0;  // 0: not handed to the kiosk yet
  std::int64_t doneUnix = 0;       // 0: not acknowledged
  std::string outcome;             // the kiosk's: "done", "expired", "refused: …"
};

// A new command for `kioskId`; its id ("cmd-17").
std::string add(common::sql::Database& db, const std::string& kioskId, wire::CommandKind kind, std::int64_t nowUnix,
                std::int64_t expiresUnix, const std::string& createdBy);
// The kiosk's commands not yet acknowledged nor expired, oldest first (at most
// wire::kMaxCommandsPerAnswer), marked as handed over now.
std::vector<wire::KioskCommand> deliver(common::sql::Database& db, const std::string& kioskId, std::int64_t nowUnix);
// Records the kiosk's acknowledgement of one of its own commands (another kiosk's id changes nothing).
void acknowledge(common::sql::Database& db, const std::string& kioskId, const wire::CommandAck& ack,
                 std::int64_t nowUnix);
// Whether `commandId` is a 截屏 command to `kioskId`, not acknowledged, and not expired (with a
// minute's grace for the upload in flight): only then does the hub take a screenshot from it.
bool awaitsScreenshot(common::sql::Database& db, const std::string& kioskId, const std::string& commandId,
                      std::int64_t nowUnix);
// The newest `perKiosk` commands of each kiosk, newest first.
std::vector<StoredCommand> recent(common::sql::Database& db, std::size_t perKiosk);

}  // namespace hub::command_store
