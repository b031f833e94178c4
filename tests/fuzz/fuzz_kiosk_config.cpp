// libFuzzer target: kiosk.toml and the UI string tables. Loaded, or refused with a ConfigError
// naming the key; no other exception, no crash, no runaway memory.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/config/kiosk_config.hpp"
#include "kiosk/config/string_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    kiosk::config::parseKioskConfig(text, "/fuzz");
  } catch (const kiosk::config::ConfigError&) {
  }
  try {
    kiosk::config::StringTable::parse(text, "fuzz.toml");
  } catch (const kiosk::config::ConfigError&) {
  }
  return 0;
}
