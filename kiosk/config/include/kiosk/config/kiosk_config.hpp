// kiosk.toml: the settings of one kiosk, validated as a whole when loaded.
// loadKioskConfig reads one file; the result is a plain value, safe to copy between threads.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/day_hours.hpp"
#include "kiosk/core/clock.hpp"
#include "kiosk/core/key_map.hpp"
#include "kiosk/core/opening_hours.hpp"
#include "kiosk/core/session.hpp"

namespace kiosk::config {

// [sync]: how this kiosk reaches its hub. Absent: the kiosk works offline only.
struct SyncConfig {
  // https://host:port, one or more: several hubs on one PostgreSQL serve the same deployment, and
  // the kiosk tries the next on a connection failure or a 5xx (sync::FailoverTransport).
  std::vector<std::string> hubUrls;
  std::filesystem::path caFile;     // the CA that signed the hub's certificate
  std::filesystem::path tokenFile;  // holds this kiosk's bearer token (kept out of the config)
  std::string pinnedPublicKeys;     // optional "sha256//BASE64;..." pins
  std::string deployment;
  std::string hall;
  std::map<std::string, std::filesystem::path> trustedKeys;  // key_id -> administrator public key PEM
  std::chrono::seconds batchInterval{300};
  std::int64_t batchVotes = 200;
};

// [staff]: the hidden staff mode. Without a PIN hash the gesture does nothing. (Its idle timeout,
// staff.idle_timeout_s, lives in SessionConfig with the resident's.)
struct StaffConfig {
  std::string pinHash;              // Argon2id, encoded ("$argon2id$v=19$..."), from `kioskctl pin-hash`
  std::filesystem::path exportDir;  // where a USB stick is mounted; empty: no export offered
  bool exportNeedsMount = true;     // refuse to export unless exportDir is a mount point (stick inserted)
  bool enabled() const { return !pinHash.empty(); }
};

// [results]: 你评我改, the hub's satisfaction figures and rectification outcomes shown back to
// residents (fetched with the list; only with [sync]).
struct ResultsConfig {
  bool show = true;    // on the detail screen: "近 3 个月 128 人评价 · 满意率 86%", "整改情况：…"
  bool badge = false;  // also a small "满意率 86%" on each card of the list
  std::int64_t minVotes = 30;  // the kiosk's own floor: fewer votes are never shown, whatever the hub sends
};

// [panel]: 评议会 ballots on this kiosk (issue 28): a 评议会 button on the attract screen opens a pad
// for the code on a panelist's slip. Off by default — a hall that holds no panels shows residents
// no button they cannot use — and only with [sync] (the code is checked and spent on the hub).
struct PanelConfig {
  bool enabled = false;
};

// [update]: when kiosk-updater may install a new package (kiosk/updater/update_decision.hpp).
struct UpdateConfig {
  bool onlyWhenClosed = false;            // never in opening hours, not even on an idle attract screen
  std::int64_t attractIdleSeconds = 600;  // else: the attract screen untouched this long
};

// [speech]: 朗读, the kiosk's voice (kiosk/speech). The resident switches it on; the hall decides
// whether it exists at all, how loud it is, and whether a chosen rating is ever said.
// As the brief has it: `enabled` is 朗读's default for each resident (SessionConfig's
// residentDefaults.readAloud), `engine` "espeak-ng" or "none" (a silent kiosk, no 朗读 switch).
struct SpeechConfig {
  std::string engine = "espeak-ng";
  int volume = 80;  // percent of the output, 0-100; 0 is a silent kiosk too
  // "12:00-14:00" (ranges as [hours] writes them): the voice is quieter then, never silent — a
  // resident who cannot see still needs it at noon.
  std::vector<common::DayRange> quietHours;
  int quietVolume = 40;
  // Whether the thank-you says which rating was recorded (quietly). Off by default: see kiosk/README.md.
  bool announceChoice = false;
  int wordsPerMinute = 150;        // espeak-ng's rate; 150 suits elderly listeners
  std::filesystem::path voiceDir;  // recorded prompts: <voice_dir>/<language>/<string key>.wav|.ogg
  // Whether the kiosk makes any sound: an engine, and a volume above nothing.
  bool speaks() const { return engine != "none" && volume > 0; }
};

// [phone]: 扫码评价, a QR code on the attract screen and each commitment's page that opens the hub's
// vote page on a resident's phone (kiosk/app/phone_codes.hpp). Needs [sync]: the code names this
// kiosk and its hall, and the hub checks it against the key this kiosk registered.
struct PhoneConfig {
  bool enabled = false;
  std::string publicUrl;                   // the hub as phones reach it: https://host[:port]
  std::int64_t codeLifetimeSeconds = 120;  // as the hub's [phone] code_lifetime_s
};

// The speaking volume at `t`: quiet_volume within the quiet hours, volume otherwise.
int speechVolumeAt(const SpeechConfig& speech, WallTime t);

struct KioskConfig {
  std::string kioskId = "kiosk-1";
  std::filesystem::path dataDir;     // empty: $XDG_STATE_HOME/commitment-kiosk (or ~/.local/state/...)
  std::filesystem::path listFile;    // the commitment list shown until sync installs a newer one
  std::filesystem::path photoDir;    // where the list's `photo` file names are looked up
  std::filesystem::path stringsDir;  // UI string tables, one <language>.toml each
  std::string language = "zh-CN";    // the hall's default
  // Languages a resident can switch between on the attract screen; the default comes first.
  std::vector<std::string> languages{"zh-CN", "zh-TW", "en"};
  float textScale = 1.0f;
  bool hideCursor = false;  // touch-only kiosks hide the pointer
  float dpi = 96.0f;        // the panel's pixels per inch: tap targets are at least 15 mm on it
  SessionConfig session;
  std::chrono::minutes bucket{60};
  KeyMap keys = KeyMap::defaults();
  OpeningHours hours = OpeningHours::always();
  std::optional<SyncConfig> sync;
  StaffConfig staff;
  ResultsConfig results;
  PanelConfig panel;
  UpdateConfig update;
  SpeechConfig speech;
  PhoneConfig phone;
};

// Names the offending key, e.g. `timing.idle_timeout_s: must be between 10 and 3600 (found 3)`.
class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::string& key, const std::string& problem)
      : std::runtime_error(key + ": " + problem), key_(key) {}
  const std::string& key() const { return key_; }

 private:
  std::string key_;
};

// Settings an administrator signed for this kiosk (wire/kiosk_settings.hpp), as dotted kiosk.toml
// keys ("timing.idle_timeout_s") with their values. They are laid over the file's keys before the
// whole is checked, so a value from the hub meets exactly the checks a value in the file does.
using SettingsOverlay = std::map<std::string, nlohmann::json, std::less<>>;

// Relative paths in the file are taken relative to the file's own folder. A key of `overlay` that
// is not one the hub may set is a ConfigError ("sync.hub_url: cannot be set from the hub").
KioskConfig loadKioskConfig(const std::filesystem::path& file, const SettingsOverlay& overlay = {});
KioskConfig parseKioskConfig(std::string_view toml, const std::filesystem::path& baseDir,
                             const SettingsOverlay& overlay = {});

// The default data directory for this user (XDG state dir).
std::filesystem::path defaultDataDir();

}  // namespace kiosk::config
