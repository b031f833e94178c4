// A disk whose flush or write fails (fsync_fault): a vote whose COMMIT failed is refused, and it
// must never be counted later — not after the kiosk drops and reopens the database, not after the
// process dies with the failed frames still in the WAL, not after the next vote commits. Every
// acknowledged vote is kept. The fault hits each of the first calls in turn, since where it hits
// decides which frames reached the WAL.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "fsync_fault.hpp"
#include "kiosk/store/vote_store.hpp"
#include "temp_dir.hpp"

using namespace kiosk;
using namespace kiosk::store;
namespace fault = testing::fsync_fault;

namespace {

VoteRecord goodVote() { return {"c-0001", 7, "2026-11-21T09:00+08:00", Rating::Good, std::nullopt, true}; }

std::int64_t counted(const std::filesystem::path& file) {
  VoteStore s(file);
  std::int64_t n = 0;
  for (const auto& row : s.localTally()) n += row.n;
  return n;
}

// Records votes until one is refused (or `attempts` run out); returns how many were acknowledged.
int recordUntilRefused(VoteStore& s, int attempts) {
  int acknowledged = 0;
  for (int i = 0; i < attempts; ++i) {
    try {
      s.record(goodVote());
      ++acknowledged;
    } catch (const common::sql::Error&) {
      return acknowledged;
    }
  }
  return acknowledged;
}

constexpr fault::Call kCalls[] = {fault::Call::Flush, fault::Call::Write};

}  // namespace

TEST_CASE("a vote whose commit failed on fsync or write is not counted after the kiosk reopens the database") {
  for (const auto call : kCalls)
    for (int okCalls = 0; okCalls < 4; ++okCalls) {
      CAPTURE(call == fault::Call::Flush ? "flush" : "write");
      CAPTURE(okCalls);
      testing::TempDir dir;
      const auto file = dir / "kiosk.db";
      int acknowledged = 0;
      {
        VoteStore s(file);
        s.record(goodVote());
        acknowledged = 1;
        fault::failFrom(okCalls, call);
        acknowledged += recordUntilRefused(s, 10);
        REQUIRE(fault::failures() > 0);
        CHECK_FALSE(s.probeWritable());  // still failing: out of service holds
      }  // the app drops the store while the disk still fails (its close cannot checkpoint)
      fault::heal();
      CHECK(counted(file) == acknowledged);
    }
}

TEST_CASE("a vote whose commit failed on fsync or write is not counted when the process dies before anything else") {
  for (const auto call : kCalls)
    for (int okCalls = 0; okCalls < 4; ++okCalls) {
      CAPTURE(call == fault::Call::Flush ? "flush" : "write");
      CAPTURE(okCalls);
      testing::TempDir dir;
      const auto file = dir / "kiosk.db";
      const pid_t child = fork();
      REQUIRE(child >= 0);
      if (child == 0) {
        // As kill -9 would leave it: no destructor, no close, no checkpoint; the page cache keeps
        // whatever reached the WAL. The exit code says how many votes were acknowledged.
        auto* s = new VoteStore(file);
        s->record(goodVote());
        fault::failFrom(okCalls, call);
        const int acknowledged = 1 + recordUntilRefused(*s, 10);
        _exit(fault::failures() > 0 ? acknowledged : 100);
      }
      int status = 0;
      REQUIRE(waitpid(child, &status, 0) == child);
      REQUIRE(WIFEXITED(status));
      const int acknowledged = WEXITSTATUS(status);
      REQUIRE(acknowledged < 100);
      CHECK(counted(file) == acknowledged);
    }
}

TEST_CASE("after one failed flush the next vote commits and only the acknowledged ones count") {
  testing::TempDir dir;
  const auto file = dir / "kiosk.db";
  {
    VoteStore s(file);
    s.record(goodVote());
    fault::failOnceAfter(0);
    CHECK_THROWS_AS(s.record(goodVote()), common::sql::Error);
    CHECK(fault::failures() == 1);
    s.record(goodVote());  // the flush works again
    CHECK(s.probeWritable());
  }
  CHECK(counted(file) == 2);
}

TEST_CASE("out of service ends only once a flush succeeds, and the refused vote stays refused") {
  testing::TempDir dir;
  const auto file = dir / "kiosk.db";
  VoteStore s(file);
  s.record(goodVote());
  fault::failFrom(0);
  CHECK_THROWS_AS(s.record(goodVote()), common::sql::Error);
  CHECK_FALSE(s.probeWritable());
  fault::heal();
  CHECK(s.probeWritable());
  std::int64_t n = 0;
  for (const auto& row : s.localTally()) n += row.n;
  CHECK(n == 1);
}
