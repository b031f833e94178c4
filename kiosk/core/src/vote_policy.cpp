#include "kiosk/core/vote_policy.hpp"

namespace kiosk {

bool isCounted(Verdict v) { return v == Verdict::Counted; }

Verdict VotePolicy::judge(const std::string& commitmentId, Instant now) const {
  // Repeat first: a second rating of the same commitment is a repeat whenever it happens.
  if (rated_.count(commitmentId) != 0) return Verdict::FilteredRepeat;
  if (lastCounted_ && now - *lastCounted_ < interval_) return Verdict::FilteredResponseInterval;
  return Verdict::Counted;
}

void VotePolicy::remember(const std::string& commitmentId, Verdict verdict, Instant now) {
  if (!isCounted(verdict)) return;  // filtered taps neither extend the interval nor mark anything
  lastCounted_ = now;
  rated_.insert(commitmentId);
}

}  // namespace kiosk
