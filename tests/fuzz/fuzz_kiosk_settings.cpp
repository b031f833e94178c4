// libFuzzer target: kiosk-settings/1 as a kiosk and the hub read it — the document, the envelope
// and the current-settings answer. A parsed document round-trips exactly, and whatever wire accepts
// kiosk.toml's own checks accept too when laid over a kiosk's file (the two never disagree).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kiosk/config/kiosk_config.hpp"
#include "wire/kiosk_settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    wire::parseCurrentSettings(text);
  } catch (const wire::SettingsError&) {
  }
  try {
    wire::settingsInEnvelope(text);
  } catch (const wire::SettingsError&) {
  }
  wire::KioskSettings settings;
  try {
    settings = wire::parseKioskSettings(text);
  } catch (const wire::SettingsError&) {
    return 0;
  }
  const std::string once = wire::encodeKioskSettings(settings);
  if (wire::encodeKioskSettings(wire::parseKioskSettings(once)) != once) std::abort();
  try {
    kiosk::config::parseKioskConfig("[kiosk]\nlist = \"commitments.json\"\n", "/", settings.values);
  } catch (const kiosk::config::ConfigError&) {
    std::abort();  // wire accepted a value kiosk.toml's checks refuse: the schema and the file disagree
  }
  return 0;
}
