// VotePolicy alone: the response interval runs from the last counted vote only.
#include <doctest/doctest.h>

#include "kiosk/core/vote_policy.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

TEST_CASE("filtered taps neither mark a commitment nor extend the interval") {
  ManualClock clock;
  VotePolicy policy(5s);
  CHECK(policy.judge("a", clock.now()) == Verdict::Counted);
  policy.remember("a", Verdict::Counted, clock.now());
  clock.advance(4s);
  CHECK(policy.judge("b", clock.now()) == Verdict::FilteredResponseInterval);
  policy.remember("b", Verdict::FilteredResponseInterval, clock.now());
  clock.advance(1s);
  CHECK(policy.judge("b", clock.now()) == Verdict::Counted);
  CHECK(policy.judge("a", clock.now()) == Verdict::FilteredRepeat);
  policy.newSession();
  CHECK(policy.judge("a", clock.now()) == Verdict::Counted);
}

TEST_CASE("a zero interval filters only repeats") {
  ManualClock clock;
  VotePolicy policy(0s);
  policy.remember("a", Verdict::Counted, clock.now());
  CHECK(policy.judge("b", clock.now()) == Verdict::Counted);
  CHECK(policy.judge("a", clock.now()) == Verdict::FilteredRepeat);
}
