// 你评我改 (GET /api/v1/results): satisfaction per commitment over the hub's recent window, only for
// commitments above the public minimum, with the outcome of each one's latest closed
// rectification. Encoded by the hub, parsed by the kiosk, which shows it on the detail screen.
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace wire {

struct CommitmentResult {
  std::string id;
  std::int64_t total = 0;     // counted votes in [from, to]
  double satisfaction = 0.0;  // good / total, 0..1
  std::string from, to;       // YYYY-MM-DD, inclusive
  std::string outcome;        // what the latest closed case recorded; "" if none
};

struct ResultsBoard {
  std::string hall;
  std::string from, to;
  std::vector<CommitmentResult> results;  // sorted by id after parsing, so find() can bisect

  const CommitmentResult* find(std::string_view commitmentId) const;
  // Whole days in the window (90 for 2026-08-29 .. 2026-11-26), 0 when from/to are missing.
  std::int64_t windowDays() const;
};

class ResultsError : public std::runtime_error {
 public:
  ResultsError(const std::string& field, const std::string& problem)
      : std::runtime_error(field.empty() ? problem : "results." + field + ": " + problem) {}
};

inline constexpr std::size_t kMaxOutcomeBytes = 2000;  // the console's limit on a case's closing note

std::string encodeResults(const ResultsBoard& board);
// Checks every field (ids as in lists, days as YYYY-MM-DD, satisfaction in 0..1, outcome at most
// kMaxOutcomeBytes) and throws ResultsError naming the first bad one; text that is not UTF-8 is
// refused by the JSON parser already. Unknown fields are ignored.
ResultsBoard parseResults(std::string_view json);

// What a kiosk may show: the entries with at least `minimum` votes. The hub already leaves smaller
// ones out; the kiosk applies its own floor as well, so a hub configured too low cannot make a
// resident's rating identifiable on the screen.
ResultsBoard publicOnly(ResultsBoard board, std::int64_t minimum);

}  // namespace wire
