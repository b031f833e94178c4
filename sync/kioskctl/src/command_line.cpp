#include "kioskctl/command_line.hpp"

#include <CLI/CLI.hpp>

#include <sstream>

namespace kioskctl {

namespace {

void addHubOptions(CLI::App* cmd, HubOptions& hub) {
  cmd->add_option("--hub", hub.url, "hub URL, e.g. https://hub.example:8443")->required();
  cmd->add_option("--ca", hub.ca, "CA certificate that signed the hub's certificate")->check(CLI::ExistingFile);
  cmd->add_option("--token-file", hub.tokenFile, "file holding your bearer token")
      ->required()
      ->check(CLI::ExistingFile);
}

}  // namespace

std::optional<std::vector<wire::ReasonCode>> parseReasons(const std::string& text, std::string* why) {
  std::vector<wire::ReasonCode> reasons;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ';');) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size()) {
      if (why) *why = "\"" + item + "\" must look like code=label";
      return std::nullopt;
    }
    reasons.push_back({item.substr(0, eq), item.substr(eq + 1)});
  }
  return reasons;
}

std::optional<wire::UpdateRing> parseRing(const std::string& spec, std::string* why) {
  const auto fail = [&](const std::string& what) -> std::optional<wire::UpdateRing> {
    if (why) *why = what;
    return std::nullopt;
  };
  const auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0) return fail("must look like NAME=hall-01,hall-02 or NAME=kiosk:ID");
  wire::UpdateRing ring;
  ring.name = spec.substr(0, eq);
  std::stringstream in(spec.substr(eq + 1));
  for (std::string item; std::getline(in, item, ',');) {
    if (item.empty()) return fail("an empty item (two commas, or one at the end)");
    constexpr std::string_view kKiosk = "kiosk:";
    if (item.rfind(kKiosk, 0) == 0) {
      if (item.size() == kKiosk.size()) return fail("kiosk: without an id");
      ring.kiosks.push_back(item.substr(kKiosk.size()));
    } else {
      ring.halls.push_back(item);
    }
  }
  if (ring.halls.empty() && ring.kiosks.empty()) return fail("names no hall and no kiosk");
  return ring;
}

std::variant<Command, int> parseCommandLine(int argc, const char* const* argv, const std::string& version) {
  CLI::App cli{
      "kioskctl: build, sign and publish commitment lists, kiosk settings and software updates; download tallies"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", "kioskctl " + version);

  Keygen keygen;
  auto* keygenCmd = cli.add_subcommand("keygen", "make an Ed25519 key pair for signing lists");
  keygenCmd->add_option("--out", keygen.out, "private key PEM to write (kept secret, mode 0600)")->required();
  keygenCmd->add_option("--public-out", keygen.publicOut, "public key PEM to write (give it to hubs and kiosks)");

  auto* list = cli.add_subcommand("list", "commitment lists");
  list->require_subcommand(1);
  BuildList build;
  std::string reasonsText;
  auto* buildCmd = list->add_subcommand(
      "build", "build commitment-list/1 JSON from the spreadsheet: .xlsx, or CSV (UTF-8, BOM or GB18030)");
  buildCmd->add_option("csv", build.sheetFile, "the spreadsheet (.xlsx, or saved as CSV)")
      ->required()
      ->check(CLI::ExistingFile);
  buildCmd->add_option("--deployment", build.header.deployment)->required();
  buildCmd->add_option("--hall", build.header.hall, "a hall id, or * for every hall")->required();
  buildCmd->add_option("--version", build.header.version, "must be higher than the published one")->required();
  buildCmd->add_option("--title", build.header.title, "shown on the attract screen")->required();
  buildCmd->add_option("--reasons", reasonsText, "reasons for a poor rating: code=label;code=label");
  buildCmd->add_option("--out", build.out, "list JSON to write")->required();

  SignList sign;
  auto* signCmd = list->add_subcommand("sign", "sign a list JSON into signed-commitment-list/1");
  signCmd->add_option("list", sign.listFile)->required()->check(CLI::ExistingFile);
  signCmd->add_option("--key", sign.keyFile, "private key PEM (from keygen or openssl genpkey)")
      ->required()
      ->check(CLI::ExistingFile);
  signCmd->add_option("--key-id", sign.keyId, "the id hubs and kiosks know the public key by")->required();
  signCmd->add_option("--out", sign.out, "signed list to write")->required();

  PublishList publish;
  auto* publishCmd = list->add_subcommand("publish", "publish a signed list on the hub (admin token)");
  publishCmd->add_option("signed", publish.signedFile)->required()->check(CLI::ExistingFile);
  addHubOptions(publishCmd, publish.hub);

  auto* settingsCmd = cli.add_subcommand("settings", "kiosk settings a hub carries to a hall's kiosks (or one kiosk)");
  settingsCmd->require_subcommand(1);
  SignSettings signSettings;
  auto* signSettingsCmd = settingsCmd->add_subcommand(
      "sign", "sign kiosk-settings/1 JSON (from the console's 终端设置 page) into signed-kiosk-settings/1");
  signSettingsCmd->add_option("settings", signSettings.settingsFile)->required()->check(CLI::ExistingFile);
  signSettingsCmd->add_option("--key", signSettings.keyFile, "private key PEM (the one that signs lists)")
      ->required()
      ->check(CLI::ExistingFile);
  signSettingsCmd->add_option("--key-id", signSettings.keyId, "the id hubs and kiosks know the public key by")
      ->required();
  signSettingsCmd->add_option("--out", signSettings.out, "signed settings to write")->required();
  PublishSettings publishSettings;
  auto* publishSettingsCmd =
      settingsCmd->add_subcommand("publish", "publish signed kiosk settings on the hub (admin token)");
  publishSettingsCmd->add_option("signed", publishSettings.signedFile)->required()->check(CLI::ExistingFile);
  addHubOptions(publishSettingsCmd, publishSettings.hub);

  Tallies tallies;
  auto* talliesCmd = cli.add_subcommand("tallies", "download tallies (staff: your halls; admin: all)");
  addHubOptions(talliesCmd, tallies.hub);
  talliesCmd->add_option("--from", tallies.from, "first day, YYYY-MM-DD")->required();
  talliesCmd->add_option("--to", tallies.to, "last day, YYYY-MM-DD")->required();
  talliesCmd->add_option("--hall", tallies.hall, "one hall only");
  talliesCmd->add_option("--format", tallies.format, "csv (UTF-8 with BOM, opens in Excel/WPS) or json")
      ->check(CLI::IsMember({"csv", "json"}));
  talliesCmd->add_option("--out", tallies.out, "file to write")->required();

  Enrol enrol;
  auto* enrolCmd =
      cli.add_subcommand("enrol", "enrol a kiosk (admin token): write its token, CA, keys and [sync] to --out");
  addHubOptions(enrolCmd, enrol.hub);
  enrolCmd->add_option("--kiosk-id", enrol.kioskId, "the kiosk's id, as in its kiosk.toml")->required();
  enrolCmd->add_option("--hall", enrol.hall, "the hall it stands in")->required();
  enrolCmd
      ->add_option("--kiosk-key", enrol.kioskKeyFile,
                   "the kiosk's public key (kiosk-key.pub.pem from its USB export); without it the kiosk registers "
                   "its key itself when it first reaches the hub")
      ->check(CLI::ExistingFile);
  enrolCmd->add_option("--out", enrol.out, "a new (or empty) folder for the bundle")->required();

  Import import;
  auto* importCmd =
      cli.add_subcommand("import", "post an offline kiosk's USB export (admin token); one line per batch");
  addHubOptions(importCmd, import.hub);
  importCmd->add_option("dir", import.dir, "the export folder (or any folder above its batches)")
      ->required()
      ->check(CLI::ExistingDirectory);

  auto* updateCmd = cli.add_subcommand("update", "software updates for the kiosks (update-manifest/1)");
  updateCmd->require_subcommand(1);
  SignUpdate signUpdate;
  std::vector<std::string> ringSpecs;
  auto* signUpdateCmd = updateCmd->add_subcommand(
      "sign", "build update-manifest/1 from a commitment-kiosk .deb and sign it into signed-update-manifest/1");
  signUpdateCmd->add_option("package", signUpdate.packageFile, "the commitment-kiosk .deb")
      ->required()
      ->check(CLI::ExistingFile);
  signUpdateCmd->add_option("--deployment", signUpdate.deployment)->required();
  signUpdateCmd->add_option("--id", signUpdate.id, "higher than the published manifest's")
      ->required()
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1'000'000'000}));
  signUpdateCmd
      ->add_option("--ring", ringSpecs,
                   "a ring, in order: NAME=ITEM,ITEM… (a hall id, * for every hall, kiosk:ID for one kiosk)")
      ->required();
  signUpdateCmd->add_option("--not-before", signUpdate.notBefore,
                            "earliest install, ISO-8601 with offset (default: now)");
  signUpdateCmd->add_option("--key", signUpdate.keyFile, "private key PEM (the one that signs lists)")
      ->required()
      ->check(CLI::ExistingFile);
  signUpdateCmd->add_option("--key-id", signUpdate.keyId, "the id hubs and kiosks know the public key by")->required();
  signUpdateCmd->add_option("--out", signUpdate.out, "signed manifest to write")->required();
  PublishUpdate publishUpdate;
  auto* publishUpdateCmd =
      updateCmd->add_subcommand("publish", "publish a signed update manifest and its package on the hub (admin token)");
  publishUpdateCmd->add_option("signed", publishUpdate.signedFile)->required()->check(CLI::ExistingFile);
  publishUpdateCmd->add_option("--package", publishUpdate.packageFile, "the .deb it signs")
      ->required()
      ->check(CLI::ExistingFile);
  addHubOptions(publishUpdateCmd, publishUpdate.hub);
  BundleUpdate bundleUpdate;
  auto* bundleUpdateCmd = updateCmd->add_subcommand(
      "bundle", "write a signed update manifest and its package to a USB stick for an offline hall");
  bundleUpdateCmd->add_option("signed", bundleUpdate.signedFile)->required()->check(CLI::ExistingFile);
  bundleUpdateCmd->add_option("--package", bundleUpdate.packageFile, "the .deb it signs")
      ->required()
      ->check(CLI::ExistingFile);
  bundleUpdateCmd->add_option("--out", bundleUpdate.out, "the stick's mount point (the kiosk's [staff] export_dir)")
      ->required()
      ->check(CLI::ExistingDirectory);

  auto* pinHashCmd = cli.add_subcommand(
      "pin-hash", "hash a staff PIN (read from stdin) for kiosk.toml's [staff] pin_hash; prints the hash only");
  pinHashCmd->alias("pin_hash");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : kExitUsage;
  }
  if (*keygenCmd) return Command{keygen};
  if (*buildCmd) {
    std::string why;
    auto reasons = parseReasons(reasonsText, &why);
    if (!reasons) {
      std::cerr << "kioskctl: --reasons: " << why << "\n";
      return kExitUsage;
    }
    build.header.reasons = std::move(*reasons);
    return Command{build};
  }
  if (*signCmd) return Command{sign};
  if (*publishCmd) return Command{publish};
  if (*signSettingsCmd) return Command{signSettings};
  if (*publishSettingsCmd) return Command{publishSettings};
  if (*talliesCmd) return Command{tallies};
  if (*enrolCmd) {
    if (enrol.hub.ca.empty()) {
      std::cerr << "kioskctl: enrol: --ca is required (the kiosk needs the CA to trust the hub)\n";
      return kExitUsage;
    }
    return Command{enrol};
  }
  if (*importCmd) return Command{import};
  if (*pinHashCmd) return Command{PinHash{}};
  if (*signUpdateCmd) {
    for (const auto& spec : ringSpecs) {
      std::string why;
      auto ring = parseRing(spec, &why);
      if (!ring) {
        std::cerr << "kioskctl: update sign: --ring " << spec << ": " << why << "\n";
        return kExitUsage;
      }
      signUpdate.rings.push_back(std::move(*ring));
    }
    return Command{signUpdate};
  }
  if (*publishUpdateCmd) return Command{publishUpdate};
  if (*bundleUpdateCmd) return Command{bundleUpdate};
  return kExitUsage;  // require_subcommand(1) leaves nothing else
}

}  // namespace kioskctl
