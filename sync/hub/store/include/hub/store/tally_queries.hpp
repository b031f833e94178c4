// The hub's read queries (vote aggregates, lists, kiosks, tokens), as free functions of a
// connection: the ingest connection and the reader lane's read-only connections run the same SQL. Days are
// "YYYY-MM-DD" in each hall's local time, inclusive; `halls` absent means every hall. Each call
// uses only the connection it is given (one thread at a time per connection).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "hub/core/disputes.hpp"
#include "hub/store/hub_store.hpp"
#include "wire/tally_shares.hpp"

namespace hub::queries {

using Halls = std::optional<std::vector<std::string>>;

// Which channels' votes a tally counts (tally_row.hpp): all, or `only` one; with `split`, a row per
// channel (TallyRow::channel).
struct ChannelScope {
  std::optional<std::string> only = std::nullopt;
  bool split = false;
};

std::vector<TallyRow> tallies(common::sql::Database& db, const std::string& fromDay, const std::string& toDay,
                              const Halls& halls, TallyGroup group, const ChannelScope& channels = {});

// One commitment's counts (summed over `halls`).
TallyRow commitmentTally(common::sql::Database& db, const std::string& commitmentId, const std::string& fromDay,
                         const std::string& toDay, const Halls& halls);

struct DayTotals {
  std::string day;
  std::int64_t good = 0, fair = 0, poor = 0, filtered = 0;
};
// Per day with any count; for one commitment when `commitmentId` is set.
std::vector<DayTotals> dailyTotals(common::sql::Database& db, const std::string& fromDay, const std::string& toDay,
                                   const Halls& halls, const std::optional<std::string>& commitmentId = {});

struct HourOfWeek {
  int weekday = 0;  // 0 = Monday … 6 = Sunday
  int hour = 0;     // 0–23, hall local time
  std::int64_t good = 0, fair = 0, poor = 0;
};
// Counted votes by weekday × hour of the day (from the hourly aggregates).
std::vector<HourOfWeek> hourOfWeek(common::sql::Database& db, const std::string& fromDay, const std::string& toDay,
                                   const Halls& halls);

// Reasons given with 差 for one commitment, most frequent first.
std::vector<std::pair<std::string, std::int64_t>> poorReasons(common::sql::Database& db,
                                                              const std::string& commitmentId,
                                                              const std::string& fromDay, const std::string& toDay,
                                                              const Halls& halls);

// One commitment's counts by the list version the kiosks showed when it was rated, all time,
// summed over `halls`; version 0 holds the counts from before versions were recorded.
std::vector<std::pair<std::int64_t, wire::TallyCounts>> countsByVersion(common::sql::Database& db,
                                                                        const std::string& commitmentId,
                                                                        const Halls& halls);

// Raw versus adjusted: for each (hall, commitment) that a disputed range touches within
// [fromDay, toDay], the counts in its disputed hours (overlaps counted once) and those ranges.
struct Adjustment {
  wire::TallyCounts disputed;
  std::map<std::int64_t, wire::TallyCounts> byVersion;  // the disputed counts by list version
  std::vector<DisputedRange> ranges;
};
std::map<std::pair<std::string, std::string>, Adjustment> adjustments(common::sql::Database& db,
                                                                      const std::vector<DisputedRange>& ranges,
                                                                      const std::string& fromDay,
                                                                      const std::string& toDay);

// One commitment's counts in one hall by day and hour (hall local time), for the hours with any;
// only batches since hub.db v7 have them.
struct HourCounts {
  std::string day;
  int hour = 0;
  wire::TallyCounts counts;
};
std::vector<HourCounts> hourlyCounts(common::sql::Database& db, const std::string& hall,
                                     const std::string& commitmentId, const std::string& fromDay,
                                     const std::string& toDay);

// Every hall that has a published list or any counts, sorted.
std::vector<std::string> knownHalls(common::sql::Database& db);

struct ListVersion {
  std::string hall;
  std::int64_t version = 0;
  std::string envelope;
  std::int64_t receivedUnix = 0;
  std::string publishedBy;  // "user:li", "token:3f2a…", "" for lists from before hub.db v5
};
// Every published list addressed to `hall` or to every hall ("*"), oldest first.
std::vector<ListVersion> listVersions(common::sql::Database& db, const std::string& deployment,
                                      const std::string& hall);

// The most recently published list for `hall`, whether addressed to it or to every hall ("*").
std::optional<StoredList> currentList(common::sql::Database& db, const std::string& deployment,
                                      const std::string& hall);
std::optional<Principal> principalFor(common::sql::Database& db, const std::string& tokenHash);

std::vector<KioskStatus> kiosks(common::sql::Database& db);
// The ids of the administrator keys the hub trusts, the most recently added first.
std::vector<std::string> adminKeyIds(common::sql::Database& db);
std::vector<std::pair<std::string, std::string>> enrolledKiosks(common::sql::Database& db);
// The hall an enrolled kiosk belongs to; nullopt if it is not enrolled (or was revoked).
std::optional<std::string> enrolledHall(common::sql::Database& db, const std::string& kioskId);
// The kiosk's registered signing key (PEM), if it registered one.
std::optional<std::string> kioskKey(common::sql::Database& db, const std::string& kioskId);
// Kiosks that registered a batch-signing key, with when.
std::map<std::string, std::int64_t> kioskKeysRegistered(common::sql::Database& db);

}  // namespace hub::queries
