// kiosk-hub: the central server's command line — parsed (hub/commands/command_line.hpp), then the
// one command asked for runs (init, key, token, user, audit, backup, serve; hub/commands/).
#include <iostream>
#include <variant>

#include "hub/commands/command_line.hpp"

int main(int argc, char** argv) {
  const auto parsed = hub::commands::parseCommandLine(argc, argv, KIOSK_VERSION);
  if (const int* exitStatus = std::get_if<int>(&parsed)) return *exitStatus;
  try {
    return hub::commands::run(std::get<hub::commands::Command>(parsed));
  } catch (const std::exception& e) {
    std::cerr << "kiosk-hub: " << e.what() << "\n";
    return 1;
  }
}
