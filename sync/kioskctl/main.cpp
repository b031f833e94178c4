// kioskctl: the administrators' and staff's tool. keygen; list build / sign / publish; tallies;
// enrol a kiosk; import an offline kiosk's USB export.
// Talks to the hub through the same TLS-checked transport the kiosks use.

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>

#include "common/clock.hpp"
#include "common/durable_file.hpp"
#include "common/iso_time.hpp"
#include "common/password_hash.hpp"
#include "common/secret_prompt.hpp"
#include "common/text_file.hpp"
#include "list_sheet/list_sheet.hpp"
#include "sync/curl_transport.hpp"
#include "wire/batch_import.hpp"
#include "wire/crypto.hpp"
#include "wire/endpoints.hpp"
#include "wire/enrolment.hpp"
#include "wire/signed_list.hpp"

namespace fs = std::filesystem;

namespace {

constexpr int kExitUsage = 2;
constexpr std::uintmax_t kMaxImportFileBytes = 1024 * 1024;  // the hub's own body limit

using common::FileMode;
using common::writeFileDurably;

struct HubOptions {
  std::string url, ca, tokenFile;
  kiosk::sync::CurlTransport transport() const {
    kiosk::sync::TransportSettings s;
    s.baseUrl = url;
    s.caFile = ca;
    s.token = common::readFirstLine(tokenFile);
    return kiosk::sync::CurlTransport(s);
  }
};

void addHubOptions(CLI::App* cmd, HubOptions& hub) {
  cmd->add_option("--hub", hub.url, "hub URL, e.g. https://hub.example:8443")->required();
  cmd->add_option("--ca", hub.ca, "CA certificate that signed the hub's certificate")->check(CLI::ExistingFile);
  cmd->add_option("--token-file", hub.tokenFile, "file holding your bearer token")
      ->required()
      ->check(CLI::ExistingFile);
}

int reportHttp(const kiosk::sync::HttpResponse& r, const std::string& what) {
  if (r.failure != kiosk::sync::Failure::None) {
    std::cerr << "kioskctl: " << what << ": " << r.error << "\n";
    return 1;
  }
  if (r.status < 200 || r.status >= 300) {
    std::cerr << "kioskctl: " << what << ": hub answered " << r.status << " " << r.body;
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"kioskctl: build, sign and publish commitment lists; download tallies"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", std::string("kioskctl ") + KIOSK_VERSION);

  std::string out, publicOut;
  auto* keygen = cli.add_subcommand("keygen", "make an Ed25519 key pair for signing lists");
  keygen->add_option("--out", out, "private key PEM to write (kept secret, mode 0600)")->required();
  keygen->add_option("--public-out", publicOut, "public key PEM to write (give it to hubs and kiosks)");

  auto* list = cli.add_subcommand("list", "commitment lists");
  list->require_subcommand(1);
  std::string csvFile, reasonsText;
  list_sheet::ListHeader header;
  auto* build = list->add_subcommand(
      "build", "build commitment-list/1 JSON from the spreadsheet: .xlsx, or CSV (UTF-8, BOM or GB18030)");
  build->add_option("csv", csvFile, "the spreadsheet saved as CSV")->required()->check(CLI::ExistingFile);
  build->add_option("--deployment", header.deployment)->required();
  build->add_option("--hall", header.hall, "a hall id, or * for every hall")->required();
  build->add_option("--version", header.version, "must be higher than the published one")->required();
  build->add_option("--title", header.title, "shown on the attract screen")->required();
  build->add_option("--reasons", reasonsText, "reasons for a poor rating: code=label;code=label");
  build->add_option("--out", out, "list JSON to write")->required();

  std::string listFile, keyFile, keyId;
  auto* sign = list->add_subcommand("sign", "sign a list JSON into signed-commitment-list/1");
  sign->add_option("list", listFile)->required()->check(CLI::ExistingFile);
  sign->add_option("--key", keyFile, "private key PEM (from keygen or openssl genpkey)")
      ->required()
      ->check(CLI::ExistingFile);
  sign->add_option("--key-id", keyId, "the id hubs and kiosks know the public key by")->required();
  sign->add_option("--out", out, "signed list to write")->required();

  HubOptions hub;
  std::string signedFile;
  auto* publish = list->add_subcommand("publish", "publish a signed list on the hub (admin token)");
  publish->add_option("signed", signedFile)->required()->check(CLI::ExistingFile);
  addHubOptions(publish, hub);

  std::string from, to, hall, format = "csv";
  auto* tallies = cli.add_subcommand("tallies", "download tallies (staff: your halls; admin: all)");
  addHubOptions(tallies, hub);
  tallies->add_option("--from", from, "first day, YYYY-MM-DD")->required();
  tallies->add_option("--to", to, "last day, YYYY-MM-DD")->required();
  tallies->add_option("--hall", hall, "one hall only");
  tallies->add_option("--format", format, "csv (UTF-8 with BOM, opens in Excel/WPS) or json")
      ->check(CLI::IsMember({"csv", "json"}));
  tallies->add_option("--out", out, "file to write")->required();

  std::string kioskId, kioskKeyFile;
  auto* enrol =
      cli.add_subcommand("enrol", "enrol a kiosk (admin token): write its token, CA, keys and [sync] to --out");
  addHubOptions(enrol, hub);
  enrol->add_option("--kiosk-id", kioskId, "the kiosk's id, as in its kiosk.toml")->required();
  enrol->add_option("--hall", hall, "the hall it stands in")->required();
  enrol
      ->add_option("--kiosk-key", kioskKeyFile,
                   "the kiosk's public key (kiosk-key.pub.pem from its USB export); without it the kiosk registers "
                   "its key itself when it first reaches the hub")
      ->check(CLI::ExistingFile);
  enrol->add_option("--out", out, "a new (or empty) folder for the bundle")->required();

  std::string importDir;
  auto* import = cli.add_subcommand("import", "post an offline kiosk's USB export (admin token); one line per batch");
  addHubOptions(import, hub);
  import->add_option("dir", importDir, "the export folder (or any folder above its batches)")
      ->required()
      ->check(CLI::ExistingDirectory);

  cli.add_subcommand("pin-hash",
                     "hash a staff PIN (read from stdin) for kiosk.toml's [staff] pin_hash; prints the hash only")
      ->alias("pin_hash");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : kExitUsage;
  }

  try {
    if (cli.got_subcommand("pin-hash")) {
      std::string why;
      const auto typed = common::readSecretTwice("staff PIN (4-12 digits)", why);
      if (!typed) {
        std::cerr << "kioskctl: pin-hash: " << why << "\n";
        return kExitUsage;
      }
      const std::string& pin = *typed;
      if (!common::validPin(pin, &why)) {
        std::cerr << "kioskctl: pin-hash: " << why << "\n";
        return kExitUsage;
      }
      std::cout << common::hashPin(pin) << "\n";
      return 0;
    }
    if (*keygen) {
      const auto key = wire::Ed25519PrivateKey::generate();
      writeFileDurably(out, key.toPem(), FileMode::Secret);
      if (!publicOut.empty()) writeFileDurably(publicOut, key.publicKey().toPem());
      std::cerr << "kioskctl: wrote " << out << (publicOut.empty() ? "" : " and " + publicOut) << "\n";
      return 0;
    }
    if (*build) {
      std::stringstream in(reasonsText);
      for (std::string item; std::getline(in, item, ';');) {
        const auto eq = item.find('=');
        if (eq == std::string::npos) {
          std::cerr << "kioskctl: --reasons: \"" << item << "\" must look like code=label\n";
          return kExitUsage;
        }
        header.reasons.push_back({item.substr(0, eq), item.substr(eq + 1)});
      }
      header.publishedAt = common::isoTimestamp(common::SystemClock().wallNow());
      // An .xlsx workbook (a ZIP: "PK") as it is, or the sheet saved as CSV.
      const std::string sheet = common::readTextFile(csvFile);
      const std::string json = sheet.rfind("PK\x03\x04", 0) == 0 ? list_sheet::buildListFromXlsx(sheet, header)
                                                                 : list_sheet::buildListFromCsv(sheet, header);
      writeFileDurably(out, json);
      std::cerr << "kioskctl: wrote " << out << "\n";
      return 0;
    }
    if (*sign) {
      const std::string listJson = common::readTextFile(listFile);
      wire::parseCommitmentList(listJson);  // never sign something kiosks would refuse
      writeFileDurably(
          out, wire::signList(listJson, keyId, wire::Ed25519PrivateKey::fromPem(common::readTextFile(keyFile))));
      std::cerr << "kioskctl: signed " << listFile << " as " << out << "\n";
      return 0;
    }
    kiosk::sync::initTransportLibrary();
    if (*publish) {
      auto transport = hub.transport();
      const auto r =
          transport.send({"POST", std::string(wire::endpoint::kLists), common::readTextFile(signedFile), ""});
      if (int rc = reportHttp(r, "publishing " + signedFile)) return rc;
      std::cout << r.body;
      return 0;
    }
    if (*enrol) {
      if (hub.ca.empty()) {
        std::cerr << "kioskctl: enrol: --ca is required (the kiosk needs the CA to trust the hub)\n";
        return kExitUsage;
      }
      std::error_code ec;
      if (fs::exists(out, ec) && !fs::is_empty(out, ec)) {
        std::cerr << "kioskctl: enrol: " << out << " is not empty; name a new folder\n";
        return kExitUsage;
      }
      wire::KioskRef ref{kioskId, hall};
      if (!kioskKeyFile.empty()) ref.publicKey = common::readTextFile(kioskKeyFile);
      auto transport = hub.transport();
      const auto r = transport.send({"POST", std::string(wire::endpoint::kKiosks), wire::encodeKioskRef(ref), ""});
      if (int rc = reportHttp(r, "enrolling " + kioskId)) return rc;
      const auto enrolment = wire::parseEnrolment(r.body);
      for (const auto& f : wire::enrolmentBundle(enrolment, hub.url, common::readTextFile(hub.ca))) {
        const fs::path file = fs::path(out) / fs::u8path(f.path);
        fs::create_directories(file.parent_path());
        writeFileDurably(file, f.content, f.secret ? FileMode::Secret : FileMode::Public);
      }
      std::cerr << "kioskctl: enrolled " << kioskId << " in " << hall << "; its bundle is in " << out
                << " (hub/kiosk-token is its token: copy it to the kiosk only)\n";
      return 0;
    }
    if (*import) {
      std::vector<wire::NamedFile> files;
      for (const auto& entry : fs::recursive_directory_iterator(importDir)) {
        if (!entry.is_regular_file()) continue;
        const std::string name = entry.path().filename().string();
        if (!wire::isBatchFileName(name) && !wire::isBatchFileName(name.substr(0, name.size() - 4))) continue;
        if (entry.file_size() > kMaxImportFileBytes) {
          std::cerr << "kioskctl: import: " << entry.path().string() << " is larger than any batch; skipped\n";
          continue;
        }
        files.push_back({entry.path().string(), common::readTextFile(entry.path())});
      }
      const auto batches = wire::pairBatchFiles(files);
      if (batches.empty()) {
        std::cerr << "kioskctl: import: no rating-batch-*.json under " << importDir << "\n";
        return 1;
      }
      auto transport = hub.transport();
      int failed = 0;
      for (const auto& b : batches) {
        auto r = transport.send({"POST", std::string(wire::endpoint::kBatches), b.body, "", b.signature});
        // A hub that is busy or restarting says when to come back (429/503 + Retry-After): wait as
        // it asks — a minute at most each time, ten times at most — so a month's export goes
        // through in one run instead of leaving refusals to re-run by hand.
        for (int tries = 0; tries < 10 && (r.status == 429 || r.status == 503) && r.retryAfterSeconds; ++tries) {
          const long seconds = std::clamp<long>(*r.retryAfterSeconds, 1, 60);
          std::cerr << "kioskctl: import: " << b.name << ": the hub asks to wait " << seconds << " s\n";
          std::this_thread::sleep_for(std::chrono::seconds(seconds));
          r = transport.send({"POST", std::string(wire::endpoint::kBatches), b.body, "", b.signature});
        }
        if (r.failure != kiosk::sync::Failure::None) {
          std::cerr << "kioskctl: import: " << b.name << ": " << r.error << "\n";
          return 1;  // the hub is unreachable: the rest would fail alike; run again later
        }
        const std::string outcome = wire::importOutcome(r.status, r.body);
        std::cout << b.name << "\t" << r.status << "\t" << outcome << "\n";
        if (r.status != 200 && r.status != 201) ++failed;
      }
      std::cerr << "kioskctl: import: " << batches.size() << " batch" << (batches.size() == 1 ? "" : "es") << ", "
                << failed << " refused\n";
      return failed ? 1 : 0;
    }
    if (*tallies) {
      auto transport = hub.transport();
      std::string target = std::string(wire::endpoint::kTallies) + "?from=" + from + "&to=" + to + "&format=" + format;
      if (!hall.empty()) target += "&hall=" + hall;
      const auto r = transport.send({"GET", target, "", ""});
      if (int rc = reportHttp(r, "downloading tallies")) return rc;
      writeFileDurably(out, r.body);
      std::cerr << "kioskctl: wrote " << out << "\n";
      return 0;
    }
  } catch (const list_sheet::CsvError& e) {
    std::cerr << "kioskctl: " << csvFile << ": " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "kioskctl: " << e.what() << "\n";
    return 1;
  }
  return kExitUsage;
}
