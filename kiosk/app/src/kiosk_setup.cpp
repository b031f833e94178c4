#include "kiosk/app/kiosk_setup.hpp"

#include "common/text_file.hpp"
#include "kiosk/app/list_source.hpp"
#include "kiosk/app/results_source.hpp"
#include "kiosk/app/settings_source.hpp"

namespace kiosk::app {

KioskSetup loadKioskSetup(const std::filesystem::path& configFile, const std::filesystem::path& dataDirOverride,
                          bool demo) {
  KioskSetup s;
  s.configFile = configFile;
  try {
    s.config = config::loadKioskConfig(configFile);
    if (!dataDirOverride.empty()) s.config.dataDir = dataDirOverride;
    if (s.config.dataDir.empty()) s.config.dataDir = config::defaultDataDir() / (demo ? "demo" : s.config.kioskId);
    for (const auto& language : s.config.languages)
      s.strings.push_back(config::StringTable::load(s.config.stringsDir, language));
    s.list = loadListFile(s.config.listFile);
    if (s.config.sync) {
      s.trustedKeys = loadTrustedKeys(s.config.sync->trustedKeys);
      try {
        s.hubToken = common::readFirstLine(s.config.sync->tokenFile);
      } catch (const std::runtime_error& e) {
        throw config::ConfigError("sync.token_file", e.what());
      }
      // Signed settings the hub delivered before a restart are laid over kiosk.toml again.
      std::string settingsProblem;
      const config::SyncConfig& sync = *s.config.sync;
      AppliedSettings savedSettings = loadPersistedSettings(
          s.config.dataDir, s.trustedKeys, {sync.deployment, sync.hall, s.config.kioskId, 0}, settingsProblem);
      if (savedSettings.hall || savedSettings.kiosk) {
        try {
          ConfiguredKiosk configured = configureKiosk(configFile, s.config.dataDir, savedSettings);
          s.config = std::move(configured.config);
          s.strings = std::move(configured.strings);
          s.settings = std::move(savedSettings);
        } catch (const std::exception& e) {
          settingsProblem += (settingsProblem.empty() ? "" : "; ") + std::string(e.what());
        }
      }
      if (!settingsProblem.empty()) s.warning = "ignoring the saved settings: " + settingsProblem;
      // The newest list the hub delivered before a restart wins over the configured file.
      std::string problem;
      if (auto saved = loadPersistedList(s.config.dataDir, s.trustedKeys,
                                         {s.config.sync->deployment, s.config.sync->hall, 0}, problem)) {
        s.list = std::move(*saved);
        s.hubListVersion = s.list.version;
      } else if (!problem.empty()) {
        s.warning += (s.warning.empty() ? "" : "; ") + std::string("ignoring the saved list: ") + problem;
      }
      if (s.config.results.show) {
        std::string resultsProblem;
        s.results =
            loadPersistedResults(s.config.dataDir, s.config.sync->hall, s.config.results.minVotes, resultsProblem);
        if (!resultsProblem.empty())
          s.warning += (s.warning.empty() ? "" : "; ") + std::string("ignoring the saved results: ") + resultsProblem;
      }
    }
  } catch (const config::ConfigError& e) {
    throw SetupError(std::string("bad configuration: ") + e.what());
  } catch (const wire::ListError& e) {
    throw SetupError("bad commitment list " + s.config.listFile.string() + ": " + e.what());
  } catch (const std::runtime_error& e) {
    throw SetupError(std::string("bad configuration: ") + e.what());
  }
  return s;
}

}  // namespace kiosk::app
