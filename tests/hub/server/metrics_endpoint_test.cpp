// GET /metrics on the real hub over TLS: only a metrics (or admin) token reads it, it counts what
// the hub really did, and a metrics token opens nothing else.
#include <doctest/doctest.h>

#include <algorithm>

#include "hub_process.hpp"

using testing::HubProcess;

namespace {

// The value of the sample line `name` (with its labels) in Prometheus text, or -1.
double sample(const std::string& text, const std::string& name) {
  const auto at = text.find("\n" + name + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + name.size() + 2));
}

}  // namespace

TEST_CASE("a metrics token scrapes what the hub did, and opens nothing else") {
  HubProcess hub;
  auto made = testing::run(testing::hubBinary() + " token create --dir '" + hub.dir().string() + "' --role metrics");
  REQUIRE(made.status == 0);
  std::string token = made.out;
  token.erase(std::remove(token.begin(), token.end(), '\n'), token.end());
  hub.start();

  REQUIRE(hub.post("/api/v1/batches", testing::goodBatch(1, 4), hub.token("kiosk")).status == 201);
  REQUIRE(hub.post("/api/v1/batches", testing::goodBatch(2, 5), hub.token("kiosk")).status == 201);
  REQUIRE(hub.post("/api/v1/batches", testing::goodBatch(2, 5), hub.token("kiosk")).status == 200);
  REQUIRE(hub.post("/api/v1/heartbeat",
                   R"({"app_version":"t","list_version":0,"queued_batches":0,"disk_free_bytes":1000000})",
                   hub.token("kiosk"))
              .status == 200);

  const auto r = hub.get("/metrics", token);
  REQUIRE(r.status == 200);
  CHECK(r.headers.at("content-type").find("text/plain; version=0.0.4") == 0);
  const std::string& text = r.body;
  CHECK(sample(text, R"(kiosk_hub_requests_total{route="/api/v1/batches",status="201"})") == 2);
  CHECK(sample(text, R"(kiosk_hub_requests_total{route="/api/v1/batches",status="200"})") == 1);
  CHECK(sample(text, "kiosk_hub_batches_ingested_total") == 2);
  CHECK(sample(text, "kiosk_hub_batches_duplicate_total") == 1);
  CHECK(sample(text, "kiosk_hub_votes_ingested_total") == 9);
  CHECK(sample(text, R"(kiosk_hub_ingest_seconds_bucket{le="+Inf"})") == 3);
  CHECK(sample(text, "kiosk_hub_kiosks_enrolled") == 2);  // hall-01-k1 and hall-02-k1
  CHECK(sample(text, "kiosk_hub_kiosks_silent") == 1);    // hall-02-k1 never sent a heartbeat
  CHECK(sample(text, "kiosk_hub_store_bytes") > 4096);

  CHECK(hub.get("/metrics").status == 401);
  CHECK(hub.get("/metrics", hub.token("staff")).status == 403);
  CHECK(hub.get("/metrics", hub.token("kiosk")).status == 403);
  CHECK(hub.get("/metrics", hub.token("admin")).status == 200);
  CHECK(hub.get("/api/v1/tallies", token).status == 403);
  CHECK(hub.get("/api/v1/kiosks", token).status == 403);
  CHECK(hub.post("/api/v1/batches", testing::goodBatch(3, 1), token).status == 403);
  // A second scrape sees the first one counted too.
  CHECK(sample(hub.get("/metrics", token).body, R"(kiosk_hub_requests_total{route="/metrics",status="200"})") >= 2);
}
