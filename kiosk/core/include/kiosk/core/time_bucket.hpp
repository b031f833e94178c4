// Coarse time buckets: the only time a vote is stored with, so a vote cannot be tied to a person.
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "kiosk/core/clock.hpp"

namespace kiosk {

// Start of the bucket containing `t`, in the hall's local time with its offset, e.g.
// "2026-11-21T09:00+08:00". `bucket` must divide a day evenly (e.g. 15 min, 1 h, 1 day).
std::string bucketLabel(WallTime t, std::chrono::minutes bucket);

// True when `bucket` is a positive whole divisor of 24 h (what bucketLabel accepts).
bool isValidBucket(std::chrono::minutes bucket);

}  // namespace kiosk
