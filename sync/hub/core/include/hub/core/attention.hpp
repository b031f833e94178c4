// What the overview leads with: the satisfaction share's change against another period (环比,
// 同比) in percentage points, and the commitments and units that need attention first. Only
// counts with enough votes take part: a change or a ranking drawn from a handful of votes says
// nothing, and under the privacy floor it could say who voted how. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wire/tally_shares.hpp"

namespace hub {

struct ScoreChange {
  enum class Missing { None, NowTooFew, BeforeTooFew };
  Missing missing = Missing::None;
  double before = 0;  // the other period's satisfaction share (0–1), when both have enough votes
  double points = 0;  // now − before, in percentage points
};
// The change of the share of 好 from `before` to `now`; each needs at least `minVotes` votes.
ScoreChange satisfactionChange(const wire::TallyCounts& now, const wire::TallyCounts& before, std::int64_t minVotes);

struct Scored {
  std::string key;  // what the caller names it by
  wire::TallyCounts counts;
};
// Those with at least `minVotes` votes and any 一般 or 差, the highest share of 一般 and 差 first
// (ties: more votes first, then by key); at most `limit`.
std::vector<Scored> worstFirst(std::vector<Scored> items, std::int64_t minVotes, std::size_t limit);

}  // namespace hub
