// hub.toml: the hub's settings, validated when loaded (errors name the key). Plain value.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "hub/config/settings.hpp"
#include "hub/core/alerts.hpp"
#include "hub/core/work_calendar.hpp"

namespace hub {

// hub.toml [console]: the browser console's sessions, privacy floor and local time.
struct ConsoleConfig {
  std::int64_t idleSeconds = 30 * 60;        // no request for this long ends a session
  std::int64_t absoluteSeconds = 12 * 3600;  // a session ends this long after login regardless
  std::int64_t minCount = 5;                 // cells and rows under this many votes show "—"
  // A unit, kind or hall is ranked only with this many votes: 6 votes at 100 % must not rank above
  // 20,000 at 97 %. Those below are listed apart, 票数不足. At least minCount.
  std::int64_t rankMinCount = 30;
  std::int64_t utcOffsetMinutes = 8 * 60;  // the halls' local time, for 今日 / 本周 / …
  std::int64_t auditRetentionDays = 400;   // never under 180
  std::size_t pageSize = 100;              // rows per page on long tables
  std::int64_t caseWindowDays = 30;        // [rules] rectify_window_days: the rule's window for cases
  std::int64_t caseWorkingDays = 15;       // [rules] rectify_working_days: a case's deadline
  WorkCalendar calendar;                   // [rules] calendar: holidays and worked weekends
  // [hub] kiosk_ca: the CA kiosks trust for this hub, put into enrolment bundles.
  std::filesystem::path kioskCaFile;
  // [hub] public_url: how kiosks reach this hub, for enrolment bundles; "" = the address the
  // administrator's browser used.
  std::string publicUrl;
  std::size_t uploadBytes = 8 * 1024 * 1024;  // [limits] upload_bytes: a console file upload
  // [console] second_factor: the roles ("staff", "leader", "admin") that sign in with a TOTP code
  // after the password. hub.toml's default is leader and admin (等保 三级 asks two factors of such
  // accounts); none here, for tools and tests that build a console by hand.
  std::vector<std::string> secondFactorRoles;
  // The key that seals second-factor secrets in console.db (secret_seal.hpp): second-factor.key
  // beside hub.toml, made 0600 on first use.
  std::filesystem::path secondFactorKeyFile;
  std::string issuer = "公开承诺群众评议";  // how authenticator apps name the account's entry
};

// [alerts]: where case and kiosk alerts go, and how often they are looked for and retried.
struct AlertConfig {
  std::vector<WebhookTarget> webhooks;  // none: alerts are still recorded in the audit log only
  std::int64_t checkIntervalSeconds = 60;
  std::int64_t retryBaseSeconds = 30;
  std::int64_t giveUpSeconds = 48 * 3600;
};

struct HubConfig {
  std::filesystem::path dir;
  std::string listen = "127.0.0.1:8443";
  std::filesystem::path database;  // SQLite (hub.db), when databaseUrl is empty
  // [database] url: empty for embedded SQLite (the default, "sqlite:"); a postgresql:// URL puts
  // the hub's and the console's tables in one PostgreSQL database that several hubs share.
  std::string databaseUrl;
  std::filesystem::path tlsCertificate;
  std::filesystem::path tlsKey;
  ApiConfig api;
  ServerLimits limits;
  ConsoleConfig console;
  std::filesystem::path consoleDatabase;             // accounts, sessions, audit (console.db)
  std::chrono::milliseconds queryTimeLimit{10'000};  // a console page's or report's queries
  AlertConfig alerts;
  PhoneConfig phone;
  PublicConfig publicPage;
};

// Throws std::runtime_error "hub.toml: <key>: <problem>".
HubConfig loadHubConfig(const std::filesystem::path& dir);
std::string defaultHubToml(const std::string& deployment);

// "127.0.0.1:8443" or "[::1]:8443"; throws naming the text when malformed.
std::pair<std::string, unsigned short> parseListen(const std::string& text);

}  // namespace hub
