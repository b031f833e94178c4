// kiosk.toml: the shipped file loads; every bad value is named by its key.
#include <doctest/doctest.h>

#include <fstream>

#include "kiosk/config/kiosk_config.hpp"
#include "kiosk/config/string_table.hpp"
#include "temp_dir.hpp"
#include "wire/commitment_list.hpp"
#include "wire/enrolment_bundle.hpp"

using namespace kiosk;
using kiosk::config::ConfigError;
using kiosk::config::parseKioskConfig;

namespace {
std::string errorKey(const std::string& toml) {
  try {
    parseKioskConfig(toml, "/base");
  } catch (const ConfigError& e) {
    return e.key();
  }
  FAIL("config accepted: " << toml);
  return {};
}
}  // namespace

TEST_CASE("the shipped kiosk.toml loads with the documented defaults") {
  const auto cfg = config::loadKioskConfig(testing::sourceRoot() / "config/kiosk.toml");
  CHECK(cfg.kioskId == "hall-01-k1");
  CHECK(cfg.session.idleTimeout == std::chrono::seconds(60));
  CHECK(cfg.session.responseInterval == std::chrono::seconds(5));
  CHECK(cfg.bucket == std::chrono::minutes(60));
  CHECK(cfg.session.reasonMode == ReasonMode::Optional);
  CHECK(cfg.keys.lookup("KP_2") == Action::Fair);
  CHECK(cfg.listFile.filename() == "commitments.json");
  CHECK(std::filesystem::exists(cfg.listFile));
  CHECK(cfg.results.show);
  CHECK_FALSE(cfg.results.badge);
  CHECK(cfg.results.minVotes == 30);
}

TEST_CASE("relative paths resolve against the config file's folder") {
  const auto cfg = parseKioskConfig("[kiosk]\nlist = \"l.json\"\ndata_dir = \"/abs/data\"\n", "/etc/kiosk");
  CHECK(cfg.listFile == "/etc/kiosk/l.json");
  CHECK(cfg.dataDir == "/abs/data");
  CHECK(cfg.photoDir == "/etc/kiosk/photos");
}

TEST_CASE("bad values are named by key") {
  const std::string list = "[kiosk]\nlist = \"l.json\"\n";
  CHECK(errorKey(list + "[timing]\nidle_timeout_s = 3\n") == "timing.idle_timeout_s");
  CHECK(errorKey(list + "[timing]\nidle_timeout_s = \"60\"\n") == "timing.idle_timeout_s");
  CHECK(errorKey(list + "[timing]\ntime_bucket_min = 7\n") == "timing.time_bucket_min");
  CHECK(errorKey(list + "[ratings]\npoor_reason = \"maybe\"\n") == "ratings.poor_reason");
  CHECK(errorKey(list + "[display]\ntext_scale = 9.0\n") == "display.text_scale");
  CHECK(errorKey(list + "[display]\nhide_cursor = \"yes\"\n") == "display.hide_cursor");
  CHECK(parseKioskConfig(list + "[display]\nhide_cursor = true\n", "/b").hideCursor);
  CHECK(errorKey(list + "[display]\ndpi = 20\n") == "display.dpi");
  CHECK(errorKey(list + "[display]\ndpi = \"high\"\n") == "display.dpi");
  CHECK(parseKioskConfig(list + "[display]\ndpi = 141.2\n", "/b").dpi == doctest::Approx(141.2));
  // A PIN in plain text (or another hash kind) is refused, naming the key.
  CHECK(errorKey(list + "[staff]\npin_hash = \"1234\"\n") == "staff.pin_hash");
  CHECK(errorKey(list + "[staff]\npin_hash = \"$argon2i$v=19$m=4096,t=3,p=1$abc$def\"\n") == "staff.pin_hash");
  CHECK(errorKey(list + "[staff]\nexport_needs_mount = 1\n") == "staff.export_needs_mount");
  CHECK(errorKey(list + "[staff]\npin = \"1234\"\n") == "staff.pin");
  CHECK(errorKey(list + "[staff]\nidle_timeout_s = 1\n") == "staff.idle_timeout_s");
  CHECK(errorKey(list + "[results]\nshow = \"no\"\n") == "results.show");
  CHECK(errorKey(list + "[results]\nbadge = 1\n") == "results.badge");
  CHECK(errorKey(list + "[results]\nmin_votes = 4\n") == "results.min_votes");  // a handful would identify raters
  CHECK(errorKey(list + "[results]\nminimum = 30\n") == "results.minimum");
  CHECK(parseKioskConfig(list + "[results]\nshow = false\nmin_votes = 50\n", "/b").results.minVotes == 50);
  // [update]: kiosk-updater's quiet moment.
  CHECK(errorKey(list + "[update]\nonly_when_closed = \"yes\"\n") == "update.only_when_closed");
  CHECK(errorKey(list + "[update]\nattract_idle_s = 5\n") == "update.attract_idle_s");
  CHECK(errorKey(list + "[update]\nchannel = \"beta\"\n") == "update.channel");
  const auto update =
      parseKioskConfig(list + "[update]\nonly_when_closed = true\nattract_idle_s = 1800\n", "/b").update;
  CHECK(update.onlyWhenClosed);
  CHECK(update.attractIdleSeconds == 1800);
  CHECK(errorKey(list + "[keys]\nvote = [\"1\"]\n") == "keys.vote");
  CHECK(errorKey(list + "[keys]\ngood = \"1\"\n") == "keys.good");
  CHECK(errorKey(list + "[keys]\nhints = \"yes\"\n") == "keys.hints");
  // "或按 1 键" only where a keypad is attached: off unless the hall says so.
  CHECK_FALSE(parseKioskConfig(list, "/b").keys.hintsShown());
  CHECK(parseKioskConfig(list + "[keys]\nhints = true\n", "/b").keys.hintsShown());
  CHECK(errorKey(list + "[timing]\nidle_timout_s = 60\n") == "timing.idle_timout_s");  // a typo
  CHECK(errorKey("[kiosk]\nid = \"k\"\n") == "kiosk.list");
  CHECK(errorKey("[kiosk\nlist=1") == "line 1, column 7");
}

TEST_CASE("a config file that does not exist is named") {
  try {
    config::loadKioskConfig("/nonexistent/kiosk.toml");
    FAIL("loaded a missing file");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find("/nonexistent/kiosk.toml") != std::string::npos);
  }
}

TEST_CASE("string tables exist for zh-CN and en with the same keys") {
  const auto zh = config::StringTable::load(testing::sourceRoot() / "config/strings", "zh-CN");
  const auto en = config::StringTable::load(testing::sourceRoot() / "config/strings", "en");
  CHECK(zh.get("attract.tap_to_start") == "点击开始评议");
  CHECK(en.get("rating.fair") == "Fair");
  CHECK(zh.size() == en.size());
  CHECK(zh.get("no.such.key") == "no.such.key");
}

TEST_CASE("opening hours: days listed are open as given, days not listed are closed, bad ranges are named") {
  const std::string list = "[kiosk]\nlist = \"l.json\"\n";
  const auto cfg = parseKioskConfig(list + "[hours]\nmonday = \"08:30-17:30\"\nsunday = \"\"\n", "/base");
  // 2026-11-23 is a Monday; 10:00 in Beijing.
  CHECK(cfg.hours.isOpen({1'795'363'200 + 10 * 3600, 8 * 3600}));
  CHECK_FALSE(cfg.hours.isOpen({1'795'363'200 + 86400 + 10 * 3600, 8 * 3600}));  // Tuesday: not listed
  CHECK(parseKioskConfig(list, "/base").hours.isOpen({1'795'363'200 + 86400 + 3 * 3600, 8 * 3600}));  // default: always
  CHECK(errorKey(list + "[hours]\nmonday = \"8-17\"\n") == "hours.monday");
  CHECK(errorKey(list + "[hours]\nmondy = \"08:00-17:00\"\n") == "hours.mondy");
}

TEST_CASE("numbers too large for a double's integers are named, not dereferenced") {
  const std::string list = "[kiosk]\nlist = \"l.json\"\n";
  CHECK(errorKey(list + "[display]\ndpi = 9007199254740993\n") == "display.dpi");
  CHECK(errorKey(list + "[display]\ntext_scale = 9223372036854775807\n") == "display.text_scale");
  CHECK(errorKey(list + "[display]\ntext_scale = -9223372036854775808\n") == "display.text_scale");
}

TEST_CASE("a string table nested absurdly deep, or absurdly long, is refused by name") {
  testing::TempDir dir;
  std::string deep = "[" + std::string("a");
  for (int i = 0; i < 200; ++i) deep += ".a";
  std::ofstream(dir / "xx.toml") << deep << "]\nk = \"v\"\n";
  CHECK_THROWS_WITH_AS(config::StringTable::load(dir.path(), "xx"), doctest::Contains("nests deeper than 6"),
                       ConfigError);
  std::ofstream many(dir / "yy.toml");
  for (int i = 0; i < 2500; ++i) many << "k" << i << " = \"v\"\n";
  many.close();
  CHECK_THROWS_WITH_AS(config::StringTable::load(dir.path(), "yy"), doctest::Contains("more than 2000"), ConfigError);
}

TEST_CASE("[sync] hub_url lists one hub or several, each https and once") {
  const std::string head = "[kiosk]\nlist = \"l.json\"\n[sync]\n";
  const std::string rest =
      "ca_file = \"ca.pem\"\ntoken_file = \"t\"\ndeployment = \"d\"\nhall = \"h\"\n[sync.trusted_keys]\nk = "
      "\"k.pem\"\n";
  const auto urls = [&](const std::string& line) { return parseKioskConfig(head + line + rest, "/b").sync->hubUrls; };
  CHECK(urls("hub_url = \"https://a:8443\"\n") == std::vector<std::string>{"https://a:8443"});
  CHECK(urls("hub_url = \"https://a:8443, https://b:8443 https://c\"\n") ==
        std::vector<std::string>{"https://a:8443", "https://b:8443", "https://c"});
  CHECK(urls("hub_url = [\"https://a:8443\", \"https://b:8443\"]\n") ==
        std::vector<std::string>{"https://a:8443", "https://b:8443"});
  CHECK(errorKey(head + "hub_url = \"http://a:8443\"\n" + rest) == "sync.hub_url");
  CHECK(errorKey(head + "hub_url = [\"https://a\", \"http://b\"]\n" + rest) == "sync.hub_url");
  CHECK(errorKey(head + "hub_url = [\"https://a\", 7]\n" + rest) == "sync.hub_url");
  CHECK(errorKey(head + "hub_url = [\"https://a\", \"https://a\"]\n" + rest) == "sync.hub_url");
  CHECK(errorKey(head + "hub_url = []\n" + rest) == "sync.hub_url");
  CHECK(errorKey(head + "hub_url = \" , \"\n" + rest) == "sync.hub_url");
  CHECK(errorKey(head + "hub_url = 8443\n" + rest) == "sync.hub_url");
  CHECK(errorKey(head + rest) == "sync.hub_url");
}

TEST_CASE("a kiosk.toml nested absurdly deep is refused by name before any parser sees it") {
  const std::string list = "[kiosk]\nlist = \"l.json\"\n";
  std::string dotted = "a";
  for (int i = 0; i < 30'000; ++i) dotted += ".a";  // crashed toml++ by recursion before
  CHECK(errorKey(list + dotted + " = 1\n") == "kiosk.toml");
  CHECK(errorKey(list + "x = " + std::string(30'000, '[') + "\n") == "kiosk.toml");
  CHECK(errorKey(list + "x = " + std::string(30'000, '{') + "\n") == "kiosk.toml");
  // Dots and brackets inside comments are text, not nesting (strings: tests/common/toml_depth_test).
  CHECK_NOTHROW(parseKioskConfig(list + "# " + std::string(100, '.') + std::string(100, '[') + "\n", "/base"));
}

TEST_CASE("the kiosk.toml of an enrolment bundle loads as written, pointing at the bundle's files") {
  wire::Enrolment e{"hall-01-k9", "hall-01", "zibo-zhangdian", "kh_token", {{"admin-2026", "PEM"}}};
  const std::string list = testing::readFile(testing::sourceRoot() / "config/demo/commitments.json");
  wire::BundleOptions options{"https://a:8443, https://b:8443", "CA", "示范街道党群服务中心", list, 1};
  options.installedShare = testing::sourceRoot().string();  // the package's files, from the source tree
  testing::TempDir dir;
  for (const auto& f : wire::enrolmentBundle(e, options)) {
    std::filesystem::create_directories((dir / f.path).parent_path());
    testing::writeFile(dir / f.path, f.content);
  }
  const auto cfg = config::loadKioskConfig(dir / "kiosk.toml");
  CHECK(cfg.kioskId == "hall-01-k9");
  CHECK(cfg.listFile == dir / "hub/commitments.json");
  CHECK(wire::parseCommitmentList(testing::readFile(cfg.listFile)).commitments.size() > 0);
  CHECK(std::filesystem::exists(cfg.stringsDir / "zh-CN.toml"));
  REQUIRE(cfg.sync);
  CHECK(cfg.sync->hubUrls == std::vector<std::string>{"https://a:8443", "https://b:8443"});
  CHECK(cfg.sync->hall == "hall-01");
  CHECK(cfg.sync->deployment == "zibo-zhangdian");
  CHECK(cfg.sync->tokenFile == dir / "hub/kiosk-token");
  CHECK(cfg.sync->trustedKeys.at("admin-2026") == dir / "hub/keys/admin-2026.pem");
}

TEST_CASE("[speech]: defaults, each key read, bad values named, quiet hours lower the volume") {
  const std::string list = "[kiosk]\nlist = \"l.json\"\n";
  const auto defaults = parseKioskConfig(list, "/base");
  CHECK(defaults.speech.speaks());
  CHECK(defaults.speech.engine == "espeak-ng");
  CHECK(defaults.speech.volume == 80);
  CHECK_FALSE(defaults.speech.announceChoice);
  CHECK_FALSE(defaults.session.residentDefaults.readAloud);
  CHECK(defaults.speech.voiceDir == std::filesystem::path("/base/../assets/voice"));
  CHECK(defaults.keys.lookup("0") == Action::ReadAloud);
  CHECK(defaults.keys.lookup("KP_0") == Action::ReadAloud);

  const auto set = parseKioskConfig(list +
                                        "[speech]\nenabled = true\nvolume = 60\nquiet_hours = \"12:00-14:00\"\n"
                                        "quiet_volume = 20\nannounce_choice = true\nwords_per_minute = 130\n"
                                        "voice_dir = \"voice\"\n[keys]\nread_aloud = [\"KP_Multiply\"]\n",
                                    "/base");
  CHECK(set.session.residentDefaults.readAloud);
  CHECK(set.speech.announceChoice);
  CHECK(set.speech.wordsPerMinute == 130);
  CHECK(set.speech.voiceDir == std::filesystem::path("/base/voice"));
  CHECK(set.keys.lookup("KP_Multiply") == Action::ReadAloud);
  CHECK_FALSE(set.keys.lookup("0"));
  // Quiet from 12:00 to 14:00 in the hall's local time (UTC+8 here): 11:59 loud, 12:00 and 13:59 quiet, 14:00 loud.
  const std::int64_t midnight = 1'795'363'200;  // 2026-11-23 00:00 in UTC+8
  const auto at = [&](int h, int m) { return WallTime{midnight + h * 3600 + m * 60, 8 * 3600}; };
  CHECK(config::speechVolumeAt(set.speech, at(11, 59)) == 60);
  CHECK(config::speechVolumeAt(set.speech, at(12, 0)) == 20);
  CHECK(config::speechVolumeAt(set.speech, at(13, 59)) == 20);
  CHECK(config::speechVolumeAt(set.speech, at(14, 0)) == 60);

  // No engine, or no volume: a silent kiosk, and no resident can have 朗读, whatever the default says.
  const auto silent = parseKioskConfig(list + "[speech]\nengine = \"none\"\nenabled = true\n", "/b");
  CHECK_FALSE(silent.speech.speaks());
  CHECK_FALSE(silent.session.residentDefaults.readAloud);
  CHECK_FALSE(parseKioskConfig(list + "[speech]\nvolume = 0\nenabled = true\n", "/b").speech.speaks());

  CHECK(errorKey(list + "[speech]\nvolume = -1\n") == "speech.volume");
  CHECK(errorKey(list + "[speech]\nengine = \"festival\"\n") == "speech.engine");
  CHECK(errorKey(list + "[speech]\nvolume = 101\n") == "speech.volume");
  CHECK(errorKey(list + "[speech]\nquiet_hours = \"noon\"\n") == "speech.quiet_hours");
  CHECK(errorKey(list + "[speech]\nquiet_volume = \"low\"\n") == "speech.quiet_volume");
  CHECK(errorKey(list + "[speech]\nwords_per_minute = 20\n") == "speech.words_per_minute");
  CHECK(errorKey(list + "[speech]\nenabled = \"yes\"\n") == "speech.enabled");
  CHECK(errorKey(list + "[speech]\nvoice = \"male\"\n") == "speech.voice");
}

TEST_CASE("[panel]: off by default, needs [sync], bad values named") {
  const std::string list = "[kiosk]\nlist = \"l.json\"\n";
  const std::string sync =
      "[sync]\nhub_url = \"https://10.0.0.5:8443\"\nca_file = \"ca.pem\"\ntoken_file = \"t\"\ndeployment = \"d\"\n"
      "hall = \"hall-01\"\n[sync.trusted_keys]\nk = \"k.pem\"\n";
  CHECK_FALSE(parseKioskConfig(list + sync, "/b").panel.enabled);
  CHECK(parseKioskConfig(list + sync + "[panel]\nenabled = true\n", "/b").panel.enabled);
  CHECK(errorKey(list + "[panel]\nenabled = true\n") == "panel.enabled");
  CHECK(errorKey(list + sync + "[panel]\nenabled = 1\n") == "panel.enabled");
  CHECK(errorKey(list + sync + "[panel]\ncode = \"x\"\n") == "panel.code");
}

TEST_CASE("[phone]: off by default, needs [sync] and the hub's https address, bad values named") {
  const std::string list = "[kiosk]\nlist = \"l.json\"\n";
  const std::string sync =
      "[sync]\nhub_url = \"https://10.0.0.5:8443\"\nca_file = \"ca.pem\"\ntoken_file = \"t\"\ndeployment = \"d\"\n"
      "hall = \"hall-01\"\n[sync.trusted_keys]\nk = \"k.pem\"\n";
  CHECK_FALSE(parseKioskConfig(list, "/b").phone.enabled);
  const auto on = parseKioskConfig(
      list + sync + "[phone]\nenabled = true\npublic_url = \"https://pj.example.cn\"\ncode_lifetime_s = 90\n", "/b");
  CHECK(on.phone.enabled);
  CHECK(on.phone.publicUrl == "https://pj.example.cn");
  CHECK(on.phone.codeLifetimeSeconds == 90);
  CHECK(errorKey(list + "[phone]\nenabled = true\npublic_url = \"https://pj.example.cn\"\n") == "phone.enabled");
  CHECK(errorKey(list + sync + "[phone]\nenabled = true\n") == "phone.public_url");
  CHECK(errorKey(list + sync + "[phone]\nenabled = true\npublic_url = \"http://pj.example.cn\"\n") ==
        "phone.public_url");
  CHECK(errorKey(list + sync + "[phone]\nenabled = true\npublic_url = \"https://a/?x=\\\"\"\n") == "phone.public_url");
  CHECK(errorKey(list + sync + "[phone]\ncode_lifetime_s = 5\n") == "phone.code_lifetime_s");
  CHECK(errorKey(list + sync + "[phone]\nenabled = \"yes\"\n") == "phone.enabled");
  CHECK(errorKey(list + sync + "[phone]\nurl = \"https://a\"\n") == "phone.url");
}
