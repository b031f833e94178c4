// The case sweeper: a sweep when allowed, errors logged and survived, a thread that sweeps at once
// and again after its interval, and stops promptly — polled with a deadline, never slept on.
#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "hub/jobs/case_sweeper.hpp"

using hub::CaseSweeper;

namespace {
bool within(std::chrono::seconds limit, const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::yield();  // between polls; the deadline bounds the wait
  }
  return true;
}
}  // namespace

TEST_CASE("a sweep runs when the hub leads, and a failed one is logged, not thrown") {
  int sweeps = 0;
  bool fail = false;
  std::string logged;
  CaseSweeper sweeper(
      [&] {
        if (fail) throw std::runtime_error("database is locked");
        ++sweeps;
      },
      std::chrono::minutes(5), [&](const std::string& line) { logged += line; });
  CHECK(sweeper.runOnce());
  CHECK_FALSE(sweeper.runOnce([] { return false; }));  // another hub leads
  CHECK(sweeps == 1);
  fail = true;
  CHECK_FALSE(sweeper.runOnce());
  CHECK(logged == "event=case_sweep_error reason=\"database is locked\"");
}

TEST_CASE("started, it sweeps at once and after each interval, and stops promptly") {
  std::atomic<int> sweeps{0};
  CaseSweeper sweeper([&] { ++sweeps; }, std::chrono::milliseconds(20), {});
  sweeper.start();
  CHECK(within(std::chrono::seconds(30), [&] { return sweeps.load() >= 3; }));
  const auto stopping = std::chrono::steady_clock::now();
  sweeper.stop();
  CHECK(std::chrono::steady_clock::now() - stopping < std::chrono::seconds(10));
  const int after = sweeps.load();
  CHECK(after >= 3);
  // A long interval does not hold stop(): the wait wakes on it.
  CaseSweeper slow([&] { ++sweeps; }, std::chrono::hours(1), {});
  slow.start();
  CHECK(within(std::chrono::seconds(30), [&] { return sweeps.load() > after; }));
  const auto t = std::chrono::steady_clock::now();
  slow.stop();
  CHECK(std::chrono::steady_clock::now() - t < std::chrono::seconds(10));
}
