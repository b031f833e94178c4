// rating-batch/1: deterministic encoding (same batch, same bytes, same hash) and validation of
// everything a hub relies on.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "wire/crypto.hpp"
#include "wire/rating_batch.hpp"

using namespace wire;

namespace {

RatingBatch sample() {
  RatingBatch b{"hall-01-k1", "4b0c3a4e-7d1e-4f7a-9b1e-0c2d3e4f5a6b", 42, "2026-11-21T10:00:00+08:00", {}};
  b.counts.push_back({"c-0001", 7, "2026-11-21T09:00+08:00", "poor", "not_kept", 3, 1});
  b.counts.push_back({"c-0002", 7, "2026-11-21T09:00+08:00", "good", std::nullopt, 12, 0});
  return b;
}

std::string fieldOf(const nlohmann::json& doc) {
  try {
    parseBatch(doc.dump());
  } catch (const BatchError& e) {
    return e.field();
  }
  FAIL("batch accepted");
  return {};
}

}  // namespace

TEST_CASE("a batch round-trips and encodes to the same bytes every time") {
  const std::string bytes = encodeBatch(sample());
  CHECK(bytes == encodeBatch(parseBatch(bytes)));
  CHECK(sha256Hex(bytes) == sha256Hex(encodeBatch(sample())));
  const auto b = parseBatch(bytes);
  CHECK(b.batchSeq == 42);
  REQUIRE(b.counts.size() == 2);
  CHECK(b.counts[0].reason == "not_kept");
  CHECK_FALSE(b.counts[1].reason);
  CHECK(b.counts[1].n == 12);
}

TEST_CASE("bad batches name the field") {
  const auto good = nlohmann::json::parse(encodeBatch(sample()));
  auto j = good;
  j["batch_seq"] = 0;
  CHECK(fieldOf(j) == "batch_seq");
  j = good;
  j["counts"][1]["rating"] = "meh";
  CHECK(fieldOf(j) == "counts[1].rating");
  j = good;
  j["counts"][0]["n"] = -1;
  CHECK(fieldOf(j) == "counts[0].n");
  j = good;
  j["counts"][0]["n"] = 1'000'001;
  CHECK(fieldOf(j) == "counts[0].n");
  j = good;
  j["counts"][1]["filtered"] = 18446744073709551615ULL;  // would overflow any sum
  CHECK(fieldOf(j) == "counts[1].filtered");
  j = good;
  j["counts"][0]["bucket"] = "yesterday";
  CHECK(fieldOf(j) == "counts[0].bucket");
  j = good;
  j.erase("epoch");
  CHECK(fieldOf(j) == "epoch");
  j = good;
  j["format"] = "rating-batch/0";
  CHECK(fieldOf(j) == "format");
  CHECK_THROWS_AS(parseBatch("{\"format\":"), BatchError);
}
