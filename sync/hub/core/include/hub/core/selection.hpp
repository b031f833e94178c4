// The yearly 评选 (issue 28 §4): which award a holder is a candidate for (示范岗 / 示范团队 /
// 示范单位 / 示范行业), the weights a hall sets, and how candidates are scored and ranked — each
// evaluation kept in its own figure, the weighted score only over the evaluations a candidate has,
// and a candidate under the hall's minimum of public votes marked and never ranked. Pure;
// thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wire/commitment_list.hpp"
#include "wire/tally_shares.hpp"

namespace hub::selection {

enum class Award { Post, Team, Unit, Trade };
inline constexpr std::array<Award, 4> kAwards{Award::Post, Award::Team, Award::Unit, Award::Trade};
std::string_view nameOf(Award a);  // "post", "team", "unit", "trade": the words' keys
// A party member's own commitment and a post's both stand for a 示范岗 (the post a member holds).
Award awardFor(wire::HolderKind kind);

// What a hall weighs, in whole percent (summing to 100), and the fewest public votes in the year
// that let a candidate be ranked.
struct Weights {
  std::int64_t publicPct = 60, panelPct = 25, peerPct = 15;
  std::int64_t minVotes = 30;
  bool valid() const;  // each 0–100, summing to 100; minVotes 1–1,000,000
};

struct Candidate {
  std::string hall;
  Award award = Award::Post;
  std::string holder, unit;
  std::int64_t commitments = 0;
  wire::TallyCounts votes;          // the public's, over the year
  std::optional<double> panelGood;  // 评议会: 好 and 较好 among the graded, where shown
  std::int64_t panelGraded = 0;
  std::optional<double> peerGood;    // 党员互评: the same, where shown
  std::vector<std::string> reviews;  // 领导点评 of the candidate's unit in the year, oldest first
  std::int64_t casesOpened = 0, casesClosed = 0, casesOnTime = 0;
  // Filled by rank():
  bool underMinimum = false;
  std::optional<double> score;  // 0–1; nothing when under the minimum
  std::int64_t rank = 0;        // 1, 2, … within the award (ties share one); 0 when not ranked
};

// Scores each candidate over the evaluations it has — public satisfaction, the panel's and the
// members' good shares, weighted and the weights renormalised over those present — and ranks them
// within their award, best first; candidates under the minimum keep score and rank empty and go
// after the ranked ones. The order of `candidates` becomes the report's.
void rank(std::vector<Candidate>& candidates, const Weights& weights);

}  // namespace hub::selection
