// Backoff: when the kiosk tries the hub again after a failure.
#include <doctest/doctest.h>

#include "sync/backoff.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

TEST_CASE("backoff: full jitter under a cap, at least Retry-After, reset by success") {
  sync::Backoff b(5s, 15min);
  CHECK(b.failed(1.0).count() == doctest::Approx(5.0));
  CHECK(b.failed(1.0).count() == doctest::Approx(10.0));
  CHECK(b.failed(0.0).count() == doctest::Approx(0.0));
  for (int i = 0; i < 20; ++i) b.failed(0.99);
  CHECK(b.failed(0.999).count() <= 900.0);
  CHECK(b.failed(0.0, sync::Backoff::Seconds(120)).count() == doctest::Approx(120.0));
  b.succeeded();
  CHECK(b.failures() == 0);
  CHECK(b.failed(1.0).count() == doctest::Approx(5.0));
}
