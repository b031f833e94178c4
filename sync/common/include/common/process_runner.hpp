// Runs one program (the updater's dpkg, dpkg-query, dpkg-deb and systemctl; kioskctl's dpkg-deb)
// with its arguments as a vector — never through a shell, so nothing in a manifest or a path is
// ever interpreted — and collects what it printed, with a time limit after which it is killed.
// Plain function; any thread.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace common {

struct ProcessResult {
  int exitCode = -1;   // the program's exit status; -1 when it could not be started, was killed or timed out
  std::string output;  // stdout and stderr together, at most 64 KiB (the rest dropped)
  bool timedOut = false;
  bool ok() const { return exitCode == 0; }
};

// argv[0] is looked up in PATH. `limit`: killed (SIGKILL) after this long.
ProcessResult runProcess(const std::vector<std::string>& argv, std::chrono::seconds limit);

}  // namespace common
