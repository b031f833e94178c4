// RateLimiter: a token bucket per kiosk, with time passed in.
#include <doctest/doctest.h>

#include "hub/core/rate_limiter.hpp"

using hub::RateLimiter;

TEST_CASE("a burst up to the capacity passes, then the refill rate decides, per key") {
  RateLimiter limiter(100, 10);  // 100 rows at once, 10 rows a second after that
  CHECK_FALSE(limiter.take("k1", 60, 1000));
  CHECK_FALSE(limiter.take("k1", 40, 1000));
  CHECK(limiter.take("k1", 20, 1000) == 2);    // empty: 20 rows need 2 s
  CHECK_FALSE(limiter.take("k2", 100, 1000));  // another kiosk has its own bucket
  CHECK(limiter.take("k1", 20, 1001) == 1);    // refused requests take nothing
  CHECK_FALSE(limiter.take("k1", 20, 1002));
  CHECK_FALSE(limiter.take("k1", 100, 1100));  // refilled, never beyond the capacity
  CHECK(limiter.take("k1", 1, 1100) == 1);
}

TEST_CASE("a clock that steps back neither refills nor breaks the bucket") {
  RateLimiter limiter(10, 1);
  CHECK_FALSE(limiter.take("k", 10, 500));
  CHECK(limiter.take("k", 5, 400) == 5);
  CHECK(limiter.take("k", 5, 502) == 3);
  CHECK_FALSE(limiter.take("k", 5, 505));
}

TEST_CASE("what a refused request cost is owed: the same request again is refused before its cost is known") {
  RateLimiter limiter(100, 10);
  CHECK_FALSE(limiter.owedWait("k", 1000));  // nothing refused yet
  CHECK_FALSE(limiter.take("k", 100, 1000));
  CHECK_FALSE(limiter.owedWait("k", 1000));  // empty, but nothing refused: the next one is looked at
  CHECK(limiter.take("k", 80, 1000) == 8);
  CHECK(limiter.owedWait("k", 1000) == 8);  // the 80 it asked for, at 10 a second
  CHECK(limiter.owedWait("k", 1005) == 3);
  CHECK_FALSE(limiter.owedWait("k", 1008));  // it could pay now
  CHECK_FALSE(limiter.take("k", 80, 1008));  // and does: nothing owed any more
  CHECK_FALSE(limiter.owedWait("k", 1008));
  // Work done on something refused anyway (a body that did not parse) is charged: what the bucket
  // has, and the rest owed.
  limiter.charge("k", 5, 1010);  // 20 refilled, 5 charged
  CHECK(limiter.take("k", 16, 1010) == 1);
  limiter.charge("k", 500, 1010);  // more than it has: emptied, and 500 owed
  CHECK(limiter.owedWait("k", 1010) == 50);
}
