// PanelStore: a 评议会's panel, seats and ballots in console.db (SQLite, and PostgreSQL in its run) —
// a code counts one ballot, once, and only while the panel is open; counts never name a seat.
#include <doctest/doctest.h>

#include <set>

#include "hub/store/panel_store.hpp"
#include "store_under_test.hpp"
#include "temp_dir.hpp"

using hub::BallotOutcome;
using hub::PanelStore;
using hub::panel::Grade;

namespace {
constexpr std::int64_t kNow = 1'795'000'000;

std::int64_t makePanel(PanelStore& store) {
  hub::PanelInfo p;
  p.hall = "hall-01";
  p.title = "2026年下半年评议会";
  p.createdBy = "user:leader1";
  p.createdUnix = kNow;
  p.items = {"c-0102", "c-0101"};
  return store.create(p, {{0, "npc_deputy", "张代表"}, {0, "client", "李大姐"}, {0, "client", "王师傅"}},
                      {"1111111111", "2222222222", "3333333333"});
}
}  // namespace

TEST_CASE("a panel is stored with its commitments in order and its seats, codes kept as hashes") {
  testing::TempDir dir;
  testing::StoreUnderTest stores(dir.path());
  PanelStore store(stores.console());
  const auto id = makePanel(store);
  const auto p = store.panel(id);
  REQUIRE(p);
  CHECK(p->items == std::vector<std::string>{"c-0102", "c-0101"});
  CHECK(p->thresholdPermille == 300);
  CHECK(store.seats(id).size() == 3);
  CHECK(store.seats(id)[1].name == "李大姐");
  CHECK(store.issuedByCategory(id) == std::map<std::string, std::int64_t>{{"client", 2}, {"npc_deputy", 1}});
  CHECK(store.list(std::vector<std::string>{"hall-02"}).empty());
  CHECK(store.list(std::nullopt).size() == 1);
  const auto seat = store.findCode("2222222222");
  REQUIRE(seat);
  CHECK(seat->category == "client");
  CHECK_FALSE(seat->used);
  CHECK_FALSE(store.findCode("2222222223"));
}

TEST_CASE("a code counts one ballot once, the counts keep only categories, and a closed panel takes none") {
  testing::TempDir dir;
  testing::StoreUnderTest stores(dir.path());
  PanelStore store(stores.console());
  const auto id = makePanel(store);
  CHECK(store.cast("1111111111", {{"c-0101", Grade::Fair}, {"c-0102", std::nullopt}}, kNow + 5) ==
        BallotOutcome::Counted);
  CHECK(store.cast("1111111111", {{"c-0101", Grade::Good}, {"c-0102", Grade::Good}}, kNow + 6) ==
        BallotOutcome::AlreadyUsed);
  CHECK(store.cast("2222222222", {{"c-0101", Grade::Poor}, {"c-0102", Grade::FairlyGood}}, kNow + 7) ==
        BallotOutcome::Counted);
  CHECK(store.cast("9999999999", {{"c-0101", Grade::Poor}}, kNow + 7) == BallotOutcome::UnknownCode);
  const auto tally = store.tally(id);
  CHECK(tally.ballotsByCategory == std::map<std::string, std::int64_t>{{"client", 1}, {"npc_deputy", 1}});
  CHECK(tally.counts.at({"c-0101", "npc_deputy"}).byGrade[2] == 1);
  CHECK(tally.counts.at({"c-0102", "npc_deputy"}).skipped == 1);
  CHECK(tally.counts.at({"c-0101", "client"}).byGrade[3] == 1);
  CHECK(store.findCode("1111111111")->used);
  CHECK(store.seats(id)[0].usedUnix == kNow + 5);
  store.close(id, kNow + 100);
  CHECK(store.panel(id)->closedUnix == kNow + 100);
  CHECK(store.cast("3333333333", {{"c-0101", Grade::Good}}, kNow + 101) == BallotOutcome::Closed);
  CHECK_FALSE(store.findCode("3333333333")->used);
  CHECK(store.tally(id).ballotsByCategory.at("client") == 1);
}

TEST_CASE("a 互评 seat never counts a grade for its own commitment, and keeps its round's kind and unit") {
  testing::TempDir dir;
  testing::StoreUnderTest stores(dir.path());
  PanelStore store(stores.console());
  hub::PanelInfo p;
  p.hall = "hall-01";
  p.title = "党员互评";
  p.kind = hub::panel::Kind::Peer;
  p.unit = "区人社局";
  p.createdUnix = kNow;
  p.items = {"c-0101", "c-0102", "c-0103"};
  const auto id = store.create(
      p, {{0, "party_member", "王丽", 0, {"c-0101", "c-0102"}}, {0, "party_member", "赵刚", 0, {"c-0103"}}},
      {"4444444444", "5555555555"});
  const auto back = store.panel(id);
  REQUIRE(back);
  CHECK(back->kind == hub::panel::Kind::Peer);
  CHECK(back->unit == "区人社局");
  CHECK(store.seats(id)[0].ownItems == std::vector<std::string>{"c-0101", "c-0102"});
  const auto seat = store.findCode("4444444444");
  REQUIRE(seat);
  CHECK(seat->ballotItems() == std::vector<std::string>{"c-0103"});
  CHECK(store.cast("4444444444", {{"c-0103", Grade::Good}, {"c-0101", std::nullopt}}, kNow) ==
        BallotOutcome::OwnCommitment);
  CHECK_FALSE(store.findCode("4444444444")->used);
  CHECK(store.cast("4444444444", {{"c-0103", Grade::Good}}, kNow) == BallotOutcome::Counted);
  CHECK(store.tally(id).counts.count({"c-0101", "party_member"}) == 0);
}
