// commitmentChanges: the fields that differ between two versions of a commitment, and only those.
#include <doctest/doctest.h>

#include "hub/core/commitment_changes.hpp"

using hub::commitmentChanges;

namespace {
wire::Commitment base() {
  wire::Commitment c;
  c.id = "c-0001";
  c.holder = {"王丽", wire::HolderKind::Person, "社保窗口 3 号", "区人社局"};
  c.term = wire::Term::Annual;
  c.title = "社保业务一次办好";
  c.text = "材料齐全当场办结。";
  c.valid_from = "2026-01-01";
  c.valid_to = "2026-12-31";
  return c;
}
}  // namespace

TEST_CASE("the same commitment republished unchanged has no changes") {
  CHECK(commitmentChanges(base(), base()).empty());
}

TEST_CASE("a reworded title, a new holder and a longer term are each named with before and after") {
  auto next = base();
  next.title = "社保业务一次办好（修订）";
  next.holder.name = "李强";
  next.term = wire::Term::LongTerm;
  next.valid_to = "2027-12-31";
  const auto changes = commitmentChanges(base(), next);
  REQUIRE(changes.size() == 4);
  CHECK(changes[0].field == "commitment");
  CHECK(changes[0].after == "社保业务一次办好（修订）");
  CHECK(changes[1].field == "holder");
  CHECK(changes[1].before == "王丽");
  CHECK(changes[2].field == "term");
  CHECK(changes[2].after == "long_term");
  CHECK(changes[3].field == "valid");
  CHECK(changes[3].after == "2026-01-01 — 2027-12-31");
}

TEST_CASE("citing a suggestion is a change the signer sees, with its number and text") {
  auto next = base();
  next.answers = {{12, "希望周末也能办"}};
  const auto changes = commitmentChanges(base(), next);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].field == "answers");
  CHECK(changes[0].before.empty());
  CHECK(changes[0].after == "12 希望周末也能办");
  CHECK(commitmentChanges(next, next).empty());
}
