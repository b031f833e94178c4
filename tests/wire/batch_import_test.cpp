// Pairing a USB export's batches with their signatures, and wording the hub's answers.
#include <doctest/doctest.h>

#include "wire/batch_import.hpp"

TEST_CASE("batches are paired with their .sig files by name, in sequence order, other files are skipped") {
  const std::vector<wire::NamedFile> files{
      {"export/batches/rating-batch-000010.json", "ten"},
      {"export/batches/rating-batch-000002.json.sig", "  c2lnMg==\r\n"},
      {"export/tallies.csv", "csv"},
      {"export/kiosk-key.pub.pem", "pem"},
      {"export/batches/rating-batch-000002.json", "two"},
      {"C:\\stick\\rating-batch-1000000.json", "million"},
      {"rating-batch-x.json", "not a sequence"},
      {"rating-batch-000002.json", "a copy elsewhere: the first one found is kept"},
      {"rating-batch-000009.json.sig", "orphan"},
  };
  const auto batches = wire::pairBatchFiles(files);
  REQUIRE(batches.size() == 3);
  CHECK(batches[0].name == "rating-batch-000002.json");
  CHECK(batches[0].body == "two");
  CHECK(batches[0].signature == "c2lnMg==");
  CHECK(batches[1].name == "rating-batch-000010.json");
  CHECK(batches[1].signature.empty());
  CHECK(batches[2].name == "rating-batch-1000000.json");
  CHECK(wire::isBatchFileName("rating-batch-1.json"));
  CHECK_FALSE(wire::isBatchFileName("rating-batch-.json"));
  CHECK_FALSE(wire::isBatchFileName("rating-batch-1.json.sig"));
}

TEST_CASE("the hub's answer to an imported batch, in words") {
  CHECK(wire::importOutcome(201, R"({"status":"accepted"})") == "accepted");
  CHECK(wire::importOutcome(200, R"({"status":"duplicate"})") == "duplicate");
  CHECK(wire::importOutcome(409, R"({"error":"batch 3 differs"})") == "conflict (409): batch 3 differs");
  CHECK(wire::importOutcome(422, R"({"error":"no signature"})") == "refused (422): no signature");
  CHECK(wire::importOutcome(502, "Bad Gateway") == "refused (502): Bad Gateway");
}
