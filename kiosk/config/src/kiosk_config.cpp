#include "kiosk/config/kiosk_config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "common/toml_depth.hpp"
#include "kiosk/core/time_bucket.hpp"
#include "wire/kiosk_settings.hpp"

namespace kiosk::config {

namespace {

std::string keyPath(std::string_view table, std::string_view key) {
  return std::string(table) + "." + std::string(key);
}

// Rejects keys the kiosk does not know: a typo must not silently fall back to a default.
void rejectUnknownKeys(const toml::table& t, std::string_view tableName, const std::set<std::string_view>& known) {
  for (const auto& [k, v] : t) {
    if (known.count(k.str()) == 0)
      throw ConfigError(tableName.empty() ? std::string(k.str()) : keyPath(tableName, k.str()), "unknown key");
  }
}

const toml::table* subtable(const toml::table& root, std::string_view name) {
  const toml::node* node = root.get(name);
  if (!node) return nullptr;
  if (!node->is_table()) throw ConfigError(std::string(name), "must be a table");
  return node->as_table();
}

std::optional<std::string> getString(const toml::table* t, std::string_view table, std::string_view key) {
  if (!t) return std::nullopt;
  const toml::node* n = t->get(key);
  if (!n) return std::nullopt;
  if (!n->is_string()) throw ConfigError(keyPath(table, key), "must be a string");
  return n->value<std::string>();
}

// [sync] hub_url: one URL, several in one string (separated by commas or spaces), or an array of
// strings. Every one must be https:// and appear once.
std::vector<std::string> hubUrls(const toml::table& sync) {
  const toml::node* n = sync.get("hub_url");
  if (!n) throw ConfigError("sync.hub_url", "is required when [sync] is present");
  std::vector<std::string> urls;
  const auto split = [&](const std::string& text) {
    std::size_t at = 0;
    while (at < text.size()) {
      const std::size_t start = text.find_first_not_of(", \t", at);
      if (start == std::string::npos) break;
      const std::size_t end = std::min(text.find_first_of(", \t", start), text.size());
      urls.push_back(text.substr(start, end - start));
      at = end;
    }
  };
  if (n->is_string()) {
    split(*n->value<std::string>());
  } else if (const toml::array* a = n->as_array()) {
    for (const toml::node& item : *a) {
      if (!item.is_string()) throw ConfigError("sync.hub_url", "must list URLs as strings");
      split(*item.value<std::string>());
    }
  } else {
    throw ConfigError("sync.hub_url", "must be a URL or a list of URLs");
  }
  if (urls.empty()) throw ConfigError("sync.hub_url", "is required when [sync] is present");
  if (urls.size() > 16) throw ConfigError("sync.hub_url", "lists more than 16 hubs");
  for (std::size_t i = 0; i < urls.size(); ++i) {
    if (urls[i].rfind("https://", 0) != 0 || urls[i].size() <= 8)
      throw ConfigError("sync.hub_url", "must start with https:// (found \"" + urls[i] + "\")");
    for (std::size_t j = 0; j < i; ++j)
      if (urls[j] == urls[i]) throw ConfigError("sync.hub_url", "lists \"" + urls[i] + "\" twice");
  }
  return urls;
}

std::optional<std::int64_t> getInt(const toml::table* t, std::string_view table, std::string_view key, std::int64_t lo,
                                   std::int64_t hi) {
  if (!t) return std::nullopt;
  const toml::node* n = t->get(key);
  if (!n) return std::nullopt;
  if (!n->is_integer()) throw ConfigError(keyPath(table, key), "must be a whole number");
  const auto v = *n->value<std::int64_t>();
  if (v < lo || v > hi)
    throw ConfigError(keyPath(table, key), "must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                                               " (found " + std::to_string(v) + ")");
  return v;
}

std::optional<double> getNumber(const toml::table* t, std::string_view table, std::string_view key, double lo,
                                double hi) {
  if (!t) return std::nullopt;
  const toml::node* n = t->get(key);
  if (!n) return std::nullopt;
  if (!(n->is_floating_point() || n->is_integer())) throw ConfigError(keyPath(table, key), "must be a number");
  // toml++ will not hand out an integer above 2^53 as a double (it would lose precision), so
  // integers are read as integers; either way the range check below names the key.
  const double v = n->is_integer() ? static_cast<double>(*n->value<std::int64_t>()) : *n->value<double>();
  if (!(v >= lo && v <= hi))
    throw ConfigError(keyPath(table, key), "must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                                               " (found " + std::to_string(v) + ")");
  return v;
}

std::optional<bool> getBool(const toml::table* t, std::string_view table, std::string_view key) {
  if (!t) return std::nullopt;
  const toml::node* n = t->get(key);
  if (!n) return std::nullopt;
  if (!n->is_boolean()) throw ConfigError(keyPath(table, key), "must be true or false");
  return *n->value<bool>();
}

std::filesystem::path resolve(const std::filesystem::path& base, const std::string& p) {
  std::filesystem::path path(p);
  return path.is_absolute() ? path : base / path;
}

// Puts a JSON value from signed settings into `t` as the TOML value the file would hold. Settings
// are flags, numbers, texts and lists of texts (wire/kiosk_settings.hpp checked that much).
void put(toml::table& t, const std::string& name, const std::string& key, const nlohmann::json& v) {
  if (v.is_boolean()) t.insert_or_assign(name, v.get<bool>());
  else if (v.is_number_integer()) t.insert_or_assign(name, v.get<std::int64_t>());
  else if (v.is_number()) t.insert_or_assign(name, v.get<double>());
  else if (v.is_string()) t.insert_or_assign(name, v.get<std::string>());
  else if (v.is_array()) {
    toml::array array;
    for (const auto& item : v) {
      if (!item.is_string()) throw ConfigError(key, "must be a list of texts");
      array.push_back(item.get<std::string>());
    }
    t.insert_or_assign(name, std::move(array));
  } else {
    throw ConfigError(key, "must be a flag, a number, a text or a list of texts");
  }
}

// Lays signed settings over the file's keys. Only keys the hub may set (wire's schema); a document
// that sets the week's hours sets all seven days, so the file's [hours] is replaced, not mixed.
void layOver(toml::table& root, const SettingsOverlay& overlay) {
  for (const auto& [key, value] : overlay) {
    const std::size_t dot = key.find('.');
    if (!wire::remoteSetting(key) || dot == std::string::npos) throw ConfigError(key, "cannot be set from the hub");
    const std::string table = key.substr(0, dot);
    if (root.get(table) && !root.get(table)->is_table()) throw ConfigError(table, "must be a table");
    if (!root.get(table)) root.insert(table, toml::table{});
    toml::table& t = *root.get(table)->as_table();
    put(t, key.substr(dot + 1), key, value);
  }
}

}  // namespace

std::filesystem::path defaultDataDir() {
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg)
    return std::filesystem::path(xdg) / "commitment-kiosk";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".local/state/commitment-kiosk";
  return std::filesystem::path("/var/lib/commitment-kiosk");
}

KioskConfig parseKioskConfig(std::string_view text, const std::filesystem::path& baseDir,
                             const SettingsOverlay& overlay) {
  if (common::tomlNestingDepth(text, common::kMaxTomlDepth) > common::kMaxTomlDepth)
    throw ConfigError("kiosk.toml", "nests deeper than " + std::to_string(common::kMaxTomlDepth) +
                                        " levels (keys, tables and arrays together): not a kiosk configuration");
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error& e) {
    std::ostringstream where;
    where << "line " << e.source().begin.line << ", column " << e.source().begin.column;
    throw ConfigError(where.str(), std::string(e.description()));
  }
  rejectUnknownKeys(root, "",
                    {"kiosk", "timing", "ratings", "keys", "display", "sync", "hours", "staff", "results", "update",
                     "speech", "phone", "panel"});
  layOver(root, overlay);

  KioskConfig c;
  c.stringsDir = baseDir / "strings";
  c.speech.voiceDir = baseDir / "../assets/voice";

  const toml::table* kiosk = subtable(root, "kiosk");
  if (kiosk) rejectUnknownKeys(*kiosk, "kiosk", {"id", "data_dir", "list", "photo_dir", "strings_dir"});
  if (auto id = getString(kiosk, "kiosk", "id")) {
    if (id->empty() || id->size() > 64) throw ConfigError("kiosk.id", "must be 1-64 characters");
    c.kioskId = *id;
  }
  if (auto d = getString(kiosk, "kiosk", "data_dir"); d && !d->empty()) c.dataDir = resolve(baseDir, *d);
  if (auto l = getString(kiosk, "kiosk", "list")) c.listFile = resolve(baseDir, *l);
  if (auto p = getString(kiosk, "kiosk", "photo_dir")) c.photoDir = resolve(baseDir, *p);
  if (auto s = getString(kiosk, "kiosk", "strings_dir")) c.stringsDir = resolve(baseDir, *s);
  if (c.listFile.empty()) throw ConfigError("kiosk.list", "is required (path of the commitment list JSON)");
  if (c.photoDir.empty()) c.photoDir = c.listFile.parent_path() / "photos";

  const toml::table* timing = subtable(root, "timing");
  if (timing)
    rejectUnknownKeys(*timing, "timing", {"idle_timeout_s", "response_interval_s", "thanks_s", "time_bucket_min"});
  if (auto v = getInt(timing, "timing", "idle_timeout_s", 10, 3600)) c.session.idleTimeout = std::chrono::seconds(*v);
  if (auto v = getInt(timing, "timing", "response_interval_s", 0, 600))
    c.session.responseInterval = std::chrono::seconds(*v);
  if (auto v = getInt(timing, "timing", "thanks_s", 1, 30)) c.session.thanksDuration = std::chrono::seconds(*v);
  if (auto v = getInt(timing, "timing", "time_bucket_min", 1, 1440)) {
    c.bucket = std::chrono::minutes(*v);
    if (!isValidBucket(c.bucket))
      throw ConfigError("timing.time_bucket_min",
                        "must divide a day evenly (e.g. 15, 30, 60, 1440), found " + std::to_string(*v));
  }

  const toml::table* ratings = subtable(root, "ratings");
  if (ratings) rejectUnknownKeys(*ratings, "ratings", {"poor_reason"});
  if (auto m = getString(ratings, "ratings", "poor_reason")) {
    auto mode = reasonModeFromString(*m);
    if (!mode) throw ConfigError("ratings.poor_reason", "must be off, optional or required (found \"" + *m + "\")");
    c.session.reasonMode = *mode;
  }

  const toml::table* display = subtable(root, "display");
  if (display)
    rejectUnknownKeys(*display, "display",
                      {"language", "languages", "text_scale", "hide_cursor", "dpi", "large_text", "high_contrast"});
  if (auto v = getBool(display, "display", "hide_cursor")) c.hideCursor = *v;
  if (auto v = getBool(display, "display", "large_text")) c.session.residentDefaults.largeText = *v;
  if (auto v = getBool(display, "display", "high_contrast")) c.session.residentDefaults.highContrast = *v;
  if (auto v = getNumber(display, "display", "text_scale", 0.5, 3.0)) c.textScale = static_cast<float>(*v);
  if (auto v = getNumber(display, "display", "dpi", 50, 600)) c.dpi = static_cast<float>(*v);
  if (auto lang = getString(display, "display", "language")) c.language = *lang;
  if (display) {
    if (const toml::node* n = display->get("languages")) {
      const toml::array* arr = n->as_array();
      if (!arr) throw ConfigError("display.languages", "must be an array of language names, e.g. [\"zh-CN\", \"en\"]");
      c.languages.clear();
      for (const auto& item : *arr) {
        auto v = item.value<std::string>();
        if (!v || v->empty()) throw ConfigError("display.languages", "must contain only language names");
        c.languages.push_back(*v);
      }
    }
  }
  // The default language leads the switch, whatever order the list gives.
  std::erase(c.languages, c.language);
  c.languages.insert(c.languages.begin(), c.language);

  if (const toml::table* hours = subtable(root, "hours")) {
    static constexpr std::array<std::string_view, 7> kDays{"monday", "tuesday",  "wednesday", "thursday",
                                                           "friday", "saturday", "sunday"};
    std::set<std::string_view> known{kDays.begin(), kDays.end()};
    known.insert({"closed_days", "worked_days"});
    rejectUnknownKeys(*hours, "hours", known);
    // With [hours], a day not listed is a closed day (an empty [hours] closes every day) — unless the
    // table lists only the year's exceptions: holidays alone keep an always-open week open.
    const bool onlyExceptions =
        !hours->empty() && std::none_of(kDays.begin(), kDays.end(), [&](auto d) { return hours->contains(d); });
    if (!onlyExceptions) c.hours = OpeningHours{};
    const auto dates = [&](std::string_view key) {
      std::vector<std::string> days;
      if (const toml::node* n = hours->get(key)) {
        const toml::array* arr = n->as_array();
        if (!arr) throw ConfigError(keyPath("hours", key), "must be a list of dates, e.g. [\"2027-01-01\"]");
        for (const auto& item : *arr) {
          auto v = item.value<std::string>();
          if (!v) throw ConfigError(keyPath("hours", key), "must list dates as \"YYYY-MM-DD\"");
          days.push_back(*v);
        }
      }
      return days;
    };
    for (std::size_t d = 0; d < kDays.size(); ++d) {
      const auto spec = getString(hours, "hours", kDays[d]);
      if (!spec) continue;
      auto ranges = OpeningHours::parseDay(*spec);
      if (!ranges)
        throw ConfigError(
            keyPath("hours", kDays[d]),
            "must look like \"08:30-17:30\" or \"08:30-12:00,13:30-17:30\" (or \"\" for closed), found \"" + *spec +
                "\"");
      c.hours.setDay(static_cast<int>(d), std::move(*ranges));
    }
    if (auto bad = c.hours.setClosedDays(dates("closed_days")))
      throw ConfigError("hours.closed_days", "\"" + *bad + "\" is not a date (YYYY-MM-DD)");
    if (auto bad = c.hours.setWorkedDays(dates("worked_days")))
      throw ConfigError("hours.worked_days", "\"" + *bad + "\" is not a date (YYYY-MM-DD)");
  }

  if (const toml::table* sync = subtable(root, "sync")) {
    rejectUnknownKeys(*sync, "sync",
                      {"hub_url", "ca_file", "token_file", "pinned_public_keys", "deployment", "hall", "trusted_keys",
                       "batch_interval_s", "batch_votes"});
    SyncConfig sc;
    const auto required = [&](const char* key) {
      auto v = getString(sync, "sync", key);
      if (!v || v->empty()) throw ConfigError(keyPath("sync", key), "is required when [sync] is present");
      return *v;
    };
    sc.hubUrls = hubUrls(*sync);
    sc.caFile = resolve(baseDir, required("ca_file"));
    sc.tokenFile = resolve(baseDir, required("token_file"));
    sc.deployment = required("deployment");
    sc.hall = required("hall");
    sc.pinnedPublicKeys = getString(sync, "sync", "pinned_public_keys").value_or("");
    if (auto v = getInt(sync, "sync", "batch_interval_s", 5, 86400)) sc.batchInterval = std::chrono::seconds(*v);
    if (auto v = getInt(sync, "sync", "batch_votes", 1, 20000)) sc.batchVotes = *v;
    const toml::table* keys = subtable(*sync, "trusted_keys");
    if (!keys || keys->empty())
      throw ConfigError("sync.trusted_keys", "must name at least one administrator key (key_id = \"file.pem\")");
    for (const auto& [id, path] : *keys) {
      auto p = path.value<std::string>();
      if (!p) throw ConfigError("sync.trusted_keys." + std::string(id.str()), "must be a path to a PEM file");
      sc.trustedKeys[std::string(id.str())] = resolve(baseDir, *p);
    }
    c.sync = sc;
  }

  if (const toml::table* staff = subtable(root, "staff")) {
    rejectUnknownKeys(*staff, "staff", {"pin_hash", "export_dir", "export_needs_mount", "idle_timeout_s"});
    if (auto h = getString(staff, "staff", "pin_hash")) {
      // Only a hash made by `kioskctl pin-hash`: a PIN in plain text must never sit in a config file.
      if (h->rfind("$argon2id$", 0) != 0)
        throw ConfigError("staff.pin_hash", "must be an Argon2id hash (\"$argon2id$...\") made by `kioskctl pin-hash`");
      c.staff.pinHash = *h;
    }
    if (auto d = getString(staff, "staff", "export_dir"); d && !d->empty()) c.staff.exportDir = resolve(baseDir, *d);
    if (auto v = getBool(staff, "staff", "export_needs_mount")) c.staff.exportNeedsMount = *v;
    if (auto v = getInt(staff, "staff", "idle_timeout_s", 10, 3600))
      c.session.staffIdleTimeout = std::chrono::seconds(*v);
  }

  if (const toml::table* results = subtable(root, "results")) {
    rejectUnknownKeys(*results, "results", {"show", "badge", "min_votes"});
    if (auto v = getBool(results, "results", "show")) c.results.show = *v;
    if (auto v = getBool(results, "results", "badge")) c.results.badge = *v;
    // Not below 5: a figure from a handful of votes could tell who rated how.
    if (auto v = getInt(results, "results", "min_votes", 5, 1'000'000)) c.results.minVotes = *v;
  }

  if (const toml::table* panel = subtable(root, "panel")) {
    rejectUnknownKeys(*panel, "panel", {"enabled"});
    if (auto v = getBool(panel, "panel", "enabled")) c.panel.enabled = *v;
    if (c.panel.enabled && !c.sync)
      throw ConfigError("panel.enabled", "needs a [sync] section: a panel code is checked and spent on the hub");
  }

  if (const toml::table* phone = subtable(root, "phone")) {
    rejectUnknownKeys(*phone, "phone", {"enabled", "public_url", "code_lifetime_s"});
    if (auto v = getBool(phone, "phone", "enabled")) c.phone.enabled = *v;
    if (auto u = getString(phone, "phone", "public_url")) c.phone.publicUrl = *u;
    if (auto v = getInt(phone, "phone", "code_lifetime_s", 30, 3600)) c.phone.codeLifetimeSeconds = *v;
    if (c.phone.enabled) {
      // Phones reach the hub from the Internet: only HTTPS, and a host with nothing after it.
      const std::string& url = c.phone.publicUrl;
      if (url.rfind("https://", 0) != 0 || url.size() <= 8 || url.find_first_of("?#\"<> ", 8) != std::string::npos)
        throw ConfigError("phone.public_url",
                          "must be the hub's address for phones, https://host[:port] (found \"" + url + "\")");
      if (!c.sync) throw ConfigError("phone.enabled", "needs a [sync] section: the hub checks the kiosk's codes");
    }
  }

  if (const toml::table* update = subtable(root, "update")) {
    rejectUnknownKeys(*update, "update", {"only_when_closed", "attract_idle_s"});
    if (auto v = getBool(update, "update", "only_when_closed")) c.update.onlyWhenClosed = *v;
    if (auto v = getInt(update, "update", "attract_idle_s", 60, 86'400)) c.update.attractIdleSeconds = *v;
  }

  if (const toml::table* speech = subtable(root, "speech")) {
    rejectUnknownKeys(*speech, "speech",
                      {"enabled", "engine", "volume", "quiet_hours", "quiet_volume", "announce_choice",
                       "words_per_minute", "voice_dir"});
    if (auto v = getBool(speech, "speech", "enabled")) c.session.residentDefaults.readAloud = *v;
    if (auto e = getString(speech, "speech", "engine")) {
      if (*e != "espeak-ng" && *e != "none")
        throw ConfigError("speech.engine", "must be \"espeak-ng\" or \"none\" (found \"" + *e + "\")");
      c.speech.engine = *e;
    }
    if (auto v = getInt(speech, "speech", "volume", 0, 100)) c.speech.volume = static_cast<int>(*v);
    if (auto v = getInt(speech, "speech", "quiet_volume", 0, 100)) c.speech.quietVolume = static_cast<int>(*v);
    if (auto v = getBool(speech, "speech", "announce_choice")) c.speech.announceChoice = *v;
    if (auto v = getInt(speech, "speech", "words_per_minute", 80, 300)) c.speech.wordsPerMinute = static_cast<int>(*v);
    if (auto q = getString(speech, "speech", "quiet_hours")) {
      auto ranges = common::parseDayHours(*q);
      if (!ranges)
        throw ConfigError("speech.quiet_hours",
                          "must be times like \"12:00-14:00\" or \"12:00-14:00,18:00-20:00\" (found \"" + *q + "\")");
      c.speech.quietHours = std::move(*ranges);
    }
    if (auto d = getString(speech, "speech", "voice_dir"); d && !d->empty()) c.speech.voiceDir = resolve(baseDir, *d);
  }
  if (!c.speech.speaks()) c.session.residentDefaults.readAloud = false;

  if (const toml::table* keys = subtable(root, "keys")) {
    for (const auto& [k, v] : *keys) {
      const std::string key = keyPath("keys", k.str());
      if (k.str() == "hints") {
        const auto shown = v.value<bool>();
        if (!shown || !v.is_boolean()) throw ConfigError(key, "must be true or false");
        c.keys.showHints(*shown);
        continue;
      }
      auto action = actionFromString(k.str());
      if (!action)
        throw ConfigError(
            key, "unknown action (expected good, fair, poor, up, down, left, right, select, back, read_aloud)");
      const toml::array* arr = v.as_array();
      if (!arr) throw ConfigError(key, "must be an array of key names, e.g. [\"1\", \"KP_1\"]");
      std::vector<std::string> names;
      for (const auto& item : *arr) {
        auto s = item.value<std::string>();
        if (!s || s->empty()) throw ConfigError(key, "must contain only non-empty key names");
        names.push_back(*s);
      }
      c.keys.bind(*action, names);
    }
  }
  return c;
}

KioskConfig loadKioskConfig(const std::filesystem::path& file, const SettingsOverlay& overlay) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file.string(), "cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    KioskConfig c = parseKioskConfig(text.str(), std::filesystem::absolute(file).parent_path(), overlay);
    for (const auto& language : c.languages) {
      const auto table = c.stringsDir / (language + ".toml");
      if (!std::filesystem::exists(table))
        throw ConfigError(language == c.language ? "display.language" : "display.languages",
                          "no string table for \"" + language + "\" (looked for " + table.string() + ")");
    }
    return c;
  } catch (const ConfigError& e) {
    throw ConfigError(file.string() + ": " + e.key(), std::string(e.what()).substr(e.key().size() + 2));
  }
}

int speechVolumeAt(const SpeechConfig& speech, WallTime t) {
  const std::int64_t local = t.unix_seconds + t.utc_offset_seconds;
  const int minute = static_cast<int>(((local % 86'400) + 86'400) % 86'400 / 60);
  for (const auto& r : speech.quietHours)
    if (minute >= r.openMinute && minute < r.closeMinute) return speech.quietVolume;
  return speech.volume;
}

}  // namespace kiosk::config
