// hub.toml: defaults as `init` writes them, and every bad value named by its key.
#include <doctest/doctest.h>

#include <fstream>
#include <stdexcept>

#include "common/text_file.hpp"
#include "hub/config/hub_config.hpp"
#include "temp_dir.hpp"

using namespace hub;

namespace {
void write(const testing::TempDir& dir, const std::string& text) { std::ofstream(dir / "hub.toml") << text; }
}  // namespace

TEST_CASE("the file init writes loads with the documented defaults") {
  testing::TempDir dir;
  write(dir, defaultHubToml("zibo-zhangdian"));
  const HubConfig c = loadHubConfig(dir.path());
  CHECK(c.api.deployment == "zibo-zhangdian");
  CHECK(c.database == dir / "hub.db");
  CHECK(c.tlsKey == dir / "tls/server.key");
  CHECK(c.api.rectify.fairOrWorseAtLeast == doctest::Approx(0.30));
  CHECK(c.api.rectify.totalAtLeast == 20);
  CHECK(c.api.silentAfterSeconds == 15 * 60);
  CHECK(c.limits.bodyLimit == 1u << 20);
  CHECK(c.limits.uploadLimit == 8u << 20);
  CHECK(c.console.uploadBytes == 8u << 20);
  CHECK(c.console.kioskCaFile == dir / "tls/ca.pem");
  // Phone votes and the public page are off until a deployment opens them.
  CHECK_FALSE(c.phone.enabled);
  CHECK(c.phone.codeLifetimeSeconds == 120);
  CHECK(c.phone.sessionSeconds == 15 * 60);
  CHECK(c.phone.sessionsPerCode == 20);
  CHECK_FALSE(c.publicPage.open.enabled);
  CHECK(c.publicPage.open.halls.empty());
  CHECK_FALSE(c.publicPage.open.covers("hall-01"));
  CHECK_FALSE(c.api.posters.on.covers("hall-01"));
  CHECK(c.api.posters.lifetimeDays == 366);
  CHECK(c.api.posters.sessionsPerPosterPerDay == 100);
  CHECK(c.api.posters.publicUrl.empty());
  CHECK(c.publicPage.publicMinimum == 30);
  CHECK(c.publicPage.frameAncestors == "'none'");
  CHECK(c.console.publicUrl.empty());
  CHECK(c.alerts.webhooks.empty());
  CHECK(c.alerts.checkIntervalSeconds == 60);
  CHECK(c.alerts.retryBaseSeconds == 30);
  CHECK(c.alerts.giveUpSeconds == 48 * 3600);
}

TEST_CASE("the public page and posters are switched on per hall: enabled, then the listed halls or all") {
  testing::TempDir dir;
  write(dir,
        "[hub]\ndeployment = \"d\"\n[public]\nenabled = true\nhalls = [\"hall-01\"]\n[poster]\nenabled = true\n"
        "lifetime_days = 200\nsessions_per_poster_per_day = 40\npublic_url = \"https://hall.example:8443\"\n");
  const HubConfig on = loadHubConfig(dir.path());
  CHECK(on.publicPage.open.covers("hall-01"));
  CHECK_FALSE(on.publicPage.open.covers("hall-02"));
  CHECK(on.api.posters.on.covers("hall-01"));  // no halls listed: every hall
  CHECK(on.api.posters.on.covers("hall-02"));
  CHECK(on.api.posters.lifetimeDays == 200);
  CHECK(on.api.posters.sessionsPerPosterPerDay == 40);
  CHECK(on.api.posters.publicUrl == "https://hall.example:8443");
  // Halls listed but the switch left off: still closed.
  write(dir, "[hub]\ndeployment = \"d\"\n[public]\nhalls = [\"hall-01\"]\n");
  CHECK_FALSE(loadHubConfig(dir.path()).publicPage.open.covers("hall-01"));
}

TEST_CASE("webhooks: each [[alerts.webhooks]] read, bad ones refused with the entry named") {
  testing::TempDir dir;
  write(dir,
        "[hub]\ndeployment = \"d\"\n[[alerts.webhooks]]\nurl = \"https://qyapi.weixin.qq.com/x?key=K\"\n"
        "format = \"wecom\"\nhalls = [\"hall-01\", \"hall-02\"]\n[[alerts.webhooks]]\nurl = \"https://r.example/\"\n"
        "ca_file = \"tls/ca.pem\"\n");
  const HubConfig c = loadHubConfig(dir.path());
  REQUIRE(c.alerts.webhooks.size() == 2);
  CHECK(c.alerts.webhooks[0].format == WebhookFormat::WeCom);
  CHECK(c.alerts.webhooks[0].halls == std::vector<std::string>{"hall-01", "hall-02"});
  CHECK(c.alerts.webhooks[1].format == WebhookFormat::Json);  // the default
  CHECK(c.alerts.webhooks[1].caFile == (dir / "tls/ca.pem").string());
  const auto refused = [&](const std::string& hook, const char* needle) {
    write(dir, "[hub]\ndeployment = \"d\"\n[[alerts.webhooks]]\n" + hook);
    CHECK_THROWS_WITH_AS(loadHubConfig(dir.path()), doctest::Contains(needle), std::runtime_error);
  };
  refused("url = \"http://plain.example/\"\n", "alerts.webhooks[0].url: must be an https:// URL");
  refused("format = \"json\"\n", "alerts.webhooks[0].url: must be an https:// URL");
  refused("url = \"https://x/\"\nformat = \"slack\"\n", "alerts.webhooks[0].format: must be json, wecom or dingtalk");
  refused("url = \"https://x/\"\nhalls = \"hall-01\"\n", "alerts.webhooks[0].halls: must be an array");
  refused("url = \"https://x/\"\nsecret = 5\n", "alerts.webhooks[0].secret: must be a string");
  refused("url = \"https://x/\"\ntoken = \"t\"\n", "alerts.webhooks[0].token: unknown key");
  write(dir, "[hub]\ndeployment = \"d\"\n[alerts]\nwebhooks = 5\n");
  CHECK_THROWS_WITH_AS(loadHubConfig(dir.path()), doctest::Contains("alerts.webhooks: must be"), std::runtime_error);
  write(dir, "[hub]\ndeployment = \"d\"\n[alerts]\ncheck_interval_s = 0\n");
  CHECK_THROWS_WITH_AS(loadHubConfig(dir.path()), doctest::Contains("alerts.check_interval_s"), std::runtime_error);
}

TEST_CASE("bad values are refused with the key named") {
  testing::TempDir dir;
  const auto refused = [&](const std::string& toml, const char* needle) {
    write(dir, toml);
    CHECK_THROWS_WITH_AS(loadHubConfig(dir.path()), doctest::Contains(needle), std::runtime_error);
  };
  refused("[hub]\nlisten = \"127.0.0.1:8443\"\n", "hub.deployment");
  refused("[hub]\ndeployment = \"d\"\nlisten = \"localhost\"\n", "localhost");
  refused("[hub]\ndeployment = \"d\"\n[rules]\nrectify_fair_or_worse = 1.5\n", "rules.rectify_fair_or_worse");
  refused("[hub]\ndeployment = \"d\"\n[limits]\nbody_bytes = 10\n", "limits.body_bytes");
  refused("[hub\n", "hub.toml");
  refused("[hub]\ndeployment = \"d\"\npublic_url = \"http://hub:8443\"\n", "hub.public_url");
  refused("[hub]\ndeployment = \"d\"\npublic_url = 8443\n", "hub.public_url");
  refused("[hub]\ndeployment = \"d\"\nkiosk_ca = \"\"\n", "hub.kiosk_ca");
  refused("[hub]\ndeployment = \"d\"\n[limits]\nupload_bytes = 10\n", "limits.upload_bytes");
  refused("[hub]\ndeployment = \"d\"\n[limits]\nupload_bytes = 33554432\nbody_budget_bytes = 16777216\n",
          "limits.body_budget_bytes");
  refused("[hub]\ndeployment = \"d\"\n[rules]\nrectify_working_days = 0\n", "rules.rectify_working_days");
  refused("[hub]\ndeployment = \"d\"\n[results]\npublic_min = 2\n", "results.public_min");
  refused("[hub]\ndeployment = \"d\"\n[results]\nenabled = \"yes\"\n", "results.enabled: must be true or false");
  refused("[hub]\ndeployment = \"d\"\n[rules]\ncalendar = \"missing.toml\"\n", "rules.calendar: cannot read");
  refused("[hub]\ndeployment = \"d\"\n[rules]\ncalendar = 7\n", "rules.calendar: must be a file name");
  refused("[hub]\ndeployment = \"d\"\n[database]\nurl = \"mysql://db/hub\"\n", "database.url: must be");
  refused("[hub]\ndeployment = \"d\"\n[database]\nurl = 5432\n", "database.url: must be");
  refused("[hub]\ndeployment = \"d\"\n[database]\nurl = \"sqlite:\"\nuser = \"x\"\n", "database.user: unknown key");
  // A misspelt key or section is named, never silently ignored while its default applies.
  refused("[hub]\ndeployment = \"d\"\n[console]\nmin_cuont = 1\n", "console.min_cuont: unknown key (expected ");
  refused("[hub]\ndeployment = \"d\"\n[console]\nmin_cuont = 1\n", "min_count");  // … and what it may be
  refused("[hub]\ndeployment = \"d\"\nlistne = \"127.0.0.1:1\"\n", "hub.listne: unknown key");
  refused("[hub]\ndeployment = \"d\"\n[rule]\nrectify_days = 10\n", "rule: unknown section (expected ");
  refused("[hub]\ndeployment = \"d\"\nresults = 1\n", "hub.results: unknown key");
  refused("deployment = \"d\"\n", "deployment: unknown section");
  refused("[hub]\ndeployment = \"d\"\n[console]\nsecond_factor = [\"staff\", \"guest\"]\n",
          "console.second_factor: has a role that is not staff, leader or admin");
  refused("[hub]\ndeployment = \"d\"\n[console]\nsecond_factor = \"admin\"\n", "console.second_factor: must be a list");
  refused("[hub]\ndeployment = \"d\"\n[phone]\nenabled = 1\n", "phone.enabled: must be true or false");
  refused("[hub]\ndeployment = \"d\"\n[phone]\ncode_lifetime_s = 5\n", "phone.code_lifetime_s");
  refused("[hub]\ndeployment = \"d\"\n[phone]\nsessions_per_code = 0\n", "phone.sessions_per_code");
  refused("[hub]\ndeployment = \"d\"\n[phone]\nsession_min = 100000\n", "phone.session_min");
  refused("[hub]\ndeployment = \"d\"\n[phone]\nrequests_per_address_per_minute = 1\n",
          "phone.requests_per_address_per_minute");
  refused("[hub]\ndeployment = \"d\"\n[phone]\nlifetime = 120\n", "phone.lifetime: unknown key");
  refused("[hub]\ndeployment = \"d\"\n[public]\nhalls = \"hall-01\"\n", "public.halls: must be a list");
  refused("[hub]\ndeployment = \"d\"\n[public]\nhalls = [\"\"]\n", "public.halls: must be a list");
  refused("[hub]\ndeployment = \"d\"\n[public]\npublic_min = 1\n", "public.public_min");
  refused("[hub]\ndeployment = \"d\"\n[public]\nenabled = \"yes\"\n", "public.enabled: must be true or false");
  refused("[hub]\ndeployment = \"d\"\n[poster]\nenabled = 1\n", "poster.enabled: must be true or false");
  refused("[hub]\ndeployment = \"d\"\n[poster]\nhalls = [\"hall 01\"]\n", "poster.halls: must be a list");
  refused("[hub]\ndeployment = \"d\"\n[poster]\nlifetime_days = 0\n", "poster.lifetime_days");
  refused("[hub]\ndeployment = \"d\"\n[poster]\nsessions_per_poster_per_day = 0\n",
          "poster.sessions_per_poster_per_day");
  refused("[hub]\ndeployment = \"d\"\n[poster]\npublic_url = \"http://hall.example\"\n", "poster.public_url");
  refused("[hub]\ndeployment = \"d\"\n[poster]\npublic_url = \"https://a.example, https://b.example\"\n",
          "poster.public_url");
  refused("[hub]\ndeployment = \"d\"\n[poster]\nlifetime = 30\n", "poster.lifetime: unknown key");
  // A second CSP directive smuggled into the page's policy is refused, not sent.
  refused("[hub]\ndeployment = \"d\"\n[public]\nframe_ancestors = \"'none'; script-src *\"\n",
          "public.frame_ancestors");
  testing::writeFile(dir / "calendar.toml", "holidays = [\"2026-02-30\"]\n");
  refused("[hub]\ndeployment = \"d\"\n[rules]\ncalendar = \"calendar.toml\"\n", "\"2026-02-30\" is not a date");
}

TEST_CASE("[database] url: SQLite by default, PostgreSQL by URL") {
  testing::TempDir dir;
  write(dir, "[hub]\ndeployment = \"d\"\n");
  CHECK(loadHubConfig(dir.path()).databaseUrl.empty());
  write(dir, "[hub]\ndeployment = \"d\"\n[database]\nurl = \"sqlite:\"\n");
  CHECK(loadHubConfig(dir.path()).databaseUrl.empty());
  write(dir, "[hub]\ndeployment = \"d\"\n[database]\nurl = \"postgresql://kiosk_hub@db1:5432/kiosk_hub\"\n");
  CHECK(loadHubConfig(dir.path()).databaseUrl == "postgresql://kiosk_hub@db1:5432/kiosk_hub");
}

TEST_CASE("the holiday calendar named in hub.toml sets the cases' working days") {
  testing::TempDir dir;
  testing::writeFile(dir / "calendar.toml", "holidays = [\"2026-12-14\"]\nworkdays = [\"2026-12-12\"]\n");
  write(dir, "[hub]\ndeployment = \"d\"\n[rules]\ncalendar = \"calendar.toml\"\nrectify_working_days = 10\n");
  const HubConfig c = loadHubConfig(dir.path());
  CHECK(c.console.caseWorkingDays == 10);
  CHECK(c.console.caseWindowDays == 30);
  CHECK_FALSE(c.console.calendar.isWorkingDay("2026-12-14"));  // a Monday off
  CHECK(c.console.calendar.isWorkingDay("2026-12-12"));        // a Saturday worked
}

TEST_CASE("listen addresses: IPv4 and bracketed IPv6 with a port") {
  CHECK(parseListen("127.0.0.1:8443") == std::pair<std::string, unsigned short>{"127.0.0.1", 8443});
  CHECK(parseListen("[::1]:0") == std::pair<std::string, unsigned short>{"::1", 0});
  CHECK_THROWS(parseListen("127.0.0.1"));
  CHECK_THROWS(parseListen("127.0.0.1:99999"));
}

TEST_CASE("the example config/hub.toml is exactly what init writes, so the two cannot drift apart") {
  CHECK(common::readTextFile(testing::sourceRoot() / "config/hub.toml") == defaultHubToml("zibo-zhangdian"));
}

TEST_CASE("a hub.toml nested absurdly deep is refused by name before any parser sees it") {
  testing::TempDir dir;
  std::string dotted = "a";
  for (int i = 0; i < 30'000; ++i) dotted += ".a";
  testing::writeFile(dir / "hub.toml", "[api]\ndeployment = \"z\"\n" + dotted + " = 1\n");
  CHECK_THROWS_WITH_AS(hub::loadHubConfig(dir.path()), doctest::Contains("nests deeper than 32"), std::runtime_error);
}
