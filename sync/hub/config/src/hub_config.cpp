#include "hub/config/hub_config.hpp"

#include <toml++/toml.h>

#include <cctype>
#include <map>
#include <set>
#include <stdexcept>

#include "common/postgres.hpp"
#include "common/text_file.hpp"
#include "common/toml_depth.hpp"
#include "wire/enrolment_bundle.hpp"
#include "wire/list_limits.hpp"

namespace hub {

namespace {
[[noreturn]] void bad(const std::string& key, const std::string& problem) {
  throw std::runtime_error("hub.toml: " + key + ": " + problem);
}

template <typename T>
T number(const toml::table& root, const char* table, const char* key, T fallback, T lo, T hi) {
  const toml::node* node = root.at_path(std::string(table) + "." + key).node();
  if (!node) return fallback;
  auto v = node->value<T>();
  if (!v) bad(std::string(table) + "." + key, "must be a number");
  if (*v < lo || *v > hi)
    bad(std::string(table) + "." + key, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  return *v;
}
}  // namespace

std::pair<std::string, unsigned short> parseListen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    throw std::runtime_error("listen address must look like 127.0.0.1:8443 or [::1]:8443, found \"" + text + "\"");
  std::string host = text.substr(0, colon);
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = 0;
  try {
    port = std::stoi(text.substr(colon + 1));
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 0 || port > 65535) throw std::runtime_error("listen port must be 0-65535, found \"" + text + "\"");
  return {host, static_cast<unsigned short>(port)};
}

std::string defaultHubToml(const std::string& deployment) {
  return "# hub.toml: settings of one kiosk-hub. Paths are relative to this folder.\n"
         "[hub]\n"
         "deployment = \"" +
         deployment +
         "\"\n"
         "listen = \"127.0.0.1:8443\"\n"
         "database = \"hub.db\"\n"
         "tls_certificate = \"tls/server.pem\"   # development certificate made by `kiosk-hub init`\n"
         "tls_key = \"tls/server.key\"\n"
         "kiosk_ca = \"tls/ca.pem\"             # the CA kiosks trust for this hub; enrolment bundles carry it\n"
         "public_url = \"\"                     # how kiosks reach this hub (\"https://a:8443, https://b:8443\"); \"\" "
         "= the browser's\n\n"
         "[database]\n"
         "url = \"sqlite:\"                   # embedded SQLite: hub.db and console.db in this folder. Several hubs\n"
         "                                 # share one PostgreSQL: \"postgresql://kiosk_hub@db1:5432/kiosk_hub\"\n\n"
         "[limits]\n"
         "body_bytes = 1048576\n"
         "upload_bytes = 8388608          # a console upload (a USB export's folder, a spreadsheet)\n"
         "header_bytes = 16384\n"
         "handshake_timeout_s = 5\n"
         "read_timeout_s = 15\n"
         "idle_timeout_s = 30\n"
         "max_connections = 256          # at the cap the oldest idle or never-served connection is closed\n"
         "max_connections_per_address = 256  # lower only where kiosks share no NAT or load balancer\n"
         "body_budget_bytes = 67108864   # request bodies being received at once, all connections; 503 beyond\n"
         "kiosk_rows_per_minute = 40000  # count rows one kiosk may upload a minute; beyond it 429 + Retry-After\n"
         "kiosk_requests_per_minute = 240 # uploads, heartbeats, list and key requests of one kiosk a minute; 429 "
         "beyond\n"
         "reader_threads = 2             # console pages and reports run this many at once, off the ingest thread\n"
         "query_time_limit_ms = 10000    # a page's or report's queries are stopped after this\n\n"
         "[rules]\n"
         "rectify_fair_or_worse = 0.30   # a commitment needs rectification at this share of fair-or-worse ...\n"
         "rectify_min_total = 20         # ... once it has at least this many votes in the period\n"
         "rectify_days = 30              # the deadline given to improve (the API's tally reports)\n"
         "rectify_window_days = 30       # a case opens when the last this many days cross the rule\n"
         "rectify_working_days = 15      # a case's deadline, in working days\n"
         "calendar = \"\"                  # holidays and worked weekends (TOML); \"\" = Monday to Friday\n"
         "silent_after_min = 15          # a kiosk not heard from for this long is flagged silent\n\n"
         "[results]                      # 你评我改: satisfaction shown back to residents on the kiosks\n"
         "enabled = true\n"
         "window_days = 90               # over the last this many days\n"
         "public_min = 30                # only commitments with at least this many votes appear\n\n"
         "[phone]                        # 扫码评价: residents rate on their phones after scanning a kiosk's code\n"
         "enabled = false\n"
         "code_lifetime_s = 120          # a kiosk's code opens the vote page this long (kiosks refresh it)\n"
         "session_min = 15               # a phone may vote this long after it scanned\n"
         "sessions_per_code = 20         # phones one code admits\n"
         "votes_per_session = 30\n"
         "requests_per_address_per_minute = 60\n\n"
         "[poster]                       # printed posters (A4/A5) with a long-lived code, for windows without a "
         "kiosk\n"
         "enabled = false\n"
         "halls = []                     # only these halls, e.g. [\"hall-01\"]; [] = every hall\n"
         "lifetime_days = 366            # a printed code opens the vote page this long\n"
         "sessions_per_poster_per_day = 100  # phones one poster admits in a day (a photo shared online)\n"
         "public_url = \"\"                # what phones open, \"https://host:port\"; \"\" = the console's address\n\n"
         "[public]                       # the results page anyone may read: /public/<hall>\n"
         "enabled = false\n"
         "halls = []                     # only these halls, e.g. [\"hall-01\"]; [] = every hall\n"
         "public_min = 30                # only commitments with at least this many votes appear\n"
         "rank_min = 30                  # units are ranked by 差评率 only with this many votes\n"
         "frame_ancestors = \"'none'\"     # who may embed it, e.g. \"https://mp.weixin.qq.com\"\n"
         "max_age_s = 300\n\n"
         "[console]\n"
         "database = \"console.db\"       # users, sessions and the audit log\n"
         "idle_logout_min = 30\n"
         "session_max_hours = 12\n"
         "min_count = 5                  # cells and rows with fewer votes show \"—\" (no single rating readable)\n"
         "rank_min_count = 30            # units, kinds and halls with fewer votes are not ranked (票数不足)\n"
         "utc_offset = \"+08:00\"         # the halls' local time, for 今日 / 本周 / 本月\n"
         "audit_keep_days = 400          # at least 180\n"
         "second_factor = [\"leader\", \"admin\"]  # roles that sign in with a TOTP code too (staff, leader, admin)\n\n"
         "[alerts]                       # a case opened or overdue, a kiosk silent or back: one message each\n"
         "check_interval_s = 60          # how often cases and kiosks are looked at\n"
         "retry_base_s = 30              # a failed delivery is retried after 30 s, 1 min, 2 min, ... (at most 1 h)\n"
         "give_up_hours = 48             # ... and given up (audited) after this long\n"
         "# One [[alerts.webhooks]] per group robot or receiver (HTTPS only):\n"
         "# [[alerts.webhooks]]\n"
         "# url = \"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...\"\n"
         "# format = \"wecom\"             # json | wecom (企业微信) | dingtalk (钉钉)\n"
         "# halls = [\"hall-01\"]          # only these halls' alerts; leave out for all\n"
         "# secret = \"\"                  # 钉钉 加签 secret\n"
         "# ca_file = \"\"                 # the CA of a private receiver; \"\" = the system's\n";
}

namespace {

// Every section and key hub.toml may hold: a misspelt one ("min_cuont") is refused by name, not
// silently ignored while its default applies (as the kiosk's reader does). [[alerts.webhooks]]
// entries check their own keys where they are read.
void refuseUnknownKeys(const toml::table& root) {
  static const std::map<std::string, std::set<std::string>> kKnown{
      {"hub", {"deployment", "listen", "database", "tls_certificate", "tls_key", "kiosk_ca", "public_url"}},
      {"database", {"url"}},
      {"limits",
       {"body_bytes", "upload_bytes", "header_bytes", "handshake_timeout_s", "read_timeout_s", "idle_timeout_s",
        "max_connections", "max_connections_per_address", "body_budget_bytes", "reader_threads", "query_time_limit_ms",
        "kiosk_rows_per_minute", "kiosk_requests_per_minute"}},
      {"rules",
       {"rectify_fair_or_worse", "rectify_min_total", "rectify_days", "rectify_window_days", "rectify_working_days",
        "calendar", "silent_after_min"}},
      {"results", {"enabled", "window_days", "public_min"}},
      {"console",
       {"database", "idle_logout_min", "session_max_hours", "min_count", "rank_min_count", "utc_offset",
        "audit_keep_days", "second_factor"}},
      {"alerts", {"check_interval_s", "retry_base_s", "give_up_hours", "webhooks"}},
      {"phone",
       {"enabled", "code_lifetime_s", "session_min", "sessions_per_code", "votes_per_session",
        "requests_per_address_per_minute"}},
      {"poster", {"enabled", "halls", "lifetime_days", "sessions_per_poster_per_day", "public_url"}},
      {"public", {"enabled", "halls", "public_min", "rank_min", "frame_ancestors", "max_age_s"}},
  };
  const auto listed = [](const auto& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
  };
  std::set<std::string> sections;
  for (const auto& [name, keys] : kKnown) sections.insert(name);
  for (const auto& [section, node] : root) {
    const auto known = kKnown.find(std::string(section.str()));
    if (known == kKnown.end()) bad(std::string(section.str()), "unknown section (expected " + listed(sections) + ")");
    const toml::table* table = node.as_table();
    if (!table) bad(std::string(section.str()), "must be a [table]");
    for (const auto& [key, value] : *table)
      if (!known->second.count(std::string(key.str())))
        bad(known->first + "." + std::string(key.str()), "unknown key (expected " + listed(known->second) + ")");
  }
}

}  // namespace

HubConfig loadHubConfig(const std::filesystem::path& dir) {
  const auto file = dir / "hub.toml";
  const std::string document = common::readTextFile(file);
  if (common::tomlNestingDepth(document, common::kMaxTomlDepth) > common::kMaxTomlDepth)
    throw std::runtime_error(file.string() + ": nests deeper than " + std::to_string(common::kMaxTomlDepth) +
                             " levels (keys, tables and arrays together): not a hub configuration");
  toml::table root;
  try {
    root = toml::parse(document, file.string());
  } catch (const toml::parse_error& e) {
    throw std::runtime_error(file.string() + ": " + std::string(e.description()));
  }
  refuseUnknownKeys(root);
  HubConfig c;
  c.dir = dir;
  const auto str = [&](const char* key, const std::string& fallback) {
    const toml::node* n = root.at_path(std::string("hub.") + key).node();
    if (!n) return fallback;
    auto v = n->value<std::string>();
    if (!v || v->empty()) bad(std::string("hub.") + key, "must be a non-empty string");
    return *v;
  };
  c.api.deployment = str("deployment", "");
  if (c.api.deployment.empty()) bad("hub.deployment", "is required");
  c.listen = str("listen", c.listen);
  parseListen(c.listen);
  c.database = dir / str("database", "hub.db");
  if (const toml::node* n = root.at_path("database.url").node()) {
    const auto url = n->value<std::string>();
    if (!url || (!url->empty() && *url != "sqlite:" && !common::sql::isPostgresUrl(*url)))
      bad("database.url", "must be \"sqlite:\" (embedded, the default) or a postgresql:// URL");
    if (*url != "sqlite:") c.databaseUrl = *url;
  }
  if (const toml::table* t = root["database"].as_table())
    for (const auto& [k, v] : *t)
      if (k.str() != "url") bad("database." + std::string(k.str()), "unknown key (expected url)");
  c.tlsCertificate = dir / str("tls_certificate", "tls/server.pem");
  c.tlsKey = dir / str("tls_key", "tls/server.key");
  c.console.kioskCaFile = dir / str("kiosk_ca", "tls/ca.pem");
  if (const toml::node* n = root.at_path("hub.public_url").node()) {
    const auto url = n->value<std::string>();
    if (!url || (!url->empty() && !wire::isHubUrlList(*url)))
      bad("hub.public_url",
          "must be \"\" or the https:// address kiosks reach this hub at (several, comma-separated, for hubs "
          "sharing a database)");
    c.console.publicUrl = *url;
  }
  c.limits.bodyLimit =
      static_cast<std::size_t>(number<std::int64_t>(root, "limits", "body_bytes", 1 << 20, 1024, 64 << 20));
  c.console.uploadBytes =
      static_cast<std::size_t>(number<std::int64_t>(root, "limits", "upload_bytes", 8 << 20, 64 << 10, 256 << 20));
  c.limits.uploadLimit = c.console.uploadBytes;
  c.limits.headerLimit =
      static_cast<std::size_t>(number<std::int64_t>(root, "limits", "header_bytes", 16384, 1024, 1 << 20));
  c.limits.handshakeTimeout =
      std::chrono::seconds(number<std::int64_t>(root, "limits", "handshake_timeout_s", 5, 1, 120));
  c.limits.readTimeout = std::chrono::seconds(number<std::int64_t>(root, "limits", "read_timeout_s", 15, 1, 600));
  c.limits.idleTimeout = std::chrono::seconds(number<std::int64_t>(root, "limits", "idle_timeout_s", 30, 1, 3600));
  c.limits.maxConnections =
      static_cast<std::size_t>(number<std::int64_t>(root, "limits", "max_connections", 256, 1, 100000));
  c.limits.maxConnectionsPerAddress =
      static_cast<std::size_t>(number<std::int64_t>(root, "limits", "max_connections_per_address", 256, 1, 100000));
  c.limits.bodyBudget = static_cast<std::size_t>(
      number<std::int64_t>(root, "limits", "body_budget_bytes", 64 << 20, 1 << 20, std::int64_t{16} << 30));
  if (c.limits.bodyBudget < c.limits.bodyLimit) bad("limits.body_budget_bytes", "must be at least limits.body_bytes");
  if (c.limits.bodyBudget < c.limits.uploadLimit)
    bad("limits.body_budget_bytes", "must be at least limits.upload_bytes");
  c.api.rectify.fairOrWorseAtLeast = number<double>(root, "rules", "rectify_fair_or_worse", 0.30, 0.0, 1.0);
  c.api.rectify.totalAtLeast = number<std::int64_t>(root, "rules", "rectify_min_total", 20, 1, 1000000);
  c.api.rectify.daysToRectify = number<std::int64_t>(root, "rules", "rectify_days", 30, 1, 3650);
  c.console.caseWindowDays = number<std::int64_t>(root, "rules", "rectify_window_days", 30, 1, 366);
  c.console.caseWorkingDays = number<std::int64_t>(root, "rules", "rectify_working_days", 15, 1, 250);
  if (const toml::node* n = root.at_path("rules.calendar").node()) {
    const auto name = n->value<std::string>();
    if (!name) bad("rules.calendar", "must be a file name");
    if (!name->empty()) {
      const auto path = dir / *name;
      std::string text;
      try {
        text = common::readTextFile(path);
      } catch (const std::exception& e) {
        bad("rules.calendar", "cannot read " + path.string() + ": " + e.what());
      }
      c.console.calendar = parseWorkCalendar(text, path.string());
    }
  }
  c.api.kioskRowsPerMinute = number<std::int64_t>(root, "limits", "kiosk_rows_per_minute", 40000, 100, 100'000'000);
  c.api.kioskRequestsPerMinute = number<std::int64_t>(root, "limits", "kiosk_requests_per_minute", 240, 10, 1'000'000);
  c.api.silentAfterSeconds = 60 * number<std::int64_t>(root, "rules", "silent_after_min", 15, 1, 10080);
  c.limits.readerThreads = static_cast<std::size_t>(number<std::int64_t>(root, "limits", "reader_threads", 2, 1, 64));
  c.queryTimeLimit =
      std::chrono::milliseconds(number<std::int64_t>(root, "limits", "query_time_limit_ms", 10000, 100, 600000));

  const auto consoleText = [&](const char* key, const std::string& fallback) {
    const toml::node* n = root.at_path(std::string("console.") + key).node();
    if (!n) return fallback;
    auto v = n->value<std::string>();
    if (!v || v->empty()) bad(std::string("console.") + key, "must be a non-empty string");
    return *v;
  };
  c.consoleDatabase = dir / consoleText("database", "console.db");
  c.console.idleSeconds = 60 * number<std::int64_t>(root, "console", "idle_logout_min", 30, 1, 24 * 60);
  c.console.absoluteSeconds = 3600 * number<std::int64_t>(root, "console", "session_max_hours", 12, 1, 24 * 7);
  c.console.minCount = number<std::int64_t>(root, "console", "min_count", 5, 1, 1000);
  c.api.minCount = c.console.minCount;  // one floor for the pages and the API's reports
  c.console.rankMinCount = number<std::int64_t>(root, "console", "rank_min_count", 30, 1, 1'000'000);
  if (c.console.rankMinCount < c.console.minCount) bad("console.rank_min_count", "must be at least console.min_count");
  c.console.auditRetentionDays = number<std::int64_t>(root, "console", "audit_keep_days", 400, 180, 3650);
  c.console.secondFactorRoles = {"leader", "admin"};
  if (const toml::node* n = root.at_path("console.second_factor").node()) {
    const toml::array* roles = n->as_array();
    if (!roles) bad("console.second_factor", "must be a list of roles, e.g. [\"leader\", \"admin\"]");
    c.console.secondFactorRoles.clear();
    for (const auto& role : *roles) {
      const auto name = role.value<std::string>();
      if (!name || (*name != "staff" && *name != "leader" && *name != "admin"))
        bad("console.second_factor", "has a role that is not staff, leader or admin");
      c.console.secondFactorRoles.push_back(*name);
    }
  }
  c.console.secondFactorKeyFile = dir / "second-factor.key";
  const std::string offset = consoleText("utc_offset", "+08:00");
  if (offset.size() != 6 || (offset[0] != '+' && offset[0] != '-') || offset[3] != ':' ||
      !std::isdigit(static_cast<unsigned char>(offset[1])) || !std::isdigit(static_cast<unsigned char>(offset[2])) ||
      !std::isdigit(static_cast<unsigned char>(offset[4])) || !std::isdigit(static_cast<unsigned char>(offset[5])) ||
      std::stoi(offset.substr(1, 2)) > 14 || std::stoi(offset.substr(4, 2)) > 59)
    bad("console.utc_offset", "must look like +08:00");
  c.console.utcOffsetMinutes =
      (offset[0] == '-' ? -1 : 1) * (std::stoi(offset.substr(1, 2)) * 60 + std::stoi(offset.substr(4, 2)));
  if (const toml::node* n = root.at_path("results.enabled").node()) {
    const auto on = n->value<bool>();
    if (!on) bad("results.enabled", "must be true or false");
    c.api.results.enabled = *on;
  }
  c.api.results.windowDays = number<std::int64_t>(root, "results", "window_days", 90, 1, 366);
  c.api.results.publicMinimum = number<std::int64_t>(root, "results", "public_min", 30, 5, 1'000'000);
  c.api.results.utcOffsetMinutes = c.console.utcOffsetMinutes;

  const auto flag = [&](const char* path, bool fallback) {
    const toml::node* n = root.at_path(path).node();
    if (!n) return fallback;
    const auto* on = n->as_boolean();  // strictly: toml++ would read 1 as true
    if (!on) bad(path, "must be true or false");
    return on->get();
  };
  c.phone.enabled = flag("phone.enabled", false);
  c.phone.codeLifetimeSeconds = number<std::int64_t>(root, "phone", "code_lifetime_s", 120, 30, 3600);
  c.phone.sessionSeconds = 60 * number<std::int64_t>(root, "phone", "session_min", 15, 1, 240);
  c.phone.sessionsPerCode = number<std::int64_t>(root, "phone", "sessions_per_code", 20, 1, 1000);
  c.phone.votesPerSession = number<std::int64_t>(root, "phone", "votes_per_session", 30, 1, 1000);
  c.phone.requestsPerAddressPerMinute =
      number<std::int64_t>(root, "phone", "requests_per_address_per_minute", 60, 5, 100'000);
  const auto hallSwitch = [&](const std::string& section) {
    HallSwitch out;
    out.enabled = flag((section + ".enabled").c_str(), false);
    const std::string key = section + ".halls";
    if (const toml::node* n = root.at_path(key).node()) {
      const toml::array* halls = n->as_array();
      if (!halls) bad(key, "must be a list of hall ids, e.g. [\"hall-01\"]");
      for (const auto& hall : *halls) {
        const auto id = hall.value<std::string>();
        if (!id || !wire::limits::isSafeId(*id)) bad(key, "must be a list of hall ids, e.g. [\"hall-01\"]");
        out.halls.push_back(*id);
      }
    }
    return out;
  };
  c.api.posters.on = hallSwitch("poster");
  c.api.posters.lifetimeDays = number<std::int64_t>(root, "poster", "lifetime_days", 366, 1, 3 * 366);
  c.api.posters.sessionsPerPosterPerDay =
      number<std::int64_t>(root, "poster", "sessions_per_poster_per_day", 100, 1, 100'000);
  if (const toml::node* n = root.at_path("poster.public_url").node()) {
    const auto url = n->value<std::string>();
    if (!url || (!url->empty() && (!wire::isHubUrlList(*url) || url->find(',') != std::string::npos)))
      bad("poster.public_url", "must be \"\" or one https://host[:port] address phones can open");
    c.api.posters.publicUrl = *url;
  }
  c.publicPage.open = hallSwitch("public");
  c.publicPage.publicMinimum = number<std::int64_t>(root, "public", "public_min", 30, 5, 1'000'000);
  c.publicPage.rankMinimum = number<std::int64_t>(root, "public", "rank_min", 30, 5, 1'000'000);
  c.publicPage.maxAgeSeconds = number<std::int64_t>(root, "public", "max_age_s", 300, 0, 86'400);
  if (const toml::node* n = root.at_path("public.frame_ancestors").node()) {
    const auto v = n->value<std::string>();
    // One CSP source list: no quote-breaking, no second directive smuggled in.
    if (!v || v->empty() || v->find_first_of(";,\r\n\"") != std::string::npos)
      bad("public.frame_ancestors", "must be CSP sources such as 'none' or https://mp.weixin.qq.com");
    c.publicPage.frameAncestors = *v;
  }

  c.alerts.checkIntervalSeconds = number<std::int64_t>(root, "alerts", "check_interval_s", 60, 1, 3600);
  c.alerts.retryBaseSeconds = number<std::int64_t>(root, "alerts", "retry_base_s", 30, 1, 3600);
  c.alerts.giveUpSeconds = 3600 * number<std::int64_t>(root, "alerts", "give_up_hours", 48, 1, 24 * 30);
  if (const toml::node* n = root.at_path("alerts.webhooks").node()) {
    const toml::array* hooks = n->as_array();
    if (!hooks) bad("alerts.webhooks", "must be [[alerts.webhooks]] tables");
    for (std::size_t i = 0; i < hooks->size(); ++i) {
      const std::string key = "alerts.webhooks[" + std::to_string(i) + "]";
      const toml::table* hook = hooks->get(i)->as_table();
      if (!hook) bad(key, "must be a table");
      for (const auto& [k, v] : *hook)
        if (k != "url" && k != "format" && k != "halls" && k != "secret" && k != "ca_file")
          bad(key + "." + std::string(k.str()), "unknown key (expected url, format, halls, secret, ca_file)");
      const auto text = [&](const char* name) {
        const toml::node* v = hook->get(name);
        if (!v) return std::string();
        auto s = v->value<std::string>();
        if (!s) bad(key + "." + name, "must be a string");
        return *s;
      };
      WebhookTarget target;
      target.url = text("url");
      if (target.url.rfind("https://", 0) != 0 || target.url.size() <= 8) bad(key + ".url", "must be an https:// URL");
      const std::string format = text("format").empty() ? "json" : text("format");
      const auto f = webhookFormatFrom(format);
      if (!f) bad(key + ".format", "must be json, wecom or dingtalk (found \"" + format + "\")");
      target.format = *f;
      target.secret = text("secret");
      if (const std::string ca = text("ca_file"); !ca.empty()) target.caFile = (dir / ca).string();
      if (const toml::node* h = hook->get("halls")) {
        const toml::array* halls = h->as_array();
        if (!halls) bad(key + ".halls", "must be an array of hall ids");
        for (const auto& hall : *halls) {
          auto v = hall.value<std::string>();
          if (!v || v->empty()) bad(key + ".halls", "must be an array of hall ids");
          target.halls.push_back(*v);
        }
      }
      c.alerts.webhooks.push_back(std::move(target));
    }
  }
  return c;
}

}  // namespace hub
