// AuditThrottle: the first event of a minute per address is written, the rest counted into one
// summary when the minute is over; memory stays bounded however many addresses flood.
#include <doctest/doctest.h>

#include "hub/console/audit_throttle.hpp"

using hub::console::AuditThrottle;

TEST_CASE("the first failure of a minute from an address is written, the rest summed up once it is over") {
  AuditThrottle t;
  const std::int64_t t0 = 1'795'000'000;
  CHECK(t.admit("login_failed", "203.0.113.9", t0));
  for (int i = 1; i < 100; ++i) CHECK_FALSE(t.admit("login_failed", "203.0.113.9", t0 + i % 60));
  CHECK(t.admit("login_failed", "198.51.100.7", t0 + 5));  // another address: its own entry
  CHECK(t.admit("login_locked", "203.0.113.9", t0 + 5));   // another action: its own entry
  CHECK(t.takeFinished(t0 + 59).empty());                  // nothing is over yet
  const auto done = t.takeFinished(t0 + 60);
  REQUIRE(done.size() == 1);  // the others counted nothing after their first
  CHECK(done[0].action == "login_failed");
  CHECK(done[0].address == "203.0.113.9");
  CHECK(done[0].fromUnix == t0);
  CHECK(done[0].more == 99);
  CHECK(t.takeFinished(t0 + 120).empty());  // each summary once
  // A minute found over by the next event: that event is written, the summary kept for later.
  CHECK(t.admit("login_failed", "203.0.113.9", t0 + 200));
  CHECK_FALSE(t.admit("login_failed", "203.0.113.9", t0 + 201));
  CHECK(t.admit("login_failed", "203.0.113.9", t0 + 300));
  const auto later = t.takeFinished(t0 + 300);
  REQUIRE(later.size() == 1);
  CHECK(later[0].fromUnix == t0 + 200);
  CHECK(later[0].more == 1);
  CHECK(t.takeFinished(t0 + 300, true).empty());  // this minute's first, nothing counted after it
}

TEST_CASE("a flood from more addresses than it keeps shares one key, and every event is counted") {
  AuditThrottle t;
  const std::int64_t t0 = 1'795'000'000;
  std::int64_t written = 0;
  const std::int64_t n = AuditThrottle::kMaxKeys + 5'000;
  for (std::int64_t i = 0; i < n; ++i) written += t.admit("login_failed", "addr-" + std::to_string(i), t0);
  std::int64_t counted = 0;
  for (const auto& s : t.takeFinished(t0, true)) counted += s.more;
  CHECK(written == static_cast<std::int64_t>(AuditThrottle::kMaxKeys) + 1);  // each kept address, and "*"
  CHECK(written + counted == n);
}
