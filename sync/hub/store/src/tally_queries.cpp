#include "hub/store/tally_queries.hpp"

#include <nlohmann/json.hpp>

#include "hub/core/month_split.hpp"

namespace hub::queries {

namespace sql = common::sql;

namespace {

constexpr std::string_view kSums = " SUM(good), SUM(fair), SUM(poor), SUM(filtered) ";
constexpr std::string_view kRatingSums = R"sql(
    SUM(CASE rating WHEN 'good' THEN n ELSE 0 END), SUM(CASE rating WHEN 'fair' THEN n ELSE 0 END),
    SUM(CASE rating WHEN 'poor' THEN n ELSE 0 END))sql";

// `AND hall IN (…)` bound as one JSON array parameter, so any number of halls is one statement.
std::string hallFilter(const sql::Database& db, const Halls& halls, int parameter) {
  return halls ? " AND hall IN " + sql::inJsonArray(db, parameter) : "";
}

void bindHalls(sql::Statement& st, const Halls& halls, int parameter) {
  if (halls) st.bind(parameter, nlohmann::json(*halls).dump());
}

}  // namespace

std::optional<Principal> principalFor(sql::Database& db, const std::string& hash) {
  sql::Statement st(db, "SELECT role, kiosk_id, halls FROM token WHERE hash = ?1");
  st.bind(1, hash);
  if (!st.step()) return std::nullopt;
  auto role = roleFromString(st.columnText(0));
  if (!role) return std::nullopt;
  // The hash's first 12 hex digits name the token in records without revealing it.
  return Principal{*role, st.columnText(1), splitHalls(st.columnText(2)), "token:" + hash.substr(0, 12)};
}

std::optional<StoredList> currentList(sql::Database& db, const std::string& deployment, const std::string& hall) {
  sql::Statement st(db, R"sql(SELECT hall, version, envelope, etag FROM list
                               WHERE deployment = ?1 AND (hall = ?2 OR hall = '*') ORDER BY id DESC LIMIT 1)sql");
  st.bind(1, deployment).bind(2, hall);
  if (!st.step()) return std::nullopt;
  return StoredList{st.columnText(0), st.columnInt(1), st.columnText(2), st.columnText(3)};
}

std::vector<TallyRow> tallies(sql::Database& db, const std::string& fromDay, const std::string& toDay,
                              const Halls& halls, TallyGroup group, const ChannelScope& channels) {
  const std::optional<std::string>& channel = channels.only;
  // Whole months from the monthly rows, the ragged ends from the daily ones.
  const MonthSplit split = splitAtMonths(fromDay, toDay);
  const std::string key =
      (group == TallyGroup::Hall
           ? std::string("'' AS k, 0 AS v")
           : "commitment_id AS k, " + std::string(group == TallyGroup::CommitmentVersion ? "list_version" : "0") +
                 " AS v") +
      (channels.split ? ", channel AS c" : ", '' AS c");
  const std::string columns = "SELECT hall, " + key + ", good, fair, poor, filtered FROM ";
  // PostgreSQL numbers parameters without gaps: the channel's is the next free one.
  const int channelParameter = halls ? 8 : 7;
  const std::string where =
      hallFilter(db, halls, 7) + (channel ? " AND channel = ?" + std::to_string(channelParameter) : "");
  const std::string text = "SELECT hall, k, v, c," + std::string(kSums) + "FROM (" + columns +
                           "count_day WHERE day BETWEEN ?1 AND ?2" + where + " UNION ALL " + columns +
                           "count_month WHERE month BETWEEN ?3 AND ?4" + where + " UNION ALL " + columns +
                           "count_day WHERE day BETWEEN ?5 AND ?6" + where +
                           ") AS parts GROUP BY hall, k, v, c ORDER BY hall, k, v, c";  // PostgreSQL 15 wants the alias
  sql::Statement st(db, text);
  st.bind(1, split.headFrom).bind(2, split.headTo).bind(3, split.firstMonth).bind(4, split.lastMonth);
  st.bind(5, split.tailFrom).bind(6, split.tailTo);
  bindHalls(st, halls, 7);
  if (channel) st.bind(channelParameter, *channel);
  std::vector<TallyRow> rows;
  while (st.step()) {
    TallyRow row{st.columnText(0), st.columnText(1), st.columnInt(4), st.columnInt(5),
                 st.columnInt(6),  st.columnInt(7),  st.columnInt(2)};
    row.channel = st.columnText(3);
    rows.push_back(std::move(row));
  }
  return rows;
}

TallyRow commitmentTally(sql::Database& db, const std::string& commitmentId, const std::string& fromDay,
                         const std::string& toDay, const Halls& halls) {
  sql::Statement st(db, "SELECT" + std::string(kSums) +
                            "FROM count_day WHERE commitment_id = ?1 AND day BETWEEN ?2 AND ?3" +
                            hallFilter(db, halls, 4));
  st.bind(1, commitmentId).bind(2, fromDay).bind(3, toDay);
  bindHalls(st, halls, 4);
  TallyRow row{"", commitmentId};
  if (st.step()) {
    row.good = st.columnInt(0);
    row.fair = st.columnInt(1);
    row.poor = st.columnInt(2);
    row.filtered = st.columnInt(3);
  }
  return row;
}

std::vector<DayTotals> dailyTotals(sql::Database& db, const std::string& fromDay, const std::string& toDay,
                                   const Halls& halls, const std::optional<std::string>& commitmentId) {
  // A hall's totals per day are kept apart (hall_day), so the overview's trend reads a few rows a day.
  std::string text = "SELECT day," + std::string(kSums) + "FROM " + (commitmentId ? "count_day" : "hall_day") +
                     " WHERE day BETWEEN ?1 AND ?2" + hallFilter(db, halls, 3);
  if (commitmentId) text += " AND commitment_id = ?4";
  text += " GROUP BY day ORDER BY day";
  sql::Statement st(db, text);
  st.bind(1, fromDay).bind(2, toDay);
  bindHalls(st, halls, 3);
  if (commitmentId) st.bind(4, *commitmentId);
  std::vector<DayTotals> out;
  while (st.step())
    out.push_back({st.columnText(0), st.columnInt(1), st.columnInt(2), st.columnInt(3), st.columnInt(4)});
  return out;
}

std::vector<HourOfWeek> hourOfWeek(sql::Database& db, const std::string& fromDay, const std::string& toDay,
                                   const Halls& halls) {
  // The console's weeks start on Monday.
  sql::Statement st(db, "SELECT " + sql::weekdayFromMonday(db, "day") + ", hour," + std::string(kRatingSums) +
                            " FROM tally_hour WHERE day >= ?1 AND day <= ?2" + hallFilter(db, halls, 3) +
                            " GROUP BY 1, 2 ORDER BY 1, 2");
  st.bind(1, fromDay).bind(2, toDay);
  bindHalls(st, halls, 3);
  std::vector<HourOfWeek> out;
  while (st.step())
    out.push_back({static_cast<int>(st.columnInt(0)), static_cast<int>(st.columnInt(1)), st.columnInt(2),
                   st.columnInt(3), st.columnInt(4)});
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> poorReasons(sql::Database& db, const std::string& commitmentId,
                                                              const std::string& fromDay, const std::string& toDay,
                                                              const Halls& halls) {
  sql::Statement st(db, "SELECT reason, SUM(n) FROM reason_day WHERE commitment_id = ?1 AND day BETWEEN ?2 AND ?3" +
                            hallFilter(db, halls, 4) + " GROUP BY reason ORDER BY 2 DESC, 1");
  st.bind(1, commitmentId).bind(2, fromDay).bind(3, toDay);
  bindHalls(st, halls, 4);
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (st.step()) out.emplace_back(st.columnText(0), st.columnInt(1));
  return out;
}

std::vector<std::pair<std::int64_t, wire::TallyCounts>> countsByVersion(sql::Database& db,
                                                                        const std::string& commitmentId,
                                                                        const Halls& halls) {
  sql::Statement st(db,
                    "SELECT list_version, SUM(good), SUM(fair), SUM(poor) FROM count_version WHERE commitment_id = ?1" +
                        hallFilter(db, halls, 2) + " GROUP BY list_version ORDER BY list_version");
  st.bind(1, commitmentId);
  bindHalls(st, halls, 2);
  std::vector<std::pair<std::int64_t, wire::TallyCounts>> out;
  while (st.step()) out.push_back({st.columnInt(0), {st.columnInt(1), st.columnInt(2), st.columnInt(3)}});
  return out;
}

std::map<std::pair<std::string, std::string>, Adjustment> adjustments(sql::Database& db,
                                                                      const std::vector<DisputedRange>& ranges,
                                                                      const std::string& fromDay,
                                                                      const std::string& toDay) {
  std::map<std::pair<std::string, std::string>, Adjustment> out;
  for (auto& [key, touching] : rangesByCommitment(ranges, fromDay, toDay)) {
    Adjustment& a = out[key];
    a.ranges = std::move(touching);
    for (const HourRange& hours : disputedHours(a.ranges, key.first, key.second, fromDay, toDay))
      for (const CountPiece& piece : countPieces(hours)) {
        // Whole days from the day rows (every batch has them); a partly disputed day from the hour rows.
        sql::Statement st(
            db, piece.wholeDays ? "SELECT list_version, SUM(good), SUM(fair), SUM(poor) FROM count_day WHERE "
                                  "commitment_id = ?1 AND day BETWEEN ?2 AND ?3 AND hall = ?4 GROUP BY list_version"
                                : "SELECT list_version, SUM(good), SUM(fair), SUM(poor) FROM count_hour WHERE "
                                  "commitment_id = ?1 AND day BETWEEN ?2 AND ?3 AND hall = ?4 AND hour BETWEEN ?5 AND "
                                  "?6 GROUP BY list_version");
        st.bind(1, key.second).bind(2, piece.fromDay).bind(3, piece.toDay).bind(4, key.first);
        if (!piece.wholeDays) st.bind(5, std::int64_t{piece.fromHour}).bind(6, std::int64_t{piece.toHour});
        while (st.step()) {
          const wire::TallyCounts n{st.columnInt(1), st.columnInt(2), st.columnInt(3)};
          for (wire::TallyCounts* sum : {&a.disputed, &a.byVersion[st.columnInt(0)]}) {
            sum->good += n.good;
            sum->fair += n.fair;
            sum->poor += n.poor;
          }
        }
      }
  }
  return out;
}

std::vector<HourCounts> hourlyCounts(sql::Database& db, const std::string& hall, const std::string& commitmentId,
                                     const std::string& fromDay, const std::string& toDay) {
  sql::Statement st(db, R"sql(SELECT day, hour, SUM(good), SUM(fair), SUM(poor) FROM count_hour
                               WHERE hall = ?1 AND commitment_id = ?2 AND day BETWEEN ?3 AND ?4
                               GROUP BY day, hour ORDER BY day, hour)sql");
  st.bind(1, hall).bind(2, commitmentId).bind(3, fromDay).bind(4, toDay);
  std::vector<HourCounts> out;
  while (st.step())
    out.push_back(
        {st.columnText(0), static_cast<int>(st.columnInt(1)), {st.columnInt(2), st.columnInt(3), st.columnInt(4)}});
  return out;
}

std::vector<std::string> knownHalls(sql::Database& db) {
  sql::Statement st(db, R"sql(SELECT hall FROM list WHERE hall <> '*' UNION SELECT hall FROM kiosk
                              UNION SELECT DISTINCT hall FROM hall_day ORDER BY 1)sql");
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.columnText(0));
  return out;
}

std::vector<ListVersion> listVersions(sql::Database& db, const std::string& deployment, const std::string& hall) {
  sql::Statement st(db, R"sql(SELECT hall, version, envelope, received_unix, COALESCE(published_by, '') FROM list
                              WHERE deployment = ?1 AND (hall = ?2 OR hall = '*') ORDER BY id)sql");
  st.bind(1, deployment).bind(2, hall);
  std::vector<ListVersion> out;
  while (st.step())
    out.push_back({st.columnText(0), st.columnInt(1), st.columnText(2), st.columnInt(3), st.columnText(4)});
  return out;
}

std::vector<KioskStatus> kiosks(sql::Database& db) {
  std::vector<KioskStatus> out;
  sql::Statement st(db,
                    "SELECT kiosk_id, hall, last_seen_unix, heartbeat, clock_offset_s FROM kiosk ORDER BY kiosk_id");
  while (st.step())
    out.push_back({st.columnText(0), st.columnText(1), st.columnInt(2), st.columnText(3), st.columnInt(4)});
  return out;
}

std::vector<std::pair<std::string, std::string>> enrolledKiosks(sql::Database& db) {
  std::vector<std::pair<std::string, std::string>> out;
  sql::Statement st(db, "SELECT DISTINCT kiosk_id, halls FROM token WHERE role = 'kiosk' ORDER BY kiosk_id");
  while (st.step()) out.emplace_back(st.columnText(0), st.columnText(1));
  return out;
}

std::vector<std::string> adminKeyIds(sql::Database& db) {
  std::vector<std::string> out;
  sql::Statement st(db, "SELECT key_id FROM admin_key ORDER BY added_unix DESC, key_id");
  while (st.step()) out.push_back(st.columnText(0));
  return out;
}

std::optional<std::string> enrolledHall(sql::Database& db, const std::string& kioskId) {
  sql::Statement st(db, "SELECT halls FROM token WHERE role = 'kiosk' AND kiosk_id = ?1 LIMIT 1");
  if (!st.bind(1, kioskId).step()) return std::nullopt;
  return st.columnText(0);
}

std::optional<std::string> kioskKey(sql::Database& db, const std::string& kioskId) {
  sql::Statement st(db, "SELECT pem FROM kiosk_key WHERE kiosk_id = ?1");
  if (!st.bind(1, kioskId).step()) return std::nullopt;
  return st.columnText(0);
}

std::map<std::string, std::int64_t> kioskKeysRegistered(sql::Database& db) {
  std::map<std::string, std::int64_t> out;
  sql::Statement st(db, "SELECT kiosk_id, registered_unix FROM kiosk_key");
  while (st.step()) out[st.columnText(0)] = st.columnInt(1);
  return out;
}

}  // namespace hub::queries
