// `hall name`: what people call a hall (and where it sits in lists), as the console's 大厅名称 page
// sets it — for setting up many halls from a script, and for the demo.
#include <iostream>
#include <stdexcept>

#include "hub/commands/commands.hpp"
#include "hub/config/hub_config.hpp"
#include "hub/core/strings.hpp"
#include "hub/store/account_store.hpp"
#include "hub/store/hall_directory.hpp"
#include "hub/store/store_connections.hpp"

namespace hub::commands {

int hallNameCommand(const std::filesystem::path& dir, const std::string& hall, const std::string& name, long order) {
  const auto cfg = hub::loadHubConfig(dir);
  HallDirectory halls(hub::connectConsoleStore(cfg));
  try {
    halls.name(hall, name, order, unixNow());
  } catch (const std::invalid_argument& e) {
    // The same words the console shows (in the hub's language), with the hall they are about.
    std::cerr << "kiosk-hub: " << replaceText(stringsFor("", "")[e.what()], "{hall}", hall) << "\n";
    return kExitUsage;
  }
  AccountStore(hub::connectConsoleStore(cfg))
      .audit("cli", "hall_name", hall + " " + name + " " + std::to_string(order), "local", unixNow());
  std::cerr << "kiosk-hub: " << hall << " shows as " << name << "\n";
  return 0;
}

}  // namespace hub::commands
