#include "wire/rating_batch.hpp"

#include <nlohmann/json.hpp>

#include "wire/json_input.hpp"
#include "wire/list_limits.hpp"

#include <limits>

namespace wire {

using nlohmann::json;

std::string encodeBatch(const RatingBatch& batch) {
  json counts = json::array();
  for (const BatchCount& c : batch.counts) {
    json item{{"commitment_id", c.commitmentId},
              {"list_version", c.listVersion},
              {"bucket", c.bucket},
              {"rating", c.rating},
              {"n", c.n},
              {"filtered", c.filtered}};
    if (c.reason) item["reason"] = *c.reason;
    counts.push_back(std::move(item));
  }
  // nlohmann's object keys are sorted, so equal batches always encode to equal bytes.
  return json{{"format", kRatingBatchFormat}, {"kiosk_id", batch.kioskId},     {"epoch", batch.epoch},
              {"batch_seq", batch.batchSeq},  {"created_at", batch.createdAt}, {"counts", std::move(counts)}}
      .dump();
}

namespace {

std::string str(const json& obj, const std::string& path, const char* name, std::size_t maxLen) {
  auto it = obj.find(name);
  if (it == obj.end() || !it->is_string()) throw BatchError(path + name, "is required and must be a string");
  const auto& s = it->get_ref<const std::string&>();
  if (s.empty() || s.size() > maxLen) throw BatchError(path + name, "must be 1-" + std::to_string(maxLen) + " bytes");
  return s;
}

std::int64_t integer(const json& obj, const std::string& path, const char* name, std::int64_t min,
                     std::int64_t max = std::numeric_limits<std::int64_t>::max()) {
  auto it = obj.find(name);
  if (it == obj.end() || !it->is_number_integer()) throw BatchError(path + name, "is required and must be an integer");
  if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(max))
    throw BatchError(path + name, "must be at most " + std::to_string(max));
  const auto v = it->get<std::int64_t>();
  if (v < min) throw BatchError(path + name, "must be at least " + std::to_string(min));
  if (v > max) throw BatchError(path + name, "must be at most " + std::to_string(max));
  return v;
}

// "2026-11-21T09:00+08:00": digits where digits belong, the separators in place.
bool isBucket(std::string_view s) {
  constexpr std::string_view shape = "dddd-dd-ddTdd:dd+dd:dd";
  if (s.size() != shape.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char want = shape[i];
    if (want == 'd' ? !(s[i] >= '0' && s[i] <= '9') : want == '+' ? !(s[i] == '+' || s[i] == '-') : s[i] != want)
      return false;
  }
  return true;
}

// An id the hub files counts under and staff see in spreadsheets: a safe alphabet only, so no
// formula, markup or control byte can ride along into a CSV or a page.
std::string safeId(const json& obj, const std::string& path, const char* key) {
  std::string id = str(obj, path, key, limits::kMaxIdBytes);
  if (!limits::isSafeId(id)) throw BatchError(path + key, "must be 1-64 characters of A-Z a-z 0-9 . _ -");
  return id;
}

}  // namespace

RatingBatch parseBatch(std::string_view text) {
  const json doc = detail::parseJsonOrThrow<BatchError>(text, "batch");
  if (!doc.is_object()) throw BatchError("", "batch must be a JSON object");
  if (str(doc, "", "format", 64) != kRatingBatchFormat)
    throw BatchError("format", "must be \"" + std::string(kRatingBatchFormat) + "\"");
  RatingBatch b;
  b.kioskId = safeId(doc, "", "kiosk_id");
  b.epoch = safeId(doc, "", "epoch");
  b.batchSeq = integer(doc, "", "batch_seq", 1);
  b.createdAt = str(doc, "", "created_at", 40);
  auto counts = doc.find("counts");
  if (counts == doc.end() || !counts->is_array()) throw BatchError("counts", "is required and must be an array");
  if (counts->size() > kMaxBatchCounts)
    throw BatchError("counts",
                     "has " + std::to_string(counts->size()) + " entries, at most " + std::to_string(kMaxBatchCounts));
  for (std::size_t i = 0; i < counts->size(); ++i) {
    const json& c = (*counts)[i];
    const std::string path = "counts[" + std::to_string(i) + "].";
    if (!c.is_object()) throw BatchError("counts[" + std::to_string(i) + "]", "must be an object");
    BatchCount bc;
    bc.commitmentId = safeId(c, path, "commitment_id");
    bc.listVersion = integer(c, path, "list_version", 0);
    bc.bucket = str(c, path, "bucket", 40);
    if (!isBucket(bc.bucket)) throw BatchError(path + "bucket", "must look like 2026-11-21T09:00+08:00");
    bc.rating = str(c, path, "rating", 8);
    if (bc.rating != "good" && bc.rating != "fair" && bc.rating != "poor")
      throw BatchError(path + "rating", "must be good, fair or poor");
    if (auto r = c.find("reason"); r != c.end() && !r->is_null()) bc.reason = safeId(c, path, "reason");
    bc.n = integer(c, path, "n", 0, kMaxCountPerRow);
    bc.filtered = integer(c, path, "filtered", 0, kMaxCountPerRow);
    b.counts.push_back(std::move(bc));
  }
  return b;
}

}  // namespace wire
