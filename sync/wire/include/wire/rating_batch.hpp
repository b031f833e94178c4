// rating-batch/1: the counts a kiosk uploads, frozen once and never changed. Encoding is
// deterministic, so the same batch always has the same bytes and SHA-256. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace wire {

inline constexpr std::string_view kRatingBatchFormat = "rating-batch/1";

struct BatchCount {
  std::string commitmentId;
  std::int64_t listVersion = 0;
  std::string bucket;  // e.g. "2026-11-21T09:00+08:00"
  std::string rating;  // good | fair | poor
  std::optional<std::string> reason;
  std::int64_t n = 0;         // counted votes
  std::int64_t filtered = 0;  // taps kept for audit only
};

struct RatingBatch {
  std::string kioskId;
  std::string epoch;  // UUID made when the kiosk database was created
  std::int64_t batchSeq = 0;
  std::string createdAt;  // the kiosk's clock: informative only, never used for ordering
  std::vector<BatchCount> counts;
};

class BatchError : public std::runtime_error {
 public:
  BatchError(std::string field, const std::string& problem)
      : std::runtime_error(field.empty() ? problem : field + ": " + problem), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

inline constexpr std::size_t kMaxBatchCounts = 20'000;
// No kiosk counts a million votes in one bucket; the bound keeps every sum a hub makes far from
// overflow, whatever a hostile client sends.
inline constexpr std::int64_t kMaxCountPerRow = 1'000'000;

std::string encodeBatch(const RatingBatch& batch);
// Validates everything a hub relies on; throws BatchError naming the field.
RatingBatch parseBatch(std::string_view json);

}  // namespace wire
