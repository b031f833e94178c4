// kioskctl: the administrators' and staff's tool — keygen; list build / sign / publish; settings sign / publish;
// update sign / publish / bundle; tallies; enrol a kiosk; import an offline kiosk's USB export; hash a staff PIN. Reads
// top to bottom: the command line is parsed (command_line.hpp), then the one command asked for runs (commands.hpp).

#include <iostream>
#include <variant>

#include "kioskctl/command_line.hpp"
#include "kioskctl/commands.hpp"

int main(int argc, char** argv) {
  const auto parsed = kioskctl::parseCommandLine(argc, argv, KIOSK_VERSION);
  if (const int* exitStatus = std::get_if<int>(&parsed)) return *exitStatus;
  try {
    return std::visit([](const auto& command) { return kioskctl::run(command); }, std::get<kioskctl::Command>(parsed));
  } catch (const std::exception& e) {
    std::cerr << "kioskctl: " << e.what() << "\n";
    return 1;
  }
}
