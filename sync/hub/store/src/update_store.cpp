#include "hub/store/update_store.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "hub/store/tally_queries.hpp"
#include "wire/crypto.hpp"

namespace hub::update_store {

namespace sql = common::sql;

std::optional<StoredUpdate> latest(sql::Database& db, const std::string& deployment) {
  sql::Statement st(db, R"sql(SELECT envelope, published_unix, published_by, paused, advanced_through, sha256, size
                              FROM update_manifest WHERE deployment = ?1 ORDER BY id DESC LIMIT 1)sql");
  st.bind(1, deployment);
  if (!st.step()) return std::nullopt;
  StoredUpdate u;
  u.envelope = st.columnText(0);
  u.manifest = wire::updateManifestInEnvelope(u.envelope);  // verified when it was published
  u.publishedUnix = st.columnInt(1);
  u.publishedBy = st.columnText(2);
  u.control = {st.columnInt(3) != 0, static_cast<std::size_t>(std::max<std::int64_t>(0, st.columnInt(4)))};
  const std::string sha256 = st.columnText(5);
  const std::int64_t size = st.columnInt(6);
  st.reset();
  sql::Statement chunks(db, "SELECT COUNT(*) FROM update_package WHERE sha256 = ?1");
  chunks.bind(1, sha256);
  u.packageStored = chunks.step() && chunks.columnInt(0) == (size + kChunkBytes - 1) / kChunkBytes;
  return u;
}

void publish(sql::Database& db, const wire::UpdateManifest& m, const std::string& envelope, std::int64_t nowUnix,
             const std::string& by) {
  sql::Transaction tx(db);
  sql::Statement st(db, R"sql(INSERT INTO update_manifest(deployment, id, version, sha256, size, envelope,
                                                          published_unix, published_by, paused, advanced_through)
                              VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, 0))sql");
  st.bind(1, m.deployment).bind(2, m.id).bind(3, m.version).bind(4, m.sha256).bind(5, m.size).bind(6, envelope);
  st.bind(7, nowUnix).bind(8, by);
  st.run();
  tx.commit();
}

void setControl(sql::Database& db, const std::string& deployment, std::int64_t manifestId,
                const RolloutControl& control) {
  sql::Transaction tx(db);
  sql::Statement st(db, R"sql(UPDATE update_manifest SET paused = ?1, advanced_through = ?2
                              WHERE deployment = ?3 AND id = ?4)sql");
  st.bind(1, std::int64_t{control.paused ? 1 : 0})
      .bind(2, static_cast<std::int64_t>(control.advancedThrough))
      .bind(3, deployment)
      .bind(4, manifestId);
  st.run();
  tx.commit();
}

void storePackage(sql::Database& db, const std::string& sha256, const std::string& bytes) {
  sql::Transaction tx(db);
  {
    sql::Statement clear(db, "DELETE FROM update_package WHERE sha256 = ?1");
    clear.bind(1, sha256);
    clear.run();
  }
  sql::Statement st(db, "INSERT INTO update_package(sha256, n, data) VALUES (?1, ?2, ?3)");
  for (std::size_t at = 0, n = 0; at < bytes.size(); at += kChunkBytes, ++n) {
    st.bind(1, sha256)
        .bind(2, static_cast<std::int64_t>(n))
        .bind(3, wire::base64Encode(std::string_view(bytes).substr(at, kChunkBytes)));
    st.run();
    st.reset();
  }
  tx.commit();
}

std::string packageBytes(sql::Database& db, const std::string& sha256, std::int64_t from, std::int64_t length) {
  std::string out;
  if (from < 0 || length <= 0) return out;
  sql::Statement st(db, "SELECT n, data FROM update_package WHERE sha256 = ?1 AND n >= ?2 AND n <= ?3 ORDER BY n");
  st.bind(1, sha256).bind(2, from / kChunkBytes).bind(3, (from + length - 1) / kChunkBytes);
  while (st.step()) {
    const std::string chunk = wire::base64Decode(st.columnText(1));
    const std::int64_t chunkStart = st.columnInt(0) * kChunkBytes;
    const std::int64_t begin = std::max(from, chunkStart) - chunkStart;
    const std::int64_t end = std::min(from + length, chunkStart + static_cast<std::int64_t>(chunk.size())) - chunkStart;
    if (end > begin) out.append(chunk, static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
  }
  return out;
}

std::vector<KioskUpdateReport> fleetReports(sql::Database& db) {
  std::map<std::string, KioskUpdateReport> byId;
  for (const auto& [kioskId, hall] : queries::enrolledKiosks(db)) byId[kioskId] = {kioskId, hall, "", std::nullopt};
  for (const auto& k : queries::kiosks(db)) {
    const auto it = byId.find(k.kioskId);
    if (it == byId.end()) continue;  // revoked: takes no part
    const auto hb = nlohmann::json::parse(k.heartbeatJson, nullptr, false);
    if (!hb.is_object()) continue;
    if (hb.contains("app_version") && hb["app_version"].is_string()) it->second.runningVersion = hb["app_version"];
    // The stored heartbeat is the hub's own normalised encoding, so its report was checked once already.
    if (hb.contains("update")) it->second.updater = wire::parseUpdateReport(hb["update"].dump());
  }
  std::vector<KioskUpdateReport> out;
  for (auto& [id, report] : byId) out.push_back(std::move(report));
  return out;
}

}  // namespace hub::update_store
