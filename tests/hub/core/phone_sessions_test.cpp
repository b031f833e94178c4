// Phone sessions: admitted by a code within its limits, resumed by their cookie, bounded per code,
// per session and per address, forgotten when they end; time injected.
#include <doctest/doctest.h>

#include "hub/core/phone_sessions.hpp"

using hub::PhoneAdmission;
using hub::PhoneLimits;
using hub::PhoneSessions;

namespace {
constexpr std::int64_t kNow = 1'795'000'000;
PhoneLimits limits() {
  PhoneLimits l;
  l.sessionSeconds = 900;
  l.votesPerSession = 2;
  l.requestsPerAddressPerMinute = 3;
  return l;
}
}  // namespace

TEST_CASE("a code opens sessions up to its limit, and a known cookie resumes its own session only") {
  PhoneSessions sessions(limits());
  const auto first = sessions.admit("k1/n1", "k1", "hall-01", "", "s1", 2, kNow);
  REQUIRE(first.outcome == PhoneAdmission::Opened);
  CHECK(first.session->hall == "hall-01");
  CHECK(sessions.admit("k1/n1", "k1", "hall-01", "s1", "s9", 2, kNow + 5).outcome == PhoneAdmission::Resumed);
  CHECK(sessions.admit("k1/n1", "k1", "hall-01", "", "s2", 2, kNow).outcome == PhoneAdmission::Opened);
  CHECK(sessions.admit("k1/n1", "k1", "hall-01", "", "s3", 2, kNow).outcome == PhoneAdmission::CodeUsedUp);
  // Another code's cookie does not resume here: a new session, counted against this code.
  CHECK(sessions.admit("k1/n2", "k1", "hall-01", "s1", "s4", 2, kNow).outcome == PhoneAdmission::Opened);
  CHECK(sessions.find("s1", "k1/n1", kNow)->id == "s1");
  CHECK_FALSE(sessions.find("s1", "k1/n2", kNow));
  CHECK_FALSE(sessions.find("s1", "k1/n1", kNow + 900));  // ended
  CHECK_FALSE(sessions.find("nope", "k1/n1", kNow));
}

TEST_CASE("a session rates each commitment once in its count, and only while it lives") {
  PhoneSessions sessions(limits());
  REQUIRE(sessions.admit("k1/n1", "k1", "hall-01", "", "s1", 5, kNow).outcome == PhoneAdmission::Opened);
  CHECK(sessions.noteVote("s1", "c-1", kNow));
  CHECK(sessions.noteVote("s1", "c-1", kNow));  // the same again: the database says duplicate
  CHECK(sessions.noteVote("s1", "c-2", kNow));
  CHECK_FALSE(sessions.noteVote("s1", "c-3", kNow));  // two per session here
  CHECK(sessions.find("s1", "k1/n1", kNow)->voted.size() == 2);
  CHECK_FALSE(sessions.noteVote("s1", "c-1", kNow + 901));
  CHECK_FALSE(sessions.noteVote("unknown", "c-1", kNow));
}

TEST_CASE("an address makes its requests a minute, then waits for the next minute") {
  PhoneSessions sessions(limits());
  const std::int64_t minute = kNow - kNow % 60;
  for (int i = 0; i < 3; ++i) CHECK(sessions.allowRequest("203.0.113.9", minute + i));
  CHECK_FALSE(sessions.allowRequest("203.0.113.9", minute + 10));
  CHECK(sessions.allowRequest("198.51.100.1", minute + 10));  // another address
  CHECK(sessions.allowRequest("203.0.113.9", minute + 60));
}

TEST_CASE("the sessions held are bounded: a full table is pruned of ended sessions, else refuses") {
  PhoneLimits l = limits();
  l.maxSessions = 2;
  l.maxAddresses = 1;
  PhoneSessions sessions(l);
  CHECK(sessions.admit("k/a", "k", "h", "", "s1", 5, kNow).outcome == PhoneAdmission::Opened);
  CHECK(sessions.admit("k/b", "k", "h", "", "s2", 5, kNow).outcome == PhoneAdmission::Opened);
  CHECK(sessions.admit("k/c", "k", "h", "", "s3", 5, kNow + 10).outcome == PhoneAdmission::Full);
  CHECK(sessions.admit("k/c", "k", "h", "", "s3", 5, kNow + 900).outcome == PhoneAdmission::Opened);
  CHECK(sessions.sessionCount() == 1);
  CHECK(sessions.allowRequest("a", kNow));
  CHECK_FALSE(sessions.allowRequest("b", kNow));  // a flood from everywhere is refused, not stored
}

TEST_CASE("a poster's sessions are counted per day: used up today, open again a day after the first") {
  PhoneSessions sessions(limits());
  CHECK(sessions.admit("poster/p.x", "poster", "hall-01", "", "s1", 2, kNow).outcome == PhoneAdmission::Opened);
  CHECK(sessions.admit("poster/p.x", "poster", "hall-01", "", "s2", 2, kNow + 3600).outcome == PhoneAdmission::Opened);
  CHECK(sessions.admit("poster/p.x", "poster", "hall-01", "", "s3", 2, kNow + 86'399).outcome ==
        PhoneAdmission::CodeUsedUp);
  CHECK(sessions.admit("poster/p.x", "poster", "hall-01", "", "s4", 2, kNow + 86'400).outcome ==
        PhoneAdmission::Opened);
  CHECK(sessions.admit("poster/p.x", "poster", "hall-01", "", "s5", 2, kNow + 86'401).outcome ==
        PhoneAdmission::Opened);
  CHECK(sessions.admit("poster/p.x", "poster", "hall-01", "", "s6", 2, kNow + 86'402).outcome ==
        PhoneAdmission::CodeUsedUp);
}

TEST_CASE("a session leaves a few suggestions, and none once it is over") {
  hub::PhoneLimits limits;
  limits.suggestionsPerSession = 2;
  hub::PhoneSessions sessions(limits);
  const std::int64_t now = 1'795'000'000;
  REQUIRE(sessions.admit("k1/n1", "k1", "hall-01", "", "s1", 5, now).outcome == hub::PhoneAdmission::Opened);
  CHECK(sessions.noteSuggestion("s1", now));
  CHECK(sessions.noteSuggestion("s1", now + 1));
  CHECK_FALSE(sessions.noteSuggestion("s1", now + 2));  // its two are used
  CHECK_FALSE(sessions.noteSuggestion("nobody", now));
  REQUIRE(sessions.admit("k1/n1", "k1", "hall-01", "", "s2", 5, now).outcome == hub::PhoneAdmission::Opened);
  CHECK_FALSE(sessions.noteSuggestion("s2", now + limits.sessionSeconds + 1));  // expired
}
