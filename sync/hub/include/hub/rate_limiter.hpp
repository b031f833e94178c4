// A token bucket per key (a kiosk id): each request takes its cost (count rows of a batch) from
// its key's bucket, which refills at a steady rate up to its capacity. One kiosk sending
// back-to-back large batches is slowed to the refill rate and told when to come back (429 +
// Retry-After), so it cannot starve the others on the hub's single ingest thread.
// Pure: time is passed in. Used from the server's I/O thread only; one bucket per kiosk that ever
// uploaded (bounded by the tokens issued).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace hub {

class RateLimiter {
 public:
  // `capacity` must be at least the largest single cost, or such a request could never pass.
  RateLimiter(double capacity, double refillPerSecond) : capacity_(capacity), refillPerSecond_(refillPerSecond) {}

  // Takes `cost` from `key`'s bucket at `nowSeconds`: nullopt when granted, else the whole seconds
  // after which it would be (nothing is taken then).
  std::optional<std::int64_t> take(const std::string& key, double cost, std::int64_t nowSeconds);

 private:
  struct Bucket {
    double tokens;
    std::int64_t at;
  };
  double capacity_;
  double refillPerSecond_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace hub
