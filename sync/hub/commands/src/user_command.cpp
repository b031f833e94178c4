// `user add|passwd|disable`: console accounts, the password read from standard input.
#include "hub/commands/commands.hpp"

#include <iostream>
#include <optional>

#include "common/password_hash.hpp"
#include "common/secret_prompt.hpp"
#include "hub/config/hub_config.hpp"
#include "hub/store/account_store.hpp"
#include "hub/store/store_connections.hpp"
#include "wire/list_limits.hpp"

namespace fs = std::filesystem;

namespace hub::commands {

// `user add|passwd|disable`: console accounts in console.db; every change is audited.
int userCommand(const fs::path& dir, const std::string& action, const std::string& login, const std::string& roleName,
                const std::vector<std::string>& halls) {
  if (!validLogin(login)) {
    std::cerr << "kiosk-hub: --login: use 1-64 letters, digits, '.', '_' or '-'\n";
    return kExitUsage;
  }
  const auto cfg = hub::loadHubConfig(dir);
  AccountStore accounts(hub::connectConsoleStore(cfg));
  if (action == "disable") {
    if (!accounts.disableUser(login)) {
      std::cerr << "kiosk-hub: no user " << login << "\n";
      return kExitUsage;
    }
    accounts.audit("cli", "user_disable", login, "local", unixNow());
    std::cerr << "kiosk-hub: disabled " << login << " and ended their sessions\n";
    return 0;
  }
  std::optional<UserRole> role;
  if (action == "add") {
    role = kUserRoleNames.parse(roleName);
    if (!role) {
      std::cerr << "kiosk-hub: --role must be staff, leader or admin\n";
      return kExitUsage;
    }
    if (*role != UserRole::Admin && halls.empty()) {
      std::cerr << "kiosk-hub: staff and leaders need at least one --hall\n";
      return kExitUsage;
    }
    for (const auto& h : halls) {
      if (!wire::limits::isSafeId(h)) {
        std::cerr << "kiosk-hub: --hall " << h << " is not a hall id\n";
        return kExitUsage;
      }
    }
    if (accounts.user(login)) {
      std::cerr << "kiosk-hub: user " << login << " already exists (use user passwd)\n";
      return kExitUsage;
    }
  } else if (!accounts.user(login)) {
    std::cerr << "kiosk-hub: no user " << login << "\n";
    return kExitUsage;
  }
  std::string why;
  const auto typed = common::readSecretTwice("password", why);
  if (!typed) {
    std::cerr << "kiosk-hub: password: " << why << "\n";
    return kExitUsage;
  }
  const std::string& password = *typed;
  if (!common::validPassword(password, &why)) {
    std::cerr << "kiosk-hub: password: " << why << "\n";
    return kExitUsage;
  }
  const std::string hash = common::hashPassword(password);
  if (action == "add") {
    accounts.addUser(login, *role, halls, hash, unixNow());
    accounts.audit("cli", "user_add", login + " " + roleName, "local", unixNow());
    std::cerr << "kiosk-hub: added " << roleName << " " << login << "\n";
  } else {
    accounts.setPasswordHash(login, hash);
    accounts.audit("cli", "user_passwd", login, "local", unixNow());
    std::cerr << "kiosk-hub: new password for " << login << "; their sessions ended\n";
  }
  return 0;
}

}  // namespace hub::commands
