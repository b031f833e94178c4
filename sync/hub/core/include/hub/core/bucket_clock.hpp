// Judges a batch's time stamps against the hub's own clock and refiles what a wrong kiosk clock
// put in an impossible hour: a batch frozen in the future or over a year back (its created_at), or
// a bucket later than the batch's arrival or over a year before it (votes bucketed under a wrong
// clock and frozen after the clock was corrected). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "wire/rating_batch.hpp"

namespace hub {

// A kiosk clock off by more than this (either way) is flagged in the fleet view; a batch or a
// bucket more than this in the future came from a wrong clock.
inline constexpr std::int64_t kClockToleranceSeconds = 10 * 60;
// No kiosk holds votes for over a year (its database keeps 366 days of unsynced batches).
inline constexpr std::int64_t kLongestOfflineSeconds = 366 * 86400;

// Whether a time `offsetSeconds` away from the hub's receipt (positive: later) is impossible.
bool impossibleTime(std::int64_t offsetSeconds);

struct Refiled {
  bool wholeBatch = false;  // created_at itself was impossible: every count refiled
  std::size_t buckets = 0;  // count rows moved to the hour of receipt
};

// Moves every count whose hour is impossible — all of them when created_at is — into the hour of
// `receivedUnix`, in the hall time (offset) its own bucket names. Buckets were validated by
// wire::parseBatch; `createdAtUnix` is absent when created_at did not parse as a time.
Refiled refileImpossibleTimes(wire::RatingBatch& batch, std::int64_t receivedUnix,
                              std::optional<std::int64_t> createdAtUnix);

}  // namespace hub
