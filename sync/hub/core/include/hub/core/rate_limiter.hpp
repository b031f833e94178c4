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
  // after which it would be (nothing is taken then, and the cost is remembered as owed).
  std::optional<std::int64_t> take(const std::string& key, double cost, std::int64_t nowSeconds);
  // Charges work already done for something refused (a body that did not parse): `cost` if the
  // bucket has it, else all it has, with the cost owed like a refused take.
  void charge(const std::string& key, double cost, std::int64_t nowSeconds);
  // The seconds until `key`'s bucket can pay what its last refused request cost, if it cannot yet;
  // nothing taken. A client sends the refused request again (a kiosk retries the same batch), so
  // it is refused again before the work of finding its cost (parsing) is done.
  std::optional<std::int64_t> owedWait(const std::string& key, std::int64_t nowSeconds);

 private:
  struct Bucket {
    double tokens;
    std::int64_t at;
    double owed = 0;  // the cost of the last refused request; 0 after a granted one
  };
  Bucket& refilled(const std::string& key, std::int64_t nowSeconds);
  double capacity_;
  double refillPerSecond_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace hub
