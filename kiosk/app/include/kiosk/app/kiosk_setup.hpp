// Everything the kiosk reads before it opens a window: kiosk.toml, the string tables of every
// language a resident may switch to, the signed settings the hub delivered before (laid over
// kiosk.toml), the commitment list (the newest one the hub delivered, if it
// still verifies, else the configured file), and with [sync] the trusted keys, the token and the
// last 你评我改 results the hub sent.
// Any mistake stops the start with one message naming the key, field or file. Plain functions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/app/settings_source.hpp"
#include "kiosk/config/kiosk_config.hpp"
#include "kiosk/config/string_table.hpp"
#include "wire/results_board.hpp"
#include "wire/signed_list.hpp"

namespace kiosk::app {

struct KioskSetup {
  std::filesystem::path configFile;          // kiosk.toml, read again when new signed settings are applied
  config::KioskConfig config;                // kiosk.toml with the saved signed settings laid over it
  std::vector<config::StringTable> strings;  // one per language in config.languages
  wire::CommitmentList list;
  wire::TrustedKeys trustedKeys;    // with [sync]
  std::string hubToken;             // with [sync]
  std::int64_t hubListVersion = 0;  // 0: showing the configured file, nothing from the hub yet
  wire::ResultsBoard results;       // with [sync] and results.show: the saved results, else empty
  AppliedSettings settings;         // with [sync]: the signed settings saved in the data folder
  std::string warning;              // a saved hub list or results file that was ignored, and why
};

// The whole message says what is wrong, e.g. "bad configuration: kiosk.toml: timing.idle_timeout_s: …".
class SetupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `dataDirOverride` (from --data-dir) wins over the config; with neither, the data folder is
// $XDG_STATE_HOME/commitment-kiosk/<kiosk id>, or …/demo when `demo`.
KioskSetup loadKioskSetup(const std::filesystem::path& configFile, const std::filesystem::path& dataDirOverride,
                          bool demo);

}  // namespace kiosk::app
