// `user add|passwd|disable`: console accounts, the password read from standard input.
#include "hub/commands/commands.hpp"

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <optional>

#include "common/password_hash.hpp"
#include "hub/config/hub_config.hpp"
#include "hub/console/account_store.hpp"
#include "hub/store/store_connections.hpp"
#include "wire/list_limits.hpp"

namespace fs = std::filesystem;

namespace hub::commands {

namespace {

// The password for `user add|passwd`: one line on standard input; on a terminal, typed twice
// without echo. Empty when it could not be read (or the two differ), with the reason on stderr.
std::string readPassword() {
  const auto readLine = [](std::string& line) {
    if (!std::getline(std::cin, line)) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  };
  std::string first;
  if (!::isatty(STDIN_FILENO)) {
    if (!readLine(first)) std::cerr << "kiosk-hub: no password on standard input\n";
    return first;
  }
  termios saved{};
  ::tcgetattr(STDIN_FILENO, &saved);
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string second;
  std::cerr << "password: " << std::flush;
  const bool ok1 = readLine(first);
  std::cerr << "\nagain: " << std::flush;
  const bool ok2 = readLine(second);
  std::cerr << "\n";
  ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
  if (!ok1 || !ok2 || first != second) {
    std::cerr << "kiosk-hub: the two passwords differ\n";
    return {};
  }
  return first;
}

}  // namespace

// `user add|passwd|disable`: console accounts in console.db; every change is audited.
int userCommand(const fs::path& dir, const std::string& action, const std::string& login, const std::string& roleName,
                const std::vector<std::string>& halls) {
  using namespace hub::console;
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
  const std::string password = readPassword();
  std::string why;
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
