// The API's software-update routes (wire/update_manifest.hpp, PROTOCOL.md "Software updates"): an
// administrator publishes a signed manifest, then uploads the package it names; a kiosk asks for
// the newest manifest and whether its ring is due, and downloads the package in ranges, so an
// interrupted download resumes. The hub verifies and carries; it never signs.
#include <map>

#include "api_responses.hpp"
#include "hub/api/api.hpp"
#include "hub/core/byte_range.hpp"
#include "hub/core/rollout.hpp"
#include "hub/store/tally_queries.hpp"
#include "hub/store/update_store.hpp"
#include "wire/json_input.hpp"

namespace hub {

using namespace api_detail;

namespace {

// Every enrolled kiosk as the rollout sees it: its hall, the version it runs and its updater's
// last word, both from its latest heartbeat.
std::vector<KioskUpdateReport> fleetReports(common::sql::Database& db) {
  std::map<std::string, KioskUpdateReport> byId;
  for (const auto& [kioskId, hall] : queries::enrolledKiosks(db)) byId[kioskId] = {kioskId, hall, "", ""};
  for (const auto& k : queries::kiosks(db)) {
    const auto it = byId.find(k.kioskId);
    if (it == byId.end()) continue;  // revoked: takes no part
    const auto hb = wire::parseJsonBounded(k.heartbeatJson).value_or(json());
    if (!hb.is_object()) continue;
    if (hb.contains("app_version") && hb["app_version"].is_string()) it->second.runningVersion = hb["app_version"];
    if (hb.contains("update") && hb["update"].is_string()) it->second.updater = hb["update"];
  }
  std::vector<KioskUpdateReport> out;
  for (auto& [id, report] : byId) out.push_back(std::move(report));
  return out;
}

}  // namespace

Response Api::publishUpdate(const Principal& p, const Request& r, const Query&, Db&) {
  wire::UpdateManifest manifest;
  try {
    manifest = wire::verifySignedUpdateManifest(r.body, trustedKeysOf(store_));
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
  update_store::publish(db, manifest, r.body, now_(), p.name);
  return jsonResponse(201, {{"status", "published"},
                            {"id", manifest.id},
                            {"version", manifest.version},
                            {"package", manifest.fileName()},
                            {"rings", manifest.rings.size()}});
}

Response Api::uploadUpdatePackage(const Principal&, const Request& r, const Query&, Db&) {
  auto& db = store_.database();
  const auto latest = update_store::latest(db, config_.deployment);
  if (!latest) return error(409, "publish the signed update manifest first: the package is checked against it");
  const auto& m = latest->manifest;
  if (static_cast<std::int64_t>(r.body.size()) != m.size)
    return error(422, "the package is " + std::to_string(r.body.size()) + " bytes; manifest " + std::to_string(m.id) +
                          " signs " + std::to_string(m.size) + " bytes of " + m.fileName());
  if (wire::sha256Hex(r.body) != m.sha256)
    return error(
        422, "the package's SHA-256 is not the one manifest " + std::to_string(m.id) + " signs for " + m.fileName());
  update_store::storePackage(db, m.sha256, r.body);
  return jsonResponse(201, {{"status", "stored"}, {"package", m.fileName()}, {"bytes", m.size}});
}

Response Api::currentUpdate(const Principal& p, const Request& r, const Query&, Db& db) {
  const auto latest = update_store::latest(db, config_.deployment);
  if (!latest || !latest->packageStored) return error(404, "no software update is published");
  const bool due = ringDueFor(latest->manifest, fleetReports(db), latest->control, now_(), p.kioskId, hallOf(p));
  return cacheable(r, json{{"manifest", latest->envelope}, {"ring_due", due}}.dump());
}

Response Api::updatePackage(const Principal& p, const Request& r, const Query& q, Db& db) {
  const auto latest = update_store::latest(db, config_.deployment);
  if (!latest || !latest->packageStored) return error(404, "no software update is published");
  const auto& m = latest->manifest;
  if (const auto sha = q.find("sha256"); sha == q.end() || sha->second != m.sha256)
    return error(404, "no package with that sha256: ask " + std::string(wire::endpoint::kCurrentUpdate) + " again");
  // Only to kiosks whose ring is due: a kiosk of a later ring waits, whatever it knows of the file.
  if (!ringDueFor(m, fleetReports(db), latest->control, now_(), p.kioskId, hallOf(p)))
    return error(403, "this kiosk's ring is not due for " + m.version);
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
