// Signed kiosk settings on the kiosk (wire/kiosk_settings.hpp): the hall's document and the kiosk's
// own, kept in the data folder so a restart applies them again, and the configuration they make
// when laid over kiosk.toml — which stays the bootstrap (data folder, sync, display hardware) and
// the fallback for every key no document sets. A document that verifies but makes a configuration
// the kiosk cannot use (a language without a string table) is refused whole: the old stays.
// Plain functions and values; the UI thread applies, any thread may read a copy.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/config/kiosk_config.hpp"
#include "kiosk/config/string_table.hpp"
#include "wire/kiosk_settings.hpp"

namespace kiosk::app {

inline constexpr const char* kPersistedHallSettingsFile = "settings-hall.signed.json";
inline constexpr const char* kPersistedKioskSettingsFile = "settings-kiosk.signed.json";

// What the kiosk applies now: its hall's document and its own, each with its envelope bytes.
struct AppliedSettings {
  std::optional<wire::KioskSettings> hall, kiosk;
  std::string hallEnvelope, kioskEnvelope;

  std::int64_t hallVersion() const { return hall ? hall->version : 0; }
  std::int64_t kioskVersion() const { return kiosk ? kiosk->version : 0; }
  // The kiosk's own keys laid over its hall's.
  config::SettingsOverlay overlay() const;
  // These settings with `offered` (verified, for this kiosk) in its scope instead.
  AppliedSettings with(const wire::KioskSettings& offered, const std::string& envelope) const;
};

// The persisted documents still valid for this kiosk (signature, deployment, hall, kiosk); a
// damaged or foreign file is named in `problem` and left out.
AppliedSettings loadPersistedSettings(const std::filesystem::path& dataDir, const wire::TrustedKeys& trusted,
                                      const wire::SettingsTarget& target, std::string& problem);
// Writes both envelopes (temp file, fsync, rename each), removing a scope that has none.
void persistSettings(const std::filesystem::path& dataDir, const AppliedSettings& settings);

// kiosk.toml with `settings` laid over it, its data folder kept as `dataDir` (the one resolved at
// start), and the string tables of its languages. Throws config::ConfigError or std::runtime_error
// naming what the kiosk cannot use.
struct ConfiguredKiosk {
  config::KioskConfig config;
  std::vector<config::StringTable> strings;
};
ConfiguredKiosk configureKiosk(const std::filesystem::path& configFile, const std::filesystem::path& dataDir,
                               const AppliedSettings& settings);

// Signed settings that arrived and verified, waiting for the attract or closed screen: each scope's
// newest with its envelope bytes.
struct SettingsOffer {
  std::optional<std::pair<wire::KioskSettings, std::string>> hall, kiosk;
};

// What applying an offer came to: the hall's document first, then the kiosk's own over it, each
// taken only if the configuration it makes is one the kiosk can use (else it is refused and the
// one before stays). `configured` is set when anything was taken, and then the documents taken are
// already saved in the data folder. One journal line per document ("settings-applied scope=hall
// version=3", "settings-rejected …").
struct SettingsChange {
  AppliedSettings settings;
  std::optional<ConfiguredKiosk> configured;
  std::vector<std::string> journal;
  std::string refused;  // why the last refused document was refused, "" when none was
};
SettingsChange applySettingsOffer(const std::filesystem::path& configFile, const std::filesystem::path& dataDir,
                                  const AppliedSettings& current, const SettingsOffer& offer);

}  // namespace kiosk::app
