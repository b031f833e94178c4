#include "hub/store/screenshot_store.hpp"

#include "wire/crypto.hpp"

namespace hub::screenshot_store {

namespace sql = common::sql;

bool add(sql::Database& db, const std::string& kioskId, const wire::ScreenshotUpload& shot, std::int64_t nowUnix) {
  sql::Transaction tx(db);
  {
    sql::Statement seen(db, "SELECT 1 FROM kiosk_screenshot WHERE kiosk_id = ?1 AND command_id = ?2");
    seen.bind(1, kioskId).bind(2, shot.commandId);
    if (seen.step()) return false;
  }
  sql::Statement st(db, R"sql(INSERT INTO kiosk_screenshot(kiosk_id, command_id, screen, width, height, png_base64,
                                                           taken_unix) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql");
  st.bind(1, kioskId)
      .bind(2, shot.commandId)
      .bind(3, shot.screen)
      .bind(4, std::int64_t{shot.width})
      .bind(5, std::int64_t{shot.height})
      .bind(6, wire::base64Encode(shot.png))
      .bind(7, nowUnix);
  st.run();
  sql::Statement trim(db, R"sql(DELETE FROM kiosk_screenshot WHERE kiosk_id = ?1 AND id NOT IN (
                                  SELECT id FROM kiosk_screenshot WHERE kiosk_id = ?1 ORDER BY id DESC LIMIT ?2))sql");
  trim.bind(1, kioskId).bind(2, static_cast<std::int64_t>(kKeptPerKiosk));
  trim.run();
  tx.commit();
  return true;
}

std::vector<ShotInfo> recent(sql::Database& db) {
  sql::Statement st(db, R"sql(SELECT id, kiosk_id, command_id, screen, width, height, taken_unix
                              FROM kiosk_screenshot ORDER BY kiosk_id, id DESC)sql");
  std::vector<ShotInfo> out;
  while (st.step())
    out.push_back({st.columnInt(0), st.columnText(1), st.columnText(2), st.columnText(3),
                   static_cast<int>(st.columnInt(4)), static_cast<int>(st.columnInt(5)), st.columnInt(6)});
  return out;
}

std::optional<std::string> png(sql::Database& db, const std::string& kioskId, std::int64_t id) {
  sql::Statement st(db, "SELECT png_base64 FROM kiosk_screenshot WHERE kiosk_id = ?1 AND id = ?2");
  st.bind(1, kioskId).bind(2, id);
  if (!st.step()) return std::nullopt;
  return wire::base64Decode(st.columnText(0));
}

}  // namespace hub::screenshot_store
