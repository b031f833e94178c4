// kiosk-hub: the central server. `init` makes a hub folder (config, database, development TLS),
// `key add` trusts an administrator's Ed25519 key, `token create` mints a bearer token (printed
// once, only its hash kept), `user add|passwd|disable` manages console accounts, `backup` copies
// the folder consistently while it serves, `serve` runs HTTPS (API and console) until SIGTERM.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <CLI/CLI.hpp>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>

#include <termios.h>
#include <unistd.h>

#include "common/durable_file.hpp"
#include "common/iso_time.hpp"
#include "common/password_hash.hpp"
#include "common/text_file.hpp"
#include "hub/config/hub_config.hpp"
#include "hub/console/account_store.hpp"
#include "hub/console/alert_worker.hpp"
#include "hub/console/case_sweeper.hpp"
#include "hub/console/console.hpp"
#include "hub/console/second_factor_store.hpp"
#include "hub/core/hub_metrics.hpp"
#include "hub/export/hub_backup.hpp"
#include "hub/server/dev_certificates.hpp"
#include "hub/server/https_server.hpp"
#include "hub/store/background_leader.hpp"
#include "hub/store/hub_store.hpp"
#include "hub/store/read_pool.hpp"
#include "hub/store/store_connections.hpp"
#include "sync/curl_transport.hpp"
#include "wire/crypto.hpp"
#include "wire/list_limits.hpp"

namespace fs = std::filesystem;

namespace {

constexpr int kExitUsage = 2;

std::int64_t unixNow() { return static_cast<std::int64_t>(std::time(nullptr)); }

// Structured log lines on stderr: "ts=2026-11-21T10:00:00Z level=info event=... ...". One event,
// one line: control characters in a field (a database's multi-line error, a peer's bytes) are
// written as \n, \r, \t or \xNN, so nothing read from outside can start a forged line.
void logLine(const std::string& fields) {
  std::string line;
  line.reserve(fields.size());
  for (const char c : fields) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') line += "\\n";
    else if (c == '\r') line += "\\r";
    else if (c == '\t') line += "\\t";
    else if (u < 0x20 || u == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", u);
      line += hex;
    } else {
      line += c;
    }
  }
  std::cerr << "ts=" << common::isoUtcTimestamp(unixNow()) << " level=info " << line << "\n" << std::flush;
}

int init(const fs::path& dir, const std::string& deployment) {
  if (fs::exists(dir / "hub.toml")) {
    std::cerr << "kiosk-hub: " << (dir / "hub.toml").string() << " already exists; refusing to overwrite a hub\n";
    return kExitUsage;
  }
  using common::FileMode;
  fs::create_directories(dir / "tls");
  common::writeFileDurably(dir / "hub.toml", hub::defaultHubToml(deployment));
  hub::HubStore store(dir / "hub.db");
  const auto ca = hub::makeCertificateAuthority("kiosk-hub development CA (" + deployment + ")");
  const auto server = hub::makeServerCertificate(ca, {});
  // Keys are created 0600: they are never readable by others, not even between write and chmod.
  common::writeFileDurably(dir / "tls/ca.key", ca.keyPem, FileMode::Secret);
  common::writeFileDurably(dir / "tls/ca.pem", ca.certificatePem);
  common::writeFileDurably(dir / "tls/server.key", server.keyPem, FileMode::Secret);
  common::writeFileDurably(dir / "tls/server.pem", server.certificatePem);
  std::cerr << "kiosk-hub: initialised " << dir.string() << " for deployment " << deployment << "\n  kiosks trust "
            << (dir / "tls/ca.pem").string() << " (development CA; use your own PKI in a hall)\n";
  return 0;
}

int keyAdd(const fs::path& dir, const std::string& keyId, const fs::path& pemFile) {
  const std::string pem = common::readTextFile(pemFile);
  wire::Ed25519PublicKey::fromPem(pem);  // refuse anything that is not an Ed25519 public key
  hub::HubStore store(hub::connectHubStore(hub::loadHubConfig(dir)));
  store.addAdminKey(keyId, pem, unixNow());
  std::cerr << "kiosk-hub: trusting administrator key " << keyId << "\n";
  return 0;
}

int tokenCreate(const fs::path& dir, const std::string& roleName, const std::string& kioskId,
                const std::vector<std::string>& halls) {
  const auto role = hub::roleFromString(roleName);
  if (!role) {
    std::cerr << "kiosk-hub: --role must be kiosk, staff, admin or metrics\n";
    return kExitUsage;
  }
  if (*role == hub::Role::Kiosk && (kioskId.empty() || halls.size() != 1)) {
    std::cerr << "kiosk-hub: a kiosk token needs --kiosk-id and exactly one --hall\n";
    return kExitUsage;
  }
  if (*role == hub::Role::Staff && halls.empty()) {
    std::cerr << "kiosk-hub: a staff token needs at least one --hall\n";
    return kExitUsage;
  }
  hub::HubStore store(hub::connectHubStore(hub::loadHubConfig(dir)));
  const std::string token = hub::newToken();
  store.addToken(hub::tokenHash(token), {*role, kioskId, halls}, unixNow());
  std::cout << token << "\n";  // the only time it is ever shown
  return 0;
}

// The password for `user add|passwd`: one line on standard input; on a terminal, typed twice
// without echo. Empty when it could not be read (or the two differ), with the reason on stderr.
std::string readPassword() {
  const auto readLine = [](std::string& line) {
    if (!std::getline(std::cin, line)) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  };
  std::string first;
  if (!::isatty(STDIN_FILENO)) {
    if (!readLine(first)) std::cerr << "kiosk-hub: no password on standard input\n";
    return first;
  }
  termios saved{};
  ::tcgetattr(STDIN_FILENO, &saved);
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string second;
  std::cerr << "password: " << std::flush;
  const bool ok1 = readLine(first);
  std::cerr << "\nagain: " << std::flush;
  const bool ok2 = readLine(second);
  std::cerr << "\n";
  ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
  if (!ok1 || !ok2 || first != second) {
    std::cerr << "kiosk-hub: the two passwords differ\n";
    return {};
  }
  return first;
}

// `user add|passwd|disable`: console accounts in console.db; every change is audited.
int userCommand(const fs::path& dir, const std::string& action, const std::string& login, const std::string& roleName,
                const std::vector<std::string>& halls) {
  using namespace hub::console;
  if (!validLogin(login)) {
    std::cerr << "kiosk-hub: --login: use 1-64 letters, digits, '.', '_' or '-'\n";
    return kExitUsage;
  }
  const auto cfg = hub::loadHubConfig(dir);
  AccountStore accounts(hub::connectConsoleStore(cfg));
  if (action == "disable") {
    if (!accounts.disableUser(login)) {
      std::cerr << "kiosk-hub: no user " << login << "\n";
      return kExitUsage;
    }
    accounts.audit("cli", "user_disable", login, "local", unixNow());
    std::cerr << "kiosk-hub: disabled " << login << " and ended their sessions\n";
    return 0;
  }
  std::optional<UserRole> role;
  if (action == "add") {
    role = kUserRoleNames.parse(roleName);
    if (!role) {
      std::cerr << "kiosk-hub: --role must be staff, leader or admin\n";
      return kExitUsage;
    }
    if (*role != UserRole::Admin && halls.empty()) {
      std::cerr << "kiosk-hub: staff and leaders need at least one --hall\n";
      return kExitUsage;
    }
    for (const auto& h : halls) {
      if (!wire::limits::isSafeId(h)) {
        std::cerr << "kiosk-hub: --hall " << h << " is not a hall id\n";
        return kExitUsage;
      }
    }
    if (accounts.user(login)) {
      std::cerr << "kiosk-hub: user " << login << " already exists (use user passwd)\n";
      return kExitUsage;
    }
  } else if (!accounts.user(login)) {
    std::cerr << "kiosk-hub: no user " << login << "\n";
    return kExitUsage;
  }
  const std::string password = readPassword();
  std::string why;
  if (!common::validPassword(password, &why)) {
    std::cerr << "kiosk-hub: password: " << why << "\n";
    return kExitUsage;
  }
  const std::string hash = common::hashPassword(password);
  if (action == "add") {
    accounts.addUser(login, *role, halls, hash, unixNow());
    accounts.audit("cli", "user_add", login + " " + roleName, "local", unixNow());
    std::cerr << "kiosk-hub: added " << roleName << " " << login << "\n";
  } else {
    accounts.setPasswordHash(login, hash);
    accounts.audit("cli", "user_passwd", login, "local", unixNow());
    std::cerr << "kiosk-hub: new password for " << login << "; their sessions ended\n";
  }
  return 0;
}

// Revokes one token (given in a file, as `token create` printed it) or every token of a kiosk.
int tokenRevoke(const fs::path& dir, const std::string& tokenFile, const std::string& kioskId) {
  if (tokenFile.empty() == kioskId.empty()) {
    std::cerr << "kiosk-hub: token revoke needs exactly one of --token-file or --kiosk-id\n";
    return kExitUsage;
  }
  hub::HubStore store(hub::connectHubStore(hub::loadHubConfig(dir)));
  // A kiosk revoked by id loses its registered signing key too, as from the console.
  const std::int64_t n = tokenFile.empty() ? store.revokeKiosk(kioskId)
                                           : store.revokeToken(hub::tokenHash(common::readFirstLine(tokenFile)));
  if (n == 0) {
    std::cerr << "kiosk-hub: no such token" << (kioskId.empty() ? "" : " for kiosk " + kioskId)
              << "; nothing revoked\n";
    return kExitUsage;
  }
  std::cerr << "kiosk-hub: revoked " << n << " token" << (n == 1 ? "" : "s") << "\n";
  return 0;
}

// The console's accounts and audit log of the hub folder `dir`; nullopt (said on stderr) when the
// folder has no console database yet.
std::optional<hub::console::AccountStore> openAuditLog(const fs::path& dir, hub::HubConfig& cfg) {
  cfg = hub::loadHubConfig(dir);
  if (!hub::usesPostgres(cfg) && !fs::exists(cfg.consoleDatabase)) {
    std::cerr << "kiosk-hub: no console database at " << cfg.consoleDatabase.string() << "\n";
    return std::nullopt;
  }
  return std::optional<hub::console::AccountStore>(std::in_place, hub::connectConsoleStore(cfg));
}

// Checks the console's audit log link by link, and that the entry an earlier `audit anchor`
// printed (`expect`, "ID:HASH") still has its hash; exit 0 when both hold, 1 naming what broke.
int auditVerify(const fs::path& dir, const std::string& expect) {
  std::optional<std::pair<std::int64_t, std::string>> anchor;
  if (!expect.empty()) {
    const auto colon = expect.find(':');
    try {
      if (colon == std::string::npos || expect.size() - colon - 1 != 64) throw std::invalid_argument("shape");
      anchor.emplace(std::stoll(expect.substr(0, colon)), expect.substr(colon + 1));
    } catch (const std::exception&) {
      std::cerr << "kiosk-hub: --expect takes ID:HASH as `kiosk-hub audit anchor` printed it\n";
      return kExitUsage;
    }
  }
  hub::HubConfig cfg;
  auto accounts = openAuditLog(dir, cfg);
  if (!accounts) return kExitUsage;
  std::int64_t checked = 0;
  if (const auto broken = accounts->verifyAudit(checked)) {
    const auto& e = broken->entry;
    std::cout << "audit chain broken at entry " << e.id << " ("
              << common::isoTimestamp({e.atUnix, static_cast<std::int32_t>(cfg.console.utcOffsetMinutes * 60)}) << " "
              << e.login << " " << e.action << "): " << broken->why << "\n";
    return 1;
  }
  if (anchor) {
    const std::string problem = accounts->checkAuditAnchor(anchor->first, anchor->second);
    if (problem == "purged") {
      std::cout << "audit chain intact: " << checked << " entries; the anchored entry " << anchor->first
                << " was purged since, so it cannot be checked (anchor more often than the retention)\n";
      return 0;
    }
    if (!problem.empty()) {
      std::cout << "audit chain does not hold the anchored entry: " << problem << "\n";
      return 1;
    }
    std::cout << "audit chain intact: " << checked << " entries, including the anchored entry " << anchor->first
              << "\n";
    return 0;
  }
  std::cout << "audit chain intact: " << checked << " entries\n";
  return 0;
}

// Prints the newest entry's id and hash: kept somewhere else (a paper register, another machine),
// it later shows with `audit verify --expect` that the chain was neither cut short nor recomputed.
int auditAnchor(const fs::path& dir) {
  hub::HubConfig cfg;
  auto accounts = openAuditLog(dir, cfg);
  if (!accounts) return kExitUsage;
  const auto head = accounts->auditHead();
  if (!head) {
    std::cerr << "kiosk-hub: the audit log is empty\n";
    return 1;
  }
  std::cout << head->id << ":" << head->hash << "\n";
  return 0;
}

// A consistent copy of the hub folder while the hub serves (hub/hub_backup.hpp).
int backup(const fs::path& dir, const fs::path& to) {
  const auto summary = hub::backupHubFolder(dir, to);
  std::string dbs;
  for (const auto& d : summary.databases) dbs += (dbs.empty() ? "" : ", ") + d;
  std::cerr << "kiosk-hub: backed up " << dir.string() << " to " << to.string() << " (" << summary.files << " entries; "
            << (dbs.empty() ? "no database files" : "snapshots of " + dbs) << ")\n  restore: mkdir NEW && tar -xf "
            << to.string() << " -C NEW && kiosk-hub serve --dir NEW\n";
  if (summary.postgres)
    std::cerr << "  the votes, users and cases are in PostgreSQL, not in this archive: back them up with\n"
                 "  pg_dump --format=custom (see README, \"Several hubs on PostgreSQL\")\n";
  return 0;
}

int serve(const fs::path& dir, const std::string& listenOverride) {
  auto cfg = hub::loadHubConfig(dir);
  if (!listenOverride.empty()) cfg.listen = listenOverride;
  const auto [host, port] = hub::parseListen(cfg.listen);
  auto tls = hub::makeServerTlsContext(cfg.tlsCertificate.string(), cfg.tlsKey.string());
  hub::HubStore store(hub::connectHubStore(cfg));
  // Reports and the console read through their own connections, one per reader thread.
  hub::ReadPool readers(hub::readerOpener(cfg), cfg.limits.readerThreads, cfg.queryTimeLimit);
  hub::Api api(cfg.api, store, unixNow, &readers);
  hub::console::AccountStore accounts(hub::connectConsoleStore(cfg));
  hub::console::CaseStore cases(hub::connectConsoleStore(cfg));
  hub::console::ReviewStore reviews(hub::connectConsoleStore(cfg));
  hub::console::ListDraftStore drafts(hub::connectConsoleStore(cfg));
  hub::console::SecondFactorStore secondFactors(hub::connectConsoleStore(cfg));
  hub::console::Console console(cfg.console, cfg.api, {accounts, cases, reviews, drafts, secondFactors}, readers,
                                unixNow);
  api.setOutcomeSource([&cases](const std::string& hall) { return cases.closedOutcomes(hall); });
  api.setDisputeSource(
      [&cases](const std::optional<std::vector<std::string>>& halls) { return cases.disputedRanges(halls); });
  hub::console::HubRouter router(api, console);
  hub::HubMetrics metrics;
  api.setMetrics(&metrics, hub::usesPostgres(cfg) ? std::vector<fs::path>{}
                                                  : std::vector<fs::path>{cfg.database, cfg.consoleDatabase});
  // Alerts to 企业微信 / 钉钉 / JSON webhooks, on a thread of their own: a slow receiver never holds
  // a request, and the outbox in console.db carries what is unsent across a restart.
  kiosk::sync::initTransportLibrary();
  hub::console::AlertStore alertStore(hub::connectConsoleStore(cfg));
  hub::console::AlertWorker alerts(
      {readers, cases, alertStore, accounts}, cfg.alerts, cfg.api, cfg.console.utcOffsetMinutes, unixNow,
      [](const hub::WebhookTarget& hook, const std::string& origin) {
        kiosk::sync::TransportSettings t{origin, hook.caFile, "", ""};
        t.totalTimeout = std::chrono::seconds(20);
        return std::make_unique<kiosk::sync::CurlTransport>(t);
      },
      logLine);
  // With several hubs on one PostgreSQL, one of them sweeps and alerts (whichever holds the lead).
  hub::BackgroundLeader leader(
      hub::usesPostgres(cfg) ? std::function<common::sql::Database()>([&cfg] { return hub::connectHubStore(cfg); })
                             : std::function<common::sql::Database()>());
  alerts.start([&leader] { return leader.lead(); });
  boost::asio::io_context io(1);
  hub::HttpsServer server(io, tls, {boost::asio::ip::make_address(host), port}, router, cfg.limits, logLine);
  server.setObserver([&metrics](const std::string& method, const std::string& target, int status,
                                std::chrono::duration<double> took,
                                bool anonymous) { metrics.observeRequest(method, target, status, took, anonymous); });
  server.start();
  logLine("event=listening address=" + server.endpoint().address().to_string() +
          " port=" + std::to_string(server.endpoint().port()) + " deployment=" + cfg.api.deployment);
  boost::asio::signal_set signals(io, SIGTERM, SIGINT);
  signals.async_wait([&](const boost::system::error_code&, int sig) {
    logLine("event=stopping signal=" + std::to_string(sig));
    server.stop(std::chrono::seconds(5), [&io] { io.stop(); });  // in-flight requests, then out: within 10 s
  });
  // The rectification rule, applied now and every five minutes, so cases open by themselves.
  hub::console::CaseSweeper sweeper([&console] { console.sweepCases(); }, std::chrono::minutes(5), logLine);
  sweeper.start([&leader] { return leader.lead(); });
  // Nothing thrown while serving one connection may end the process: log it and keep serving.
  for (;;) {
    try {
      io.run();
      break;
    } catch (const std::exception& e) {
      logLine("event=loop_error reason=\"" + std::string(e.what()) + "\"");
    }
  }
  sweeper.stop();
  alerts.stop();
  logLine("event=stopped");
  return 0;  // the store closes as it goes out of scope, after the last request
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"kiosk-hub: the central server of the commitment-rating kiosks (HTTPS; SQLite or PostgreSQL)"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", std::string("kiosk-hub ") + KIOSK_VERSION);
  std::string dir, deployment, keyId, pemFile, role, kioskId, listen;
  std::vector<std::string> halls;

  auto* initCmd = cli.add_subcommand("init", "create a hub folder: hub.toml, hub.db, development CA + certificate");
  initCmd->add_option("--dir", dir, "hub folder")->required();
  initCmd->add_option("--deployment", deployment, "deployment name, e.g. zibo-zhangdian")->required();

  auto* keyCmd = cli.add_subcommand("key", "administrator keys");
  keyCmd->require_subcommand(1);
  auto* keyAddCmd = keyCmd->add_subcommand("add", "trust an administrator's Ed25519 public key");
  keyAddCmd->add_option("--dir", dir, "hub folder")->required();
  keyAddCmd->add_option("--key-id", keyId, "the key_id lists will name")->required();
  keyAddCmd->add_option("public_pem", pemFile, "PUBLIC.pem")->required()->check(CLI::ExistingFile);

  auto* tokenCmd = cli.add_subcommand("token", "bearer tokens");
  tokenCmd->require_subcommand(1);
  auto* tokenCreateCmd = tokenCmd->add_subcommand("create", "mint a token; prints it once on stdout");
  tokenCreateCmd->add_option("--dir", dir, "hub folder")->required();
  tokenCreateCmd->add_option("--role", role, "kiosk | staff | admin | metrics (reads /metrics only)")->required();
  tokenCreateCmd->add_option("--kiosk-id", kioskId, "for a kiosk token: the kiosk's id");
  tokenCreateCmd->add_option("--hall", halls, "hall(s) in scope (repeat for several)");

  std::string tokenFile;
  auto* tokenRevokeCmd = tokenCmd->add_subcommand("revoke", "revoke a token (its next request gets 401)");
  tokenRevokeCmd->add_option("--dir", dir, "hub folder")->required();
  tokenRevokeCmd->add_option("--token-file", tokenFile, "file holding the token to revoke")->check(CLI::ExistingFile);
  tokenRevokeCmd->add_option("--kiosk-id", kioskId, "revoke every token of this kiosk");

  std::string login;
  auto* userCmd = cli.add_subcommand("user", "console accounts (the password is read from standard input)");
  userCmd->require_subcommand(1);
  auto* userAddCmd = userCmd->add_subcommand("add", "create a staff, leader or admin account");
  auto* userPasswdCmd = userCmd->add_subcommand("passwd", "set a new password (ends the user's sessions)");
  auto* userDisableCmd = userCmd->add_subcommand("disable", "disable an account (ends its sessions)");
  for (auto* sub : {userAddCmd, userPasswdCmd, userDisableCmd}) {
    sub->add_option("--dir", dir, "hub folder")->required();
    sub->add_option("--login", login, "the user name")->required();
  }
  userAddCmd->add_option("--role", role, "staff | leader | admin")->required();
  userAddCmd->add_option("--hall", halls, "hall(s) the user sees (repeat; not for admins)");

  auto* auditCmd = cli.add_subcommand("audit", "the console's audit log");
  auditCmd->require_subcommand(1);
  auto* auditVerifyCmd =
      auditCmd->add_subcommand("verify", "check every entry's hash link; exit 1 naming the first broken one");
  auditVerifyCmd->add_option("--dir", dir, "hub folder")->required();
  std::string expect;
  auditVerifyCmd->add_option("--expect", expect, "ID:HASH an earlier `audit anchor` printed: it must still hold");
  auto* auditAnchorCmd = auditCmd->add_subcommand("anchor", "print the newest entry's ID:HASH to keep somewhere else");
  auditAnchorCmd->add_option("--dir", dir, "hub folder")->required();

  std::string backupTo;
  auto* backupCmd =
      cli.add_subcommand("backup", "a consistent copy of the hub folder while it serves (a tar archive, mode 0600)");
  backupCmd->add_option("--dir", dir, "hub folder")->required();
  backupCmd->add_option("--to", backupTo, "the archive to write (outside the hub folder)")->required();

  auto* serveCmd = cli.add_subcommand("serve", "run the HTTPS server until SIGTERM");
  serveCmd->add_option("--dir", dir, "hub folder")->required();
  serveCmd->add_option("--listen", listen, "ADDR:PORT (overrides hub.toml; port 0 picks a free one)");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : kExitUsage;
  }
  try {
    if (*initCmd) return init(dir, deployment);
    if (*keyAddCmd) return keyAdd(dir, keyId, pemFile);
    if (*tokenCreateCmd) return tokenCreate(dir, role, kioskId, halls);
    if (*tokenRevokeCmd) return tokenRevoke(dir, tokenFile, kioskId);
    if (*userAddCmd) return userCommand(dir, "add", login, role, halls);
    if (*userPasswdCmd) return userCommand(dir, "passwd", login, role, halls);
    if (*userDisableCmd) return userCommand(dir, "disable", login, role, halls);
    if (*auditVerifyCmd) return auditVerify(dir, expect);
    if (*auditAnchorCmd) return auditAnchor(dir);
    if (*backupCmd) return backup(dir, backupTo);
    if (*serveCmd) return serve(dir, listen);
  } catch (const std::exception& e) {
    std::cerr << "kiosk-hub: " << e.what() << "\n";
    return 1;
  }
  return kExitUsage;
}
