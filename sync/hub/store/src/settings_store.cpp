#include "hub/store/settings_store.hpp"

namespace hub::settings_store {

namespace sql = common::sql;

namespace {

StoredSettings rowOf(sql::Statement& st) {
  return {st.columnText(0), st.columnText(1), st.columnInt(2), st.columnText(3), st.columnInt(4), st.columnText(5)};
}

}  // namespace

std::optional<std::int64_t> latestVersion(sql::Database& db, const std::string& deployment, const std::string& hall,
                                          const std::string& kioskId) {
  sql::Statement st(db,
                    "SELECT MAX(version) FROM kiosk_settings WHERE deployment = ?1 AND hall = ?2 AND kiosk_id = ?3");
  st.bind(1, deployment).bind(2, hall).bind(3, kioskId);
  if (!st.step() || st.columnIsNull(0)) return std::nullopt;
  return st.columnInt(0);
}

void add(sql::Database& db, const std::string& deployment, const StoredSettings& s) {
  sql::Transaction tx(db);
  sql::Statement st(db, R"sql(INSERT INTO kiosk_settings(deployment, hall, kiosk_id, version, envelope, received_unix,
                                                         published_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql");
  st.bind(1, deployment).bind(2, s.hall).bind(3, s.kioskId).bind(4, s.version).bind(5, s.envelope);
  st.bind(6, s.receivedUnix).bind(7, s.publishedBy);
  st.run();
  tx.commit();
}

std::optional<StoredSettings> current(sql::Database& db, const std::string& deployment, const std::string& hall,
                                      const std::string& kioskId) {
  sql::Statement st(db, R"sql(SELECT hall, kiosk_id, version, envelope, received_unix, published_by
                              FROM kiosk_settings WHERE deployment = ?1 AND hall = ?2 AND kiosk_id = ?3
                              ORDER BY version DESC LIMIT 1)sql");
  st.bind(1, deployment).bind(2, hall).bind(3, kioskId);
  if (!st.step()) return std::nullopt;
  return rowOf(st);
}

std::vector<StoredSettings> currentInHall(sql::Database& db, const std::string& deployment, const std::string& hall) {
  sql::Statement st(db, R"sql(SELECT s.hall, s.kiosk_id, s.version, s.envelope, s.received_unix, s.published_by
                              FROM kiosk_settings s
                              JOIN (SELECT kiosk_id, MAX(version) AS v FROM kiosk_settings
                                    WHERE deployment = ?1 AND hall = ?2 GROUP BY kiosk_id) newest
                                ON newest.kiosk_id = s.kiosk_id AND newest.v = s.version
                              WHERE s.deployment = ?1 AND s.hall = ?2 ORDER BY s.kiosk_id)sql");
  st.bind(1, deployment).bind(2, hall);
  std::vector<StoredSettings> out;
  while (st.step()) out.push_back(rowOf(st));
  return out;
}

}  // namespace hub::settings_store
