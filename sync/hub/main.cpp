// kiosk-hub: the central server's command line — parsed here, top to bottom, and handed to one
// function of hub/commands (init, key, token, user, audit, backup, serve).
#include <CLI/CLI.hpp>

#include <iostream>

#include "hub/commands/commands.hpp"

using hub::commands::kExitUsage;
namespace commands = hub::commands;

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
    if (*initCmd) return commands::init(dir, deployment);
    if (*keyAddCmd) return commands::keyAdd(dir, keyId, pemFile);
    if (*tokenCreateCmd) return commands::tokenCreate(dir, role, kioskId, halls);
    if (*tokenRevokeCmd) return commands::tokenRevoke(dir, tokenFile, kioskId);
    if (*userAddCmd) return commands::userCommand(dir, "add", login, role, halls);
    if (*userPasswdCmd) return commands::userCommand(dir, "passwd", login, role, halls);
    if (*userDisableCmd) return commands::userCommand(dir, "disable", login, role, halls);
    if (*auditVerifyCmd) return commands::auditVerify(dir, expect);
    if (*auditAnchorCmd) return commands::auditAnchor(dir);
    if (*backupCmd) return commands::backup(dir, backupTo);
    if (*serveCmd) return commands::serve(dir, listen);
  } catch (const std::exception& e) {
    std::cerr << "kiosk-hub: " << e.what() << "\n";
    return 1;
  }
  return kExitUsage;
}
