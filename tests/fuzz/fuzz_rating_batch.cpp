// libFuzzer target: rating-batch/1 as the hub reads it. Refused with wire::BatchError, or parsed —
// and then its deterministic encoding must parse back to the same batch.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "wire/rating_batch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  wire::RatingBatch batch;
  try {
    batch = wire::parseBatch(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const wire::BatchError&) {
    return 0;
  }
  const std::string once = wire::encodeBatch(batch);
  if (wire::encodeBatch(wire::parseBatch(once)) != once) std::abort();  // encoding is a fixed point
  return 0;
}
