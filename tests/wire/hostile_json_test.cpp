// Every wire parser against JSON a stranger could send: nesting far deeper than any format has,
// numbers no double holds, ids that would be formulas in a spreadsheet. Each is refused with a
// named error of the parser's own type, never a crash or a foreign exception.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "wire/commitment_list.hpp"
#include "wire/heartbeat.hpp"
#include "wire/rating_batch.hpp"
#include "wire/signed_list.hpp"

namespace {
std::string nested(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']');
}
}  // namespace

TEST_CASE("deep nesting is refused by every parser before anything recurses") {
  const std::string deep = "{\"x\":" + nested(65'000) + "}";
  CHECK_THROWS_WITH_AS(wire::parseCommitmentList(deep), doctest::Contains("nests deeper than 32"), wire::ListError);
  CHECK_THROWS_WITH_AS(wire::parseSignedEnvelope(deep), doctest::Contains("nests deeper than 32"), wire::ListError);
  CHECK_THROWS_WITH_AS(wire::parseBatch(deep), doctest::Contains("nests deeper than 32"), wire::BatchError);
  CHECK_THROWS_WITH_AS(wire::parseHeartbeat(deep), doctest::Contains("nests deeper than 32"), wire::HeartbeatError);
  // Brackets inside strings are text, not nesting.
  const std::string inString =
      R"({"app_version":")" + std::string(100, '[') + R"(","list_version":1,"queued_batches":0,"disk_free_bytes":5})";
  CHECK(wire::parseHeartbeat(inString).appVersion == std::string(100, '['));
  // Unknown fields nested a little are fine.
  CHECK_NOTHROW(wire::parseHeartbeat(
      R"({"app_version":"x","list_version":1,"queued_batches":0,"disk_free_bytes":5,"extra":)" + nested(20) + "}"));
}

TEST_CASE("a number out of any range is a named error, not an abort") {
  CHECK_THROWS_WITH_AS(
      wire::parseHeartbeat(R"({"app_version":"x","list_version":1e400,"queued_batches":0,"disk_free_bytes":5})"),
      doctest::Contains("out of range"), wire::HeartbeatError);
  CHECK_THROWS_WITH_AS(wire::parseCommitmentList(R"({"format":"commitment-list/1","version":-1e999})"),
                       doctest::Contains("out of range"), wire::ListError);
  CHECK_THROWS_WITH_AS(wire::parseBatch(R"({"format":"rating-batch/1","batch_seq":1e400})"),
                       doctest::Contains("out of range"), wire::BatchError);
}

TEST_CASE("batch ids are a safe alphabet: no formulas, markup, spaces or control bytes") {
  const auto batchWith = [](const std::string& field, const std::string& value) {
    wire::RatingBatch b{"hall-01-k1", "0f8fad5b-d9cb-469f-a165-70867728950e", 1, "2026-11-21T10:00:00+08:00", {}};
    b.counts.push_back({"c-0001", 1, "2026-11-21T09:00+08:00", "poor", std::string("not_kept"), 1, 0});
    if (field == "kiosk_id") b.kioskId = value;
    if (field == "epoch") b.epoch = value;
    if (field == "commitment_id") b.counts[0].commitmentId = value;
    if (field == "reason") b.counts[0].reason = value;
    return wire::encodeBatch(b);
  };
  CHECK_NOTHROW(wire::parseBatch(batchWith("", "")));
  const std::vector<std::string> hostile{"=1+1", "c 0001", "<b>", std::string("c\0x", 3), "承诺", "@x", ""};
  for (const char* field : {"kiosk_id", "epoch", "commitment_id", "reason"})
    for (const std::string& value : hostile)
      CHECK_THROWS_WITH_AS(wire::parseBatch(batchWith(field, value)), doctest::Contains(field), wire::BatchError);
}
