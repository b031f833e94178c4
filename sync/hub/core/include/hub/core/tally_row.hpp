// A row of counted votes as every report reads it: a hall, a commitment (or none, grouped by
// hall), the three ratings and the filtered taps, and the list version when grouped by it. Plain
// value types; thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace hub {

struct TallyRow {
  std::string hall;
  std::string commitmentId;  // empty when grouped by hall
  std::int64_t good = 0, fair = 0, poor = 0, filtered = 0;
  std::int64_t listVersion = 0;  // grouped by version: the list the kiosk showed (0: not recorded)
  std::int64_t total() const { return good + fair + poor; }
};

// Rows per commitment, per hall, or per commitment and the list version its votes were given under.
enum class TallyGroup { Commitment, Hall, CommitmentVersion };

}  // namespace hub
