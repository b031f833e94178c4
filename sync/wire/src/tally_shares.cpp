#include "wire/tally_shares.hpp"

namespace wire {

TallyShares sharesOf(const TallyCounts& c) {
  const std::int64_t total = c.total();
  if (total <= 0) return {};
  const auto share = [total](std::int64_t n) { return static_cast<double>(n) / static_cast<double>(total); };
  return {share(c.good), share(c.fair + c.poor)};
}

}  // namespace wire
