// poster_store: printed posters in hub.db (SQLite, and PostgreSQL in its run) — valid until they
// expire or are withdrawn, one in force per commitment, issued all or nothing; time injected.
#include <doctest/doctest.h>

#include <stdexcept>

#include "hub/store/hub_store.hpp"
#include "hub/store/poster_store.hpp"
#include "store_under_test.hpp"
#include "temp_dir.hpp"

using hub::poster_store::Poster;
namespace posters = hub::poster_store;

namespace {
constexpr std::int64_t kNow = 1'795'000'000;
Poster poster(const std::string& code, const std::string& commitment, std::int64_t days = 30) {
  return {code, "hall-01", commitment, kNow, kNow + days * 86'400, "user:staff1"};
}
}  // namespace

TEST_CASE("a poster is valid until it expires or is withdrawn, and a new one withdraws the old") {
  testing::TempDir dir;
  testing::StoreUnderTest stores(dir.path());
  hub::HubStore store(stores.hub());
  auto& db = store.database();
  posters::issue(db, {poster("p.A", "c-0101"), poster("p.B", "c-0102", 1)}, kNow);
  const auto a = posters::findValid(db, "p.A", kNow);
  REQUIRE(a);
  CHECK(a->commitmentId == "c-0101");
  CHECK(a->issuedBy == "user:staff1");
  CHECK(posters::inForce(db, "hall-01", kNow).size() == 2);
  CHECK(posters::inForce(db, "hall-02", kNow).empty());
  // Expired: the day after its one day.
  CHECK(posters::findValid(db, "p.B", kNow + 86'399));
  CHECK_FALSE(posters::findValid(db, "p.B", kNow + 86'400));
  CHECK(posters::inForce(db, "hall-01", kNow + 86'400).size() == 1);
  // Issued again: the old code stops, the new one is the one in force.
  posters::issue(db, {poster("p.C", "c-0101")}, kNow + 10);
  CHECK_FALSE(posters::findValid(db, "p.A", kNow + 10));
  CHECK(posters::findValid(db, "p.C", kNow + 10));
  const auto inForce = posters::inForce(db, "hall-01", kNow + 10);
  REQUIRE(inForce.size() == 2);
  CHECK(inForce[0].code == "p.C");
  // Withdrawn: gone; withdrawing again changes nothing.
  CHECK(posters::withdraw(db, "hall-01", "c-0101", kNow + 20) == 1);
  CHECK_FALSE(posters::findValid(db, "p.C", kNow + 20));
  CHECK(posters::withdraw(db, "hall-01", "c-0101", kNow + 20) == 0);
  CHECK_FALSE(posters::findValid(db, "p.nope", kNow));
}

TEST_CASE("posters are issued all or nothing: a code used twice stores none of the batch") {
  testing::TempDir dir;
  testing::StoreUnderTest stores(dir.path());
  hub::HubStore store(stores.hub());
  auto& db = store.database();
  posters::issue(db, {poster("p.A", "c-0101")}, kNow);
  CHECK_THROWS(posters::issue(db, {poster("p.D", "c-0102"), poster("p.A", "c-0103")}, kNow + 5));
  CHECK_FALSE(posters::findValid(db, "p.D", kNow + 5));
  CHECK(posters::findValid(db, "p.A", kNow + 5));  // the one in force is kept
  CHECK(posters::inForce(db, "hall-01", kNow + 5).size() == 1);
}
