// kiosk-hub's command line: which command was asked for and with what, or how to exit when it was
// asked wrongly (usage mistakes exit 2; --help and --version exit 0 after printing). Parsing only:
// no folder is opened here, so every way of asking wrongly has a test. run() then calls the one
// command (commands.hpp). Plain functions; main calls them once.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace hub::commands {

struct Init {
  std::string dir, deployment;
};
struct KeyAdd {
  std::string dir, keyId, pemFile;
};
struct TokenCreate {
  std::string dir, role, kioskId;
  std::vector<std::string> halls;
};
struct TokenRevoke {
  std::string dir, tokenFile, kioskId;
};
struct User {
  std::string action;  // add | passwd | disable
  std::string dir, login, role;
  std::vector<std::string> halls;
};
struct HallName {
  std::string dir, hall, name;
  long order = 0;
};
struct AuditVerify {
  std::string dir, expect;
};
struct AuditAnchor {
  std::string dir;
};
struct Backup {
  std::string dir, to;
};
struct Serve {
  std::string dir, listen;
};

using Command =
    std::variant<Init, KeyAdd, TokenCreate, TokenRevoke, User, HallName, AuditVerify, AuditAnchor, Backup, Serve>;

// The command, or the exit status to end with (messages already printed to stdout/stderr).
std::variant<Command, int> parseCommandLine(int argc, const char* const* argv, const std::string& version);

// Runs the command; its exit status. Errors other than usage ones are thrown for main to print.
int run(const Command& command);

}  // namespace hub::commands
