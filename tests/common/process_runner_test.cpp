// runProcess: the updater's (and kioskctl's) one way to run dpkg, dpkg-deb and systemctl — arguments passed as they are
// (no shell), output collected, a program that hangs killed at its limit.
#include <doctest/doctest.h>

#include "common/process_runner.hpp"

using common::runProcess;

TEST_CASE("a program's exit status and output come back, its arguments untouched by any shell") {
  const auto r = runProcess({"printf", "%s|%s", "$(id)", "a b;c"}, std::chrono::seconds(30));
  CHECK(r.ok());
  CHECK(r.output == "$(id)|a b;c");
  const auto failed = runProcess({"sh", "-c", "echo nope >&2; exit 3"}, std::chrono::seconds(30));
  CHECK(failed.exitCode == 3);
  CHECK(failed.output == "nope\n");
}

TEST_CASE("a missing program and one past its time limit are failures that say so") {
  const auto missing = runProcess({"no-such-program-kiosk"}, std::chrono::seconds(30));
  CHECK_FALSE(missing.ok());
  CHECK(missing.output.find("no-such-program-kiosk") != std::string::npos);
  const auto hung = runProcess({"sleep", "120"}, std::chrono::seconds(1));
  CHECK(hung.timedOut);
  CHECK_FALSE(hung.ok());
}
