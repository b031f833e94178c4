#include "hub/store/kiosk_days.hpp"

#include "common/iso_time.hpp"

namespace hub::kiosk_days {

namespace sql = common::sql;

std::string addStatement(int first) {
  const auto p = [first](int i) { return "?" + std::to_string(first + i); };
  return "INSERT INTO kiosk_day(kiosk_id, day, touches, open_s) VALUES (" + p(0) + ", " + p(1) + ", " + p(2) + ", " +
         p(3) + ") ON CONFLICT (kiosk_id, day) DO UPDATE SET touches = kiosk_day.touches + excluded.touches, " +
         "open_s = kiosk_day.open_s + excluded.open_s";
}

void add(sql::Database& db, const std::string& kioskId, const std::string& day, std::int64_t touches,
         std::int64_t openSeconds) {
  sql::Statement st(db, addStatement(1));
  st.bind(1, kioskId).bind(2, day).bind(3, touches).bind(4, openSeconds);
  st.run();
}

void trim(sql::Database& db, const std::string& today) {
  sql::Statement old(db, "DELETE FROM kiosk_day WHERE day < ?1");
  old.bind(1, common::dayText(common::dayNumber(today) - kKeptDays));
  old.run();
}

std::map<std::string, std::vector<PanelDay>> since(sql::Database& db, const std::string& fromDay) {
  sql::Statement st(db, "SELECT kiosk_id, day, touches, open_s FROM kiosk_day WHERE day >= ?1 ORDER BY kiosk_id, day");
  st.bind(1, fromDay);
  std::map<std::string, std::vector<PanelDay>> out;
  while (st.step()) out[st.columnText(0)].push_back({st.columnText(1), st.columnInt(2), st.columnInt(3)});
  return out;
}

}  // namespace hub::kiosk_days
