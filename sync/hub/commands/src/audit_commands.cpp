// `audit verify` and `audit anchor`: the console's audit chain checked from the command line.
#include "hub/commands/commands.hpp"

#include <iostream>
#include <optional>

#include "common/iso_time.hpp"
#include "hub/config/hub_config.hpp"
#include "hub/store/account_store.hpp"
#include "hub/store/store_connections.hpp"

namespace fs = std::filesystem;

namespace hub::commands {

// The console's accounts and audit log of the hub folder `dir`; nullopt (said on stderr) when the
// folder has no console database yet.
namespace {

std::optional<hub::AccountStore> openAuditLog(const fs::path& dir, hub::HubConfig& cfg) {
  cfg = hub::loadHubConfig(dir);
  if (!hub::usesPostgres(cfg) && !fs::exists(cfg.consoleDatabase)) {
    std::cerr << "kiosk-hub: no console database at " << cfg.consoleDatabase.string() << "\n";
    return std::nullopt;
  }
  return std::optional<hub::AccountStore>(std::in_place, hub::connectConsoleStore(cfg));
}

}  // namespace

// Checks the console's audit log link by link, and that the entry an earlier `audit anchor`
// printed (`expect`, "ID:HASH") still has its hash; exit 0 when both hold, 1 naming what broke.
int auditVerify(const fs::path& dir, const std::string& expect) {
  std::optional<std::pair<std::int64_t, std::string>> anchor;
  if (!expect.empty()) {
    const auto colon = expect.find(':');
    try {
      if (colon == std::string::npos || expect.size() - colon - 1 != 64) throw std::invalid_argument("shape");
      anchor.emplace(std::stoll(expect.substr(0, colon)), expect.substr(colon + 1));
    } catch (const std::exception&) {
      std::cerr << "kiosk-hub: --expect takes ID:HASH as `kiosk-hub audit anchor` printed it\n";
      return kExitUsage;
    }
  }
  hub::HubConfig cfg;
  auto accounts = openAuditLog(dir, cfg);
  if (!accounts) return kExitUsage;
  std::int64_t checked = 0;
  if (const auto broken = accounts->verifyAudit(checked)) {
    const auto& e = broken->entry;
    std::cout << "audit chain broken at entry " << e.id << " ("
              << common::isoTimestamp({e.atUnix, static_cast<std::int32_t>(cfg.console.utcOffsetMinutes * 60)}) << " "
              << e.login << " " << e.action << "): " << broken->why << "\n";
    return 1;
  }
  if (anchor) {
    const std::string problem = accounts->checkAuditAnchor(anchor->first, anchor->second);
    if (problem == "purged") {
      std::cout << "audit chain intact: " << checked << " entries; the anchored entry " << anchor->first
                << " was purged since, so it cannot be checked (anchor more often than the retention)\n";
      return 0;
    }
    if (!problem.empty()) {
      std::cout << "audit chain does not hold the anchored entry: " << problem << "\n";
      return 1;
    }
    std::cout << "audit chain intact: " << checked << " entries, including the anchored entry " << anchor->first
              << "\n";
    return 0;
  }
  std::cout << "audit chain intact: " << checked << " entries\n";
  return 0;
}

// Prints the newest entry's id and hash: kept somewhere else (a paper register, another machine),
// it later shows with `audit verify --expect` that the chain was neither cut short nor recomputed.
int auditAnchor(const fs::path& dir) {
  hub::HubConfig cfg;
  auto accounts = openAuditLog(dir, cfg);
  if (!accounts) return kExitUsage;
  const auto head = accounts->auditHead();
  if (!head) {
    std::cerr << "kiosk-hub: the audit log is empty\n";
    return 1;
  }
  std::cout << head->id << ":" << head->hash << "\n";
  return 0;
}

}  // namespace hub::commands
