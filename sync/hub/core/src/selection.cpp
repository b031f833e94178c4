#include "hub/core/selection.hpp"

#include <algorithm>
#include <cmath>

namespace hub::selection {

std::string_view nameOf(Award a) {
  switch (a) {
    case Award::Post: return "post";
    case Award::Team: return "team";
    case Award::Unit: return "unit";
    case Award::Trade: return "trade";
  }
  return "post";
}

Award awardFor(wire::HolderKind kind) {
  switch (kind) {
    case wire::HolderKind::Person:
    case wire::HolderKind::Post: return Award::Post;
    case wire::HolderKind::Team: return Award::Team;
    case wire::HolderKind::Unit: return Award::Unit;
    case wire::HolderKind::Trade: return Award::Trade;
  }
  return Award::Post;
}

bool Weights::valid() const {
  const auto pct = [](std::int64_t v) { return v >= 0 && v <= 100; };
  return pct(publicPct) && pct(panelPct) && pct(peerPct) && publicPct + panelPct + peerPct == 100 && minVotes >= 1 &&
         minVotes <= 1'000'000;
}

void rank(std::vector<Candidate>& candidates, const Weights& w) {
  for (auto& c : candidates) {
    c.underMinimum = c.votes.total() < w.minVotes;
    c.score.reset();
    c.rank = 0;
    if (c.underMinimum) continue;
    double sum = static_cast<double>(w.publicPct) * wire::sharesOf(c.votes).satisfaction;
    std::int64_t weights = w.publicPct;
    if (c.panelGood) {
      sum += static_cast<double>(w.panelPct) * *c.panelGood;
      weights += w.panelPct;
    }
    if (c.peerGood) {
      sum += static_cast<double>(w.peerPct) * *c.peerGood;
      weights += w.peerPct;
    }
    c.score = weights > 0 ? sum / static_cast<double>(weights) : 0.0;
  }
  // By award, the ranked by score (best first), then those under the minimum by their votes.
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.award != b.award) return a.award < b.award;
    if (a.underMinimum != b.underMinimum) return !a.underMinimum;
    if (a.score && b.score && *a.score != *b.score) return *a.score > *b.score;
    return a.votes.total() > b.votes.total();
  });
  std::size_t start = 0;  // the first candidate of the award being ranked
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    auto& c = candidates[i];
    if (i == 0 || candidates[i - 1].award != c.award) start = i;
    if (c.underMinimum) continue;
    // Scores equal to a thousandth of a point share a rank: the report shows them to that precision.
    const bool tie = i > start && candidates[i - 1].score &&
                     std::round(*candidates[i - 1].score * 100000) == std::round(*c.score * 100000);
    c.rank = tie ? candidates[i - 1].rank : static_cast<std::int64_t>(i - start) + 1;
  }
}

}  // namespace hub::selection
