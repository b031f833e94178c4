#include "hub/commands/command_line.hpp"

#include <CLI/CLI.hpp>

#include "hub/commands/commands.hpp"

namespace hub::commands {

std::variant<Command, int> parseCommandLine(int argc, const char* const* argv, const std::string& version) {
  CLI::App cli{"kiosk-hub: the central server of the commitment-rating kiosks (HTTPS; SQLite or PostgreSQL)"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", "kiosk-hub " + version);
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

  std::string hallName;
  long hallOrder = 0;
  std::string hallId;
  auto* hallCmd = cli.add_subcommand("hall", "halls as people know them");
  hallCmd->require_subcommand(1);
  auto* hallNameCmd =
      hallCmd->add_subcommand("name", "give a hall the display name pages and exports show, and its place in lists");
  hallNameCmd->add_option("--dir", dir, "hub folder")->required();
  hallNameCmd->add_option("--hall", hallId, "the hall id (as kiosks and lists carry it)")->required();
  hallNameCmd->add_option("--name", hallName, "the display name, 1-40 characters")->required();
  hallNameCmd->add_option("--order", hallOrder, "0-9999, smaller first (default 0)")->check(CLI::Range(0, 9999));

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
  if (*initCmd) return Command{Init{dir, deployment}};
  if (*keyAddCmd) return Command{KeyAdd{dir, keyId, pemFile}};
  if (*tokenCreateCmd) return Command{TokenCreate{dir, role, kioskId, halls}};
  if (*tokenRevokeCmd) return Command{TokenRevoke{dir, tokenFile, kioskId}};
  if (*userAddCmd) return Command{User{"add", dir, login, role, halls}};
  if (*userPasswdCmd) return Command{User{"passwd", dir, login, role, halls}};
  if (*userDisableCmd) return Command{User{"disable", dir, login, role, halls}};
  if (*hallNameCmd) return Command{HallName{dir, hallId, hallName, hallOrder}};
  if (*auditVerifyCmd) return Command{AuditVerify{dir, expect}};
  if (*auditAnchorCmd) return Command{AuditAnchor{dir}};
  if (*backupCmd) return Command{Backup{dir, backupTo}};
  if (*serveCmd) return Command{Serve{dir, listen}};
  return kExitUsage;  // require_subcommand(1) leaves nothing else
}

int run(const Command& command) {
  struct Runner {
    int operator()(const Init& c) const { return init(c.dir, c.deployment); }
    int operator()(const KeyAdd& c) const { return keyAdd(c.dir, c.keyId, c.pemFile); }
    int operator()(const TokenCreate& c) const { return tokenCreate(c.dir, c.role, c.kioskId, c.halls); }
    int operator()(const TokenRevoke& c) const { return tokenRevoke(c.dir, c.tokenFile, c.kioskId); }
    int operator()(const User& c) const { return userCommand(c.dir, c.action, c.login, c.role, c.halls); }
    int operator()(const HallName& c) const { return hallNameCommand(c.dir, c.hall, c.name, c.order); }
    int operator()(const AuditVerify& c) const { return auditVerify(c.dir, c.expect); }
    int operator()(const AuditAnchor& c) const { return auditAnchor(c.dir); }
    int operator()(const Backup& c) const { return backup(c.dir, c.to); }
    int operator()(const Serve& c) const { return serve(c.dir, c.listen); }
  };
  return std::visit(Runner{}, command);
}

}  // namespace hub::commands
