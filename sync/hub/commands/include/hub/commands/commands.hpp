// kiosk-hub's commands, one function each, called by main.cpp once the command line is parsed:
// `init` makes a hub folder, `key add` trusts an administrator's key, `token create|revoke` mints and
// revokes bearer tokens, `user add|passwd|disable` manages console accounts, `audit verify|anchor`
// checks the audit chain, `backup` copies the folder while it serves, and `serve` — the composition
// root — wires the layers and runs HTTPS until SIGTERM. Each returns the process's exit code (0,
// 1 for a failed check, kExitUsage for a wrong request) and says why on stderr. Called once, from
// main's thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hub::commands {

inline constexpr int kExitUsage = 2;

int init(const std::filesystem::path& dir, const std::string& deployment);
int keyAdd(const std::filesystem::path& dir, const std::string& keyId, const std::filesystem::path& pemFile);
int tokenCreate(const std::filesystem::path& dir, const std::string& roleName, const std::string& kioskId,
                const std::vector<std::string>& halls);
// Revokes one token (given in a file, as `token create` printed it) or every token of a kiosk.
int tokenRevoke(const std::filesystem::path& dir, const std::string& tokenFile, const std::string& kioskId);
// `user add|passwd|disable` (`action`): console accounts in console.db; every change is audited.
int userCommand(const std::filesystem::path& dir, const std::string& action, const std::string& login,
                const std::string& roleName, const std::vector<std::string>& halls);
// `hall name`: a hall's display name and order (console.db), audited; a bad one exits 2 saying why.
int hallNameCommand(const std::filesystem::path& dir, const std::string& hall, const std::string& name, long order);
int auditVerify(const std::filesystem::path& dir, const std::string& expect);
int auditAnchor(const std::filesystem::path& dir);
int backup(const std::filesystem::path& dir, const std::filesystem::path& to);
int serve(const std::filesystem::path& dir, const std::string& listenOverride);

// Seconds since the epoch, the commands' clock.
std::int64_t unixNow();
// One structured line on stderr: "ts=… level=info FIELDS", control characters escaped.
void logLine(const std::string& fields);

}  // namespace hub::commands
