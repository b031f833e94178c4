// The API's software-update routes (wire/update_manifest.hpp, PROTOCOL.md "Software updates"): an
// administrator publishes a signed manifest with the package it names (multipart), or the two one
// after the other; a kiosk asks for the manifest it is due (404 while its ring is not) and
// downloads the package in ranges, so an interrupted download resumes. The hub verifies and
// carries; it never signs.
#include <map>
#include <variant>

#include "api_responses.hpp"
#include "hub/api/api.hpp"
#include "hub/core/byte_range.hpp"
#include "hub/core/console_paths.hpp"
#include "hub/core/multipart.hpp"
#include "hub/core/rollout.hpp"
#include "hub/store/tally_queries.hpp"
#include "hub/store/update_store.hpp"
#include "wire/json_input.hpp"

namespace hub {

using namespace api_detail;

namespace {

// The 422 when `bytes` are not the package `m` signs, else nothing.
std::optional<Response> packageMismatch(const wire::UpdateManifest& m, const std::string& bytes) {
  if (static_cast<std::int64_t>(bytes.size()) != m.size)
    return error(422, "the package is " + std::to_string(bytes.size()) + " bytes; manifest " + std::to_string(m.id) +
                          " signs " + std::to_string(m.size) + " bytes of " + m.fileName());
  if (wire::sha256Hex(bytes) != m.sha256)
    return error(
        422, "the package's SHA-256 is not the one manifest " + std::to_string(m.id) + " signs for " + m.fileName());
  return std::nullopt;
}

// The parts of a multipart publication: `manifest` (a file or a field) and `package` (a file).
struct Publication {
  std::string manifest;
  std::optional<std::string> package;
};

std::variant<Publication, Response> publicationOf(const Request& r) {
  if (!isMultipart(r.contentType)) return Publication{r.body, std::nullopt};
  Multipart parts;
  try {
    parts = parseMultipart(r.body, r.contentType, 4);
  } catch (const MultipartError& e) {
    return error(400, std::string("multipart body: ") + e.what());
  }
  Publication out;
  bool haveManifest = false;
  if (const auto field = parts.fields.find("manifest"); field != parts.fields.end()) {
    out.manifest = field->second;
    haveManifest = true;
  }
  for (auto& file : parts.files) {
    if (file.field == "manifest" && !haveManifest) {
      out.manifest = std::move(file.content);
      haveManifest = true;
    } else if (file.field == "package" && !out.package) {
      out.package = std::move(file.content);
    }
  }
  if (!haveManifest) return error(400, "multipart body: no part named manifest (the signed update manifest)");
  if (!out.package) return error(400, "multipart body: no file named package (the .deb the manifest signs)");
  return out;
}

}  // namespace

void Api::noteHealthy(const std::string& kioskId, const std::string& version) {
  std::lock_guard lock(rolloutMutex_);
  if (version == rolloutDue_.version && rolloutDue_.healthyKiosks.insert(kioskId).second) rolloutStale_ = true;
}

bool Api::ringDue(Db& db, const wire::UpdateManifest& m, const RolloutControl& control, const Principal& p) {
  const auto ring = wire::ringOf(m, p.kioskId, hallOf(p));
  if (!ring) return false;
  const std::int64_t now = now_();
  std::lock_guard lock(rolloutMutex_);
  auto& cached = rolloutDue_;
  const bool stale = rolloutStale_ || cached.manifestId != m.id || cached.control.paused != control.paused ||
                     cached.control.advancedThrough != control.advancedThrough ||
                     now - cached.workedOutUnix >= kRolloutRecheckSeconds || now < cached.workedOutUnix ||
                     // not_before passed since: ring 0 may be due now
                     (cached.workedOutUnix < m.notBefore && now >= m.notBefore);
  if (stale) {
    cached.due.clear();
    for (const auto& progress : rolloutProgress(m, update_store::fleetReports(db), control, now))
      cached.due.push_back(progress.due);
    if (cached.manifestId != m.id) cached.healthyKiosks.clear();  // a new version: every first word counts again
    cached.manifestId = m.id;
    cached.version = m.version;
    cached.control = control;
    rolloutStale_ = false;
    cached.workedOutUnix = now;
  }
  return *ring < cached.due.size() && cached.due[*ring];
}

Response Api::publishUpdate(const Principal& p, const Request& r, const Query&, Db&) {
  auto parts = publicationOf(r);
  if (auto* refused = std::get_if<Response>(&parts)) return *refused;
  auto& publication = std::get<Publication>(parts);
  wire::UpdateManifest manifest;
  try {
    manifest = wire::verifySignedUpdateManifest(publication.manifest, trustedKeysOf(store_));
  } catch (const wire::ManifestError& e) {
    return error(422, std::string("update manifest refused: ") + e.what());
  }
  if (manifest.deployment != config_.deployment)
    return error(422, "update manifest refused: it is for deployment " + manifest.deployment + ", this hub serves " +
                          config_.deployment);
  auto& db = store_.database();
  if (const auto latest = update_store::latest(db, config_.deployment); latest && manifest.id <= latest->manifest.id)
    return error(409, "update manifest " + std::to_string(manifest.id) + " is not newer than the published " +
                          std::to_string(latest->manifest.id));
  if (publication.package) {
    if (auto refused = packageMismatch(manifest, *publication.package)) return *refused;
    // The package first: a publication cut short leaves an unused package, never an offer without one.
    update_store::storePackage(db, manifest.sha256, *publication.package);
  }
  update_store::publish(db, manifest, publication.manifest, now_(), p.name);
  // In the console's audit log beside the rollout's pause / resume / advance (kioskctl publishes).
  if (accounts_)
    accounts_->audit(p.name, "update_publish",
                     std::to_string(manifest.id) + " " + manifest.version + " " + std::to_string(manifest.size) + " B",
                     r.peer, now_());
  return jsonResponse(201, {{"status", "published"},
                            {"id", manifest.id},
                            {"version", manifest.version},
                            {"package", manifest.fileName()},
                            {"package_stored", publication.package.has_value()},
                            {"rings", manifest.rings.size()}});
}

Response Api::uploadUpdatePackage(const Principal&, const Request& r, const Query&, Db&) {
  auto& db = store_.database();
  const auto latest = update_store::latest(db, config_.deployment);
  if (!latest) return error(409, "publish the signed update manifest first: the package is checked against it");
  const auto& m = latest->manifest;
  if (auto refused = packageMismatch(m, r.body)) return *refused;
  update_store::storePackage(db, m.sha256, r.body);
  return jsonResponse(201, {{"status", "stored"}, {"package", m.fileName()}, {"bytes", m.size}});
}

Response Api::controlRollout(const Principal&, const Request& r, const Query&, Db&) {
  const auto body = wire::parseJsonBounded(r.body).value_or(json());
  if (!body.is_object() || !body.contains("id") || !body["id"].is_number_integer())
    return error(400, "id: required integer (the published manifest's)");
  const std::string action = body.value("action", "");
  if (action != "pause" && action != "resume" && action != "advance")
    return error(400, "action: must be pause, resume or advance");
  auto& db = store_.database();
  const auto latest = update_store::latest(db, config_.deployment);
  if (!latest) return error(404, "no software update is published");
  const auto& m = latest->manifest;
  if (body["id"].get<std::int64_t>() != m.id)
    return error(409, "manifest " + std::to_string(m.id) + " is the published one now, not " + body["id"].dump());
  RolloutControl control = latest->control;
  json answer{{"id", m.id}, {"action", action}};
  if (action == "pause") control.paused = true;
  if (action == "resume") control.paused = false;
  if (action == "advance") {
    const auto next = ringToAdvance(rolloutProgress(m, update_store::fleetReports(db), control, now_()));
    if (control.paused) return error(409, "the rollout is paused: resume it first");
    if (!next) return error(409, "no ring waits for the one before it");
    // The ring the administrator saw as next, when said: a ring that started meanwhile is not skipped past.
    if (body.contains("ring") && body["ring"] != json(std::to_string(*next)) && body["ring"] != json(*next))
      return error(409, "ring " + std::to_string(*next) + " (" + m.rings[*next].name + ") is next now");
    control.advancedThrough = std::max(control.advancedThrough, *next);
    answer["ring"] = m.rings[*next].name;
  }
  update_store::setControl(db, config_.deployment, m.id, control);
  answer["paused"] = control.paused;
  answer["advanced_through"] = control.advancedThrough;
  return jsonResponse(200, answer);
}

Response Api::currentUpdate(const Principal& p, const Request& r, const Query&, Db& db) {
  const auto latest = update_store::latest(db, config_.deployment);
  if (!latest || !latest->packageStored) return error(404, "no software update is published");
  // Only to kiosks whose ring is due: to the rest the update does not exist yet (nor while paused).
  if (!ringDue(db, latest->manifest, latest->control, p)) return error(404, "no software update is due for this kiosk");
  return cacheable(r, latest->envelope);
}

Response Api::updatePackage(const Principal& p, const Request& r, const Query&, Db& db) {
  const auto latest = update_store::latest(db, config_.deployment);
  if (!latest || !latest->packageStored) return error(404, "no software update is published");
  const auto& m = latest->manifest;
  const std::string_view path = std::string_view(r.target).substr(0, r.target.find('?'));
  if (console_path::match(wire::endpoint::kUpdatePackageFile, path).value_or("") != m.sha256)
    return error(404, "no package with that sha256: ask " + std::string(wire::endpoint::kCurrentUpdate) + " again");
  // Only to kiosks whose ring is due: a kiosk of a later ring waits, whatever it knows of the file.
  if (!ringDue(db, m, latest->control, p)) return error(403, "this kiosk's ring is not due for " + m.version);
  ByteRange range{0, m.size - 1};
  const RangeAnswer answer = byteRange(r.range, m.size, range);
  if (answer == RangeAnswer::Unsatisfiable)
    return {416,
            "application/json",
            "{\"error\":\"range past the end of the package\"}\n",
            {{"Content-Range", "bytes */" + std::to_string(m.size)}}};
  Response res{answer == RangeAnswer::Part ? 206 : 200,
               "application/vnd.debian.binary-package",
               update_store::packageBytes(db, m.sha256, range.first, range.length()),
               {}};
  res.headers.emplace_back("Accept-Ranges", "bytes");
  if (answer == RangeAnswer::Part)
    res.headers.emplace_back("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                                  std::to_string(range.last) + "/" + std::to_string(m.size));
  return res;
}

}  // namespace hub
