// hub::selection: a holder's award by its kind, the weights a hall may set, and the ranking —
// the weighted score over the evaluations a candidate has, ties sharing a rank, candidates under
// the minimum of votes kept apart and never ranked.
#include <doctest/doctest.h>

#include "hub/core/selection.hpp"

using namespace hub::selection;

namespace {

Candidate candidate(const std::string& holder, Award award, std::int64_t good, std::int64_t poor,
                    std::optional<double> panel = std::nullopt, std::optional<double> peer = std::nullopt) {
  Candidate c;
  c.hall = "hall-01";
  c.award = award;
  c.holder = holder;
  c.votes = {good, 0, poor};
  c.panelGood = panel;
  c.peerGood = peer;
  return c;
}

}  // namespace

TEST_CASE("a member's and a post's commitments stand for a 示范岗, the others for their own award") {
  CHECK(awardFor(wire::HolderKind::Person) == Award::Post);
  CHECK(awardFor(wire::HolderKind::Post) == Award::Post);
  CHECK(awardFor(wire::HolderKind::Team) == Award::Team);
  CHECK(awardFor(wire::HolderKind::Unit) == Award::Unit);
  CHECK(awardFor(wire::HolderKind::Trade) == Award::Trade);
}

TEST_CASE("weights are whole percents adding up to 100, with a minimum of votes") {
  CHECK(Weights{}.valid());
  CHECK(Weights{100, 0, 0, 1}.valid());
  CHECK_FALSE(Weights{60, 30, 30, 30}.valid());
  CHECK_FALSE(Weights{-10, 60, 50, 30}.valid());
  CHECK_FALSE(Weights{60, 25, 15, 0}.valid());
}

TEST_CASE("candidates are scored over what they have, ranked within their award, the few never ranked") {
  std::vector<Candidate> c{
      candidate("甲", Award::Post, 80, 20),            // public only: 0.8
      candidate("乙", Award::Post, 60, 40, 1.0, 1.0),  // 0.6·60 + 1·25 + 1·15 = 0.76
      candidate("丙", Award::Post, 10, 0, 1.0, 1.0),   // 10 votes: under the minimum of 30
      candidate("丁", Award::Unit, 90, 10, 0.5),       // (0.9·60 + 0.5·25) / 85
      candidate("戊", Award::Post, 80, 20),            // the same as 甲: the same rank
  };
  rank(c, Weights{});
  REQUIRE(c.size() == 5);
  CHECK(c[0].holder == "甲");
  CHECK(c[0].rank == 1);
  CHECK(c[1].holder == "戊");
  CHECK(c[1].rank == 1);
  CHECK(c[2].holder == "乙");
  CHECK(c[2].rank == 3);
  CHECK(*c[2].score == doctest::Approx(0.76));
  CHECK(c[3].holder == "丙");
  CHECK(c[3].underMinimum);
  CHECK(c[3].rank == 0);
  CHECK_FALSE(c[3].score);
  CHECK(c[4].holder == "丁");
  CHECK(c[4].rank == 1);  // ranked among the units
  CHECK(*c[4].score == doctest::Approx((0.9 * 60 + 0.5 * 25) / 85));
  // Other weights, other order: the panels weigh most.
  rank(c, Weights{20, 70, 10, 5});
  CHECK(c[0].holder == "丙");  // 10 votes are enough now
  CHECK(c[0].rank == 1);
}
