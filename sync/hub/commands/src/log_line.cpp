// The commands' clock and structured log lines.
#include "hub/commands/commands.hpp"

#include <cstdio>
#include <ctime>
#include <iostream>

#include "common/iso_time.hpp"

namespace fs = std::filesystem;

namespace hub::commands {

std::int64_t unixNow() { return static_cast<std::int64_t>(std::time(nullptr)); }

// Structured log lines on stderr: "ts=2026-11-21T10:00:00Z level=info event=... ...". One event,
// one line: control characters in a field (a database's multi-line error, a peer's bytes) are
// written as \n, \r, \t or \xNN, so nothing read from outside can start a forged line.
void logLine(const std::string& fields) {
  std::string line;
  line.reserve(fields.size());
  for (const char c : fields) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') line += "\\n";
    else if (c == '\r') line += "\\r";
    else if (c == '\t') line += "\\t";
    else if (u < 0x20 || u == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", u);
      line += hex;
    } else {
      line += c;
    }
  }
  std::cerr << "ts=" << common::isoUtcTimestamp(unixNow()) << " level=info " << line << "\n" << std::flush;
}

}  // namespace hub::commands
