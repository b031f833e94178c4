#include "kioskctl/commands.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "common/clock.hpp"
#include "common/deb_info.hpp"
#include "common/durable_file.hpp"
#include "common/iso_time.hpp"
#include "common/password_hash.hpp"
#include "common/secret_prompt.hpp"
#include "common/text_file.hpp"
#include "kioskctl/form_body.hpp"
#include "list_sheet/list_sheet.hpp"
#include "sync/curl_transport.hpp"
#include "wire/batch_import.hpp"
#include "wire/crypto.hpp"
#include "wire/endpoints.hpp"
#include "wire/enrolment.hpp"
#include "wire/enrolment_bundle.hpp"
#include "wire/kiosk_settings.hpp"
#include "wire/signed_list.hpp"
#include "wire/update_manifest.hpp"

namespace kioskctl {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxImportFileBytes = 1024 * 1024;  // the hub's own body limit

using common::FileMode;
using common::writeFileDurably;

kiosk::sync::CurlTransport hubTransport(const HubOptions& hub) {
  kiosk::sync::initTransportLibrary();
  kiosk::sync::TransportSettings s;
  s.baseUrl = hub.url;
  s.caFile = hub.ca;
  s.token = common::readFirstLine(hub.tokenFile);
  return kiosk::sync::CurlTransport(s);
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

// The package's bytes, checked against the manifest in `signedFile` before anything is sent or
// written: the hub and the updater would refuse it anyway, later and further away.
std::pair<wire::UpdateManifest, std::string> manifestAndPackage(const std::string& signedFile,
                                                                const std::string& packageFile) {
  const wire::UpdateManifest m = wire::updateManifestInEnvelope(common::readTextFile(signedFile));
  std::string package = common::readTextFile(packageFile);
  if (static_cast<std::int64_t>(package.size()) != m.size || wire::sha256Hex(package) != m.sha256)
    throw std::runtime_error(packageFile + " is not the package " + signedFile + " signs (" + m.fileName() + ", " +
                             std::to_string(m.size) + " bytes, SHA-256 " + m.sha256.substr(0, 12) + "…)");
  return {m, std::move(package)};
}

}  // namespace

int run(const SignUpdate& c) {
  const common::DebInfo deb = common::readDebInfo(c.packageFile);
  if (deb.package != wire::kKioskPackage)
    throw std::runtime_error(c.packageFile + " is the package " + deb.package + ", not " +
                             std::string(wire::kKioskPackage) + ": the updater installs nothing else");
  const std::string bytes = common::readTextFile(c.packageFile);
  wire::UpdateManifest m;
  m.deployment = c.deployment;
  m.id = c.id;
  m.version = deb.version;
  m.architecture = deb.architecture;
  m.sha256 = wire::sha256Hex(bytes);
  m.size = static_cast<std::int64_t>(bytes.size());
  m.notBeforeText = c.notBefore.empty() ? common::isoTimestamp(common::SystemClock().wallNow()) : c.notBefore;
  m.rings = c.rings;
  const std::string manifestJson = wire::encodeUpdateManifest(m);
  try {
    wire::parseUpdateManifest(manifestJson);  // never sign what the hub and the kiosks would refuse
  } catch (const wire::ManifestError& e) {
    std::cerr << "kioskctl: update sign: " << e.what() << "\n";
    return 1;
  }
  writeFileDurably(c.out, wire::signUpdateManifest(manifestJson, c.keyId,
                                                   wire::Ed25519PrivateKey::fromPem(common::readTextFile(c.keyFile))));
  std::cerr << "kioskctl: signed update " << c.id << " (" << m.fileName() << ", " << m.size << " bytes, "
            << m.rings.size() << " ring" << (m.rings.size() == 1 ? "" : "s") << ") as " << c.out << "\n";
  return 0;
}

int run(const PublishUpdate& c) {
  auto [manifest, package] = manifestAndPackage(c.signedFile, c.packageFile);
  const FormBody form = formBody({{"manifest", "manifest.json", common::readTextFile(c.signedFile)},
                                  {"package", manifest.fileName(), std::move(package)}},
                                 "kioskctl-" + wire::sha256Hex(manifest.sha256).substr(0, 24));
  kiosk::sync::HttpRequest request{"POST", std::string(wire::endpoint::kUpdates), form.body, ""};
  request.contentType = form.contentType;
  auto transport = hubTransport(c.hub);
  const auto r = transport.send(request);
  if (int rc = reportHttp(r, "publishing " + c.signedFile)) return rc;
  std::cout << r.body;
  return 0;
}

int run(const BundleUpdate& c) {
  const auto [manifest, package] = manifestAndPackage(c.signedFile, c.packageFile);
  const fs::path folder = fs::path(c.out) / wire::kBundleFolder;
  fs::create_directories(folder);
  // The old manifest out, the package in, the new manifest last: a stick pulled out halfway offers
  // nothing, never a manifest without its file. An older bundle's package goes (one per stick).
  fs::remove(folder / wire::kBundleManifest);
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".deb" && entry.path().filename() != manifest.fileName()) fs::remove(entry.path());
  writeFileDurably(folder / manifest.fileName(), package);
  writeFileDurably(folder / wire::kBundleManifest, common::readTextFile(c.signedFile));
  std::cerr << "kioskctl: wrote " << (folder / wire::kBundleManifest).string() << " and " << manifest.fileName()
            << " (update " << manifest.id << ", " << manifest.version << ")\n";
  return 0;
}

int run(const PinHash&) {
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

int run(const Keygen& c) {
  const auto key = wire::Ed25519PrivateKey::generate();
  writeFileDurably(c.out, key.toPem(), FileMode::Secret);
  if (!c.publicOut.empty()) writeFileDurably(c.publicOut, key.publicKey().toPem());
  std::cerr << "kioskctl: wrote " << c.out << (c.publicOut.empty() ? "" : " and " + c.publicOut) << "\n";
  return 0;
}

int run(const BuildList& c) {
  // An .xlsx workbook (a ZIP: "PK") as it is, or the sheet saved as CSV.
  list_sheet::ListHeader header = c.header;
  header.publishedAt = common::isoTimestamp(common::SystemClock().wallNow());
  const std::string sheet = common::readTextFile(c.sheetFile);
  try {
    const std::string json = sheet.rfind("PK\x03\x04", 0) == 0 ? list_sheet::buildListFromXlsx(sheet, header)
                                                               : list_sheet::buildListFromCsv(sheet, header);
    writeFileDurably(c.out, json);
  } catch (const list_sheet::CsvError& e) {
    std::cerr << "kioskctl: " << c.sheetFile << ": " << e.what() << "\n";
    return 1;
  }
  std::cerr << "kioskctl: wrote " << c.out << "\n";
  return 0;
}

int run(const SignList& c) {
  const std::string listJson = common::readTextFile(c.listFile);
  wire::parseCommitmentList(listJson);  // never sign something kiosks would refuse
  writeFileDurably(
      c.out, wire::signList(listJson, c.keyId, wire::Ed25519PrivateKey::fromPem(common::readTextFile(c.keyFile))));
  std::cerr << "kioskctl: signed " << c.listFile << " as " << c.out << "\n";
  return 0;
}

int run(const PublishList& c) {
  auto transport = hubTransport(c.hub);
  const auto r = transport.send({"POST", std::string(wire::endpoint::kLists), common::readTextFile(c.signedFile), ""});
  if (int rc = reportHttp(r, "publishing " + c.signedFile)) return rc;
  std::cout << r.body;
  return 0;
}

int run(const SignSettings& c) {
  const std::string settingsJson = common::readTextFile(c.settingsFile);
  const wire::KioskSettings settings = wire::parseKioskSettings(settingsJson);  // never sign what kiosks refuse
  writeFileDurably(c.out, wire::signSettings(settingsJson, c.keyId,
                                             wire::Ed25519PrivateKey::fromPem(common::readTextFile(c.keyFile))));
  std::cerr << "kioskctl: signed " << c.settingsFile << " ("
            << (settings.kiosk.empty() ? "hall " + settings.hall : "kiosk " + settings.kiosk) << ", version "
            << settings.version << ") as " << c.out << "\n";
  return 0;
}

int run(const PublishSettings& c) {
  auto transport = hubTransport(c.hub);
  const auto r =
      transport.send({"POST", std::string(wire::endpoint::kSettings), common::readTextFile(c.signedFile), ""});
  if (int rc = reportHttp(r, "publishing " + c.signedFile)) return rc;
  std::cout << r.body;
  return 0;
}

int run(const Enrol& c) {
  std::error_code ec;
  if (fs::exists(c.out, ec) && !fs::is_empty(c.out, ec)) {
    std::cerr << "kioskctl: enrol: " << c.out << " is not empty; name a new folder\n";
    return kExitUsage;
  }
  wire::KioskRef ref{c.kioskId, c.hall};
  if (!c.kioskKeyFile.empty()) ref.publicKey = common::readTextFile(c.kioskKeyFile);
  auto transport = hubTransport(c.hub);
  const auto r = transport.send({"POST", std::string(wire::endpoint::kKiosks), wire::encodeKioskRef(ref), ""});
  if (int rc = reportHttp(r, "enrolling " + c.kioskId)) return rc;
  const auto enrolment = wire::parseEnrolment(r.body);
  wire::BundleOptions options{c.hub.url, common::readTextFile(c.hub.ca), "", "", 0};
  // The hall's current list, asked for with the kiosk's new token as the kiosk itself would: the
  // kiosk then shows it from its first start. None yet (404) leaves the package's example list.
  kiosk::sync::TransportSettings kioskSettings;
  kioskSettings.baseUrl = c.hub.url;
  kioskSettings.caFile = c.hub.ca;
  kioskSettings.token = enrolment.token;
  kiosk::sync::CurlTransport asKiosk(kioskSettings);
  if (const auto list = asKiosk.send({"GET", std::string(wire::endpoint::kCurrentList), "", ""}); list.status == 200) {
    const auto envelope = wire::parseSignedEnvelope(list.body);
    options.listJson = envelope.payload;
    options.listVersion = wire::parseCommitmentList(envelope.payload).version;
  }
  for (const auto& f : wire::enrolmentBundle(enrolment, options)) {
    const fs::path file = fs::path(c.out) / fs::u8path(f.path);
    fs::create_directories(file.parent_path());
    writeFileDurably(file, f.content, f.secret ? FileMode::Secret : FileMode::Public);
  }
  std::cerr << "kioskctl: enrolled " << c.kioskId << " in " << c.hall << "; its bundle is in " << c.out
            << " (hub/kiosk-token is its token: copy it to the kiosk only)\n";
  return 0;
}

int run(const Import& c) {
  std::vector<wire::NamedFile> files;
  for (const auto& entry : fs::recursive_directory_iterator(c.dir)) {
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
    std::cerr << "kioskctl: import: no rating-batch-*.json under " << c.dir << "\n";
    return 1;
  }
  auto transport = hubTransport(c.hub);
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
  std::cerr << "kioskctl: import: " << batches.size() << " batch" << (batches.size() == 1 ? "" : "es") << ", " << failed
            << " refused\n";
  return failed ? 1 : 0;
}

int run(const Tallies& c) {
  auto transport = hubTransport(c.hub);
  std::string target =
      std::string(wire::endpoint::kTallies) + "?from=" + c.from + "&to=" + c.to + "&format=" + c.format;
  if (!c.hall.empty()) target += "&hall=" + c.hall;
  const auto r = transport.send({"GET", target, "", ""});
  if (int rc = reportHttp(r, "downloading tallies")) return rc;
  writeFileDurably(c.out, r.body);
  std::cerr << "kioskctl: wrote " << c.out << "\n";
  return 0;
}

}  // namespace kioskctl
