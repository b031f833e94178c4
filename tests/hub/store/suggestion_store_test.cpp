// SuggestionStore: a hall's 征求意见 periods and suggestions in console.db (SQLite, and PostgreSQL in
// its run) — taken only while a period is open, decided once, merged only into an accepted one of the
// same hall, and what a list may cite is exactly the accepted ones.
#include <doctest/doctest.h>

#include "hub/store/suggestion_store.hpp"
#include "store_under_test.hpp"
#include "temp_dir.hpp"

using hub::DecisionOutcome;
using hub::SuggestionState;
using hub::SuggestionStore;
using Add = hub::SuggestionStore::AddOutcome;

namespace {
constexpr std::int64_t kNow = 1'795'000'000;
constexpr std::int64_t kWeek = 7 * 86'400;
}  // namespace

TEST_CASE("suggestions are taken only while the hall's period is open") {
  testing::TempDir dir;
  testing::StoreUnderTest stores(dir.path());
  SuggestionStore store(stores.console());
  CHECK(store.add("hall-01", "区人社局", "周末也开放", false, "hall-01-k1", kNow).outcome == Add::NoPeriod);
  CHECK_FALSE(store.latestPeriod("hall-01"));

  const auto period = store.openPeriod("hall-01", "2027年度承诺征求意见", kNow + kWeek, "2026-11-20", "clerk1", kNow);
  CHECK(period.takesSuggestions(kNow));
  CHECK_THROWS_AS(store.openPeriod("hall-01", "又一次", kNow + kWeek, "2026-11-20", "clerk1", kNow + 1),
                  std::invalid_argument);
  CHECK_THROWS_AS(store.openPeriod("hall-02", "已过期", kNow - 1, "2026-11-01", "clerk1", kNow), std::invalid_argument);

  const auto added = store.add("hall-01", "区人社局", "周末也开放", false, "hall-01-k1", kNow + 10);
  REQUIRE(added.outcome == Add::Added);
  CHECK(store.add("hall-02", "", "别的厅", false, "poster", kNow).outcome == Add::NoPeriod);  // its own period
  // Past the closing moment nothing more is taken, and a new period may be opened.
  CHECK(store.add("hall-01", "", "晚了", false, "hall-01-k1", kNow + kWeek).outcome == Add::NoPeriod);
  CHECK_NOTHROW(store.openPeriod("hall-01", "补充征求", kNow + 2 * kWeek, "2026-11-20", "clerk1", kNow + kWeek));
  CHECK(store.closePeriod("hall-01", kNow + kWeek + 5));
  CHECK_FALSE(store.closePeriod("hall-01", kNow + kWeek + 6));  // closed already
  CHECK(store.add("hall-01", "", "关了", false, "hall-01-k1", kNow + kWeek + 7).outcome == Add::NoPeriod);

  const auto kept = store.get(added.number);
  REQUIRE(kept);
  CHECK(kept->text == "周末也开放");
  CHECK(kept->about == "区人社局");
  CHECK(kept->source == "hall-01-k1");
  CHECK(kept->state == SuggestionState::New);
  CHECK(kept->period == period.id);
}

TEST_CASE("a suggestion is accepted, merged or rejected once, and only accepted ones may be cited") {
  testing::TempDir dir;
  testing::StoreUnderTest stores(dir.path());
  SuggestionStore store(stores.console());
  store.openPeriod("hall-01", "征求意见", kNow + kWeek, "2026-11-20", "clerk1", kNow);
  store.openPeriod("hall-02", "征求意见", kNow + kWeek, "2026-11-20", "clerk2", kNow);
  const auto a = store.add("hall-01", "区人社局", "周末也开放", false, "k1", kNow).number;
  const auto b = store.add("hall-01", "区人社局", "周六能办社保", false, "k1", kNow).number;
  const auto c = store.add("hall-01", "", "窗口人员太少", false, "poster", kNow).number;
  const auto d = store.add("hall-01", "", "骂人的话", true, "k1", kNow).number;
  const auto other = store.add("hall-02", "", "另一个厅", false, "k9", kNow).number;
  CHECK(store.waiting({"hall-01"}) == 4);
  CHECK(store.waiting({"hall-01", "hall-02"}) == 5);

  CHECK(store.decide(b, {SuggestionState::Merged, "", a}, "clerk1", kNow) == DecisionOutcome::BadMergeTarget);
  CHECK(store.decide(a, {SuggestionState::Accepted, "", 0}, "clerk1", kNow) == DecisionOutcome::Done);
  CHECK(store.decide(a, {SuggestionState::Rejected, "重复", 0}, "clerk1", kNow) == DecisionOutcome::AlreadyDecided);
  CHECK(store.decide(b, {SuggestionState::Merged, "", a}, "clerk1", kNow) == DecisionOutcome::Done);
  CHECK(store.decide(other, {SuggestionState::Merged, "", a}, "clerk2", kNow) == DecisionOutcome::BadMergeTarget);
  CHECK(store.decide(c, {SuggestionState::Rejected, "", 0}, "clerk1", kNow) == DecisionOutcome::NeedsReason);
  CHECK(store.decide(c, {SuggestionState::Rejected, "不属于本次承诺范围", 0}, "clerk1", kNow) == DecisionOutcome::Done);
  CHECK(store.decide(999, {SuggestionState::Accepted, "", 0}, "clerk1", kNow) == DecisionOutcome::NotFound);

  CHECK(store.citable("hall-01") == std::map<std::int64_t, std::string>{{a, "周末也开放"}});
  CHECK(store.citable("hall-02").empty());
  CHECK(store.mergedCounts("hall-01") == std::map<std::int64_t, std::int64_t>{{a, 1}});
  CHECK(store.get(c)->reason == "不属于本次承诺范围");
  CHECK(store.get(c)->decidedBy == "clerk1");
  CHECK(store.get(d)->flagged);
  CHECK(store.waiting({"hall-01"}) == 1);
  const auto fresh = store.ofHall("hall-01", SuggestionState::New, 10);
  REQUIRE(fresh.size() == 1);
  CHECK(fresh[0].number == d);
  CHECK(store.ofHall("hall-01", std::nullopt, 10).front().number == d);  // newest first
  CHECK(store.ofHall("hall-01", std::nullopt, 2).size() == 2);
}

TEST_CASE("a period takes at most its maximum of suggestions, and refuses the next with nothing stored") {
  testing::TempDir dir;
  testing::StoreUnderTest stores(dir.path());
  SuggestionStore store(stores.console(), 2);
  store.openPeriod("hall-01", "征求意见", kNow + kWeek, "2026-11-20", "clerk1", kNow);
  CHECK(store.add("hall-01", "", "一", false, "k1", kNow).outcome == Add::Added);
  CHECK(store.add("hall-01", "", "二", false, "k1", kNow).outcome == Add::Added);
  CHECK(store.add("hall-01", "", "三", false, "k1", kNow).outcome == Add::Full);
  CHECK(store.ofHall("hall-01", std::nullopt, 10).size() == 2);
}

TEST_CASE("the suggestions received in a span, of the halls asked, oldest first and bounded") {
  testing::TempDir dir;
  testing::StoreUnderTest stores(dir.path());
  SuggestionStore store(stores.console());
  store.openPeriod("hall-01", "征求意见", kNow + kWeek, "2026-11-20", "clerk1", kNow);
  store.openPeriod("hall-02", "征求意见", kNow + kWeek, "2026-11-20", "clerk2", kNow);
  const auto before = store.add("hall-01", "", "早", false, "k1", kNow).number;
  const auto a = store.add("hall-01", "", "甲", false, "k1", kNow + 100).number;
  const auto b = store.add("hall-02", "", "乙", false, "k2", kNow + 200).number;
  const auto c = store.add("hall-01", "", "丙", false, "k1", kNow + 300).number;
  store.add("hall-01", "", "晚", false, "k1", kNow + 1000);
  const auto numbers = [](const std::vector<hub::Suggestion>& list) {
    std::vector<std::int64_t> out;
    for (const auto& s : list) out.push_back(s.number);
    return out;
  };
  CHECK(numbers(store.receivedBetween({"hall-02", "hall-01"}, kNow + 1, kNow + 1000, 10)) ==
        std::vector<std::int64_t>{a, b, c});
  CHECK(numbers(store.receivedBetween({"hall-01"}, kNow, kNow + 1000, 10)) == std::vector<std::int64_t>{before, a, c});
  CHECK(store.receivedBetween({"hall-01", "hall-02"}, kNow, kNow + 1000, 2).size() == 2);
  CHECK(store.receivedBetween({"hall-03"}, kNow, kNow + 1000, 10).empty());
}
