#include "kiosk/app/settings_source.hpp"

#include "common/durable_file.hpp"
#include "common/text_file.hpp"

namespace kiosk::app {

config::SettingsOverlay AppliedSettings::overlay() const {
  return wire::mergedSettings(hall ? &*hall : nullptr, kiosk ? &*kiosk : nullptr);
}

AppliedSettings AppliedSettings::with(const wire::KioskSettings& offered, const std::string& envelope) const {
  AppliedSettings next = *this;
  if (offered.kiosk.empty()) {
    next.hall = offered;
    next.hallEnvelope = envelope;
  } else {
    next.kiosk = offered;
    next.kioskEnvelope = envelope;
  }
  return next;
}

AppliedSettings loadPersistedSettings(const std::filesystem::path& dataDir, const wire::TrustedKeys& trusted,
                                      const wire::SettingsTarget& target, std::string& problem) {
  AppliedSettings out;
  for (const bool own : {false, true}) {
    const auto file = dataDir / (own ? kPersistedKioskSettingsFile : kPersistedHallSettingsFile);
    if (!std::filesystem::exists(file)) continue;
    try {
      std::string envelope = common::readTextFile(file);
      wire::KioskSettings s = wire::verifySignedSettings(envelope, trusted);
      std::optional<std::string> why = wire::whySettingsAreNotFor(s, target);
      if (!why && own == s.kiosk.empty()) why = own ? "names no kiosk" : "names a kiosk";
      if (why) {
        problem += (problem.empty() ? "" : "; ") + file.string() + ": " + *why;
        continue;
      }
      (own ? out.kiosk : out.hall) = std::move(s);
      (own ? out.kioskEnvelope : out.hallEnvelope) = std::move(envelope);
    } catch (const std::exception& e) {
      problem += (problem.empty() ? "" : "; ") + file.string() + ": " + e.what();
    }
  }
  return out;
}

void persistSettings(const std::filesystem::path& dataDir, const AppliedSettings& settings) {
  const std::pair<const char*, const std::string*> files[] = {{kPersistedHallSettingsFile, &settings.hallEnvelope},
                                                              {kPersistedKioskSettingsFile, &settings.kioskEnvelope}};
  for (const auto& [name, envelope] : files) {
    if (!envelope->empty()) {
      common::writeFileDurably(dataDir / name, *envelope);
    } else {
      std::error_code ignored;
      std::filesystem::remove(dataDir / name, ignored);
    }
  }
}

ConfiguredKiosk configureKiosk(const std::filesystem::path& configFile, const std::filesystem::path& dataDir,
                               const AppliedSettings& settings) {
  ConfiguredKiosk out;
  out.config = config::loadKioskConfig(configFile, settings.overlay());
  out.config.dataDir = dataDir;
  for (const auto& language : out.config.languages)
    out.strings.push_back(config::StringTable::load(out.config.stringsDir, language));
  return out;
}

SettingsChange applySettingsOffer(const std::filesystem::path& configFile, const std::filesystem::path& dataDir,
                                  const AppliedSettings& current, const SettingsOffer& offer) {
  SettingsChange change{current, std::nullopt, {}, {}};
  for (const auto* offered : {&offer.hall, &offer.kiosk}) {
    if (!*offered) continue;
    const auto& [settings, envelope] = **offered;
    const std::string what = std::string("scope=") + (settings.kiosk.empty() ? "hall" : "kiosk") +
                             " version=" + std::to_string(settings.version);
    AppliedSettings trial = change.settings.with(settings, envelope);
    try {
      ConfiguredKiosk configured = configureKiosk(configFile, dataDir, trial);
      change.settings = std::move(trial);
      change.configured = std::move(configured);
      change.journal.push_back("settings-applied " + what + " keys=" + std::to_string(settings.values.size()));
    } catch (const std::exception& e) {
      change.refused = e.what();
      change.journal.push_back("settings-rejected " + what + " reason=\"" + change.refused + "\"");
    }
  }
  if (change.configured) {
    try {
      persistSettings(dataDir, change.settings);  // a restart applies them again
    } catch (const std::exception& e) {
      change.journal.push_back(std::string("settings-not-saved reason=\"") + e.what() + "\"");
    }
  }
  return change;
}

}  // namespace kiosk::app
