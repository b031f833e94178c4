// HubMetrics: Prometheus text a scraper parses — counters by route and status, a cumulative
// histogram for ingest — and a label set no client can grow without bound.
#include <doctest/doctest.h>

#include <string>

#include "hub/core/hub_metrics.hpp"

using hub::HubMetrics;
using namespace std::chrono_literals;

namespace {
bool has(const std::string& text, const std::string& line) { return text.find(line + "\n") != std::string::npos; }
}  // namespace

TEST_CASE("requests are counted by route and status, and ingest latency lands in cumulative buckets") {
  HubMetrics m;
  m.observeRequest("POST", "/api/v1/batches", 201, 3ms, false);
  m.observeRequest("POST", "/api/v1/batches", 200, 30ms, false);
  m.observeRequest("POST", "/api/v1/batches", 201, 7s, false);
  m.observeRequest("GET", "/api/v1/tallies?hall=hall-01&from=2026-01-01", 200, 1ms, false);
  m.observeRequest("GET", "/console/commitments/c-0001?from=x", 200, 1ms, false);
  m.observeRequest("GET", "/console/commitments/c-0002", 200, 1ms, false);
  m.countIngested(12);
  m.countIngested(3);
  m.countDuplicate();
  const std::string text = m.render({5, 2, 4096});
  CHECK(has(text, R"(kiosk_hub_requests_total{route="/api/v1/batches",status="201"} 2)"));
  CHECK(has(text, R"(kiosk_hub_requests_total{route="/api/v1/batches",status="200"} 1)"));
  CHECK(has(text, R"(kiosk_hub_requests_total{route="/api/v1/tallies",status="200"} 1)"));
  CHECK(has(text, R"(kiosk_hub_requests_total{route="/console/commitments/{id}",status="200"} 2)"));
  CHECK(has(text, R"(kiosk_hub_ingest_seconds_bucket{le="0.001"} 0)"));
  CHECK(has(text, R"(kiosk_hub_ingest_seconds_bucket{le="0.005"} 1)"));
  CHECK(has(text, R"(kiosk_hub_ingest_seconds_bucket{le="0.05"} 2)"));
  CHECK(has(text, R"(kiosk_hub_ingest_seconds_bucket{le="5"} 2)"));
  CHECK(has(text, R"(kiosk_hub_ingest_seconds_bucket{le="+Inf"} 3)"));
  CHECK(has(text, "kiosk_hub_ingest_seconds_count 3"));
  CHECK(has(text, "kiosk_hub_batches_ingested_total 2"));
  CHECK(has(text, "kiosk_hub_batches_duplicate_total 1"));
  CHECK(has(text, "kiosk_hub_votes_ingested_total 15"));
  CHECK(has(text, "kiosk_hub_kiosks_enrolled 5"));
  CHECK(has(text, "kiosk_hub_kiosks_silent 2"));
  CHECK(has(text, "kiosk_hub_store_bytes 4096"));
  CHECK(text.find("# TYPE kiosk_hub_ingest_seconds histogram\n") != std::string::npos);
  CHECK(text.find("# TYPE kiosk_hub_requests_total counter\n") != std::string::npos);
}

TEST_CASE("random paths cannot grow the label set, and nothing in a path breaks the text format") {
  HubMetrics m;
  for (int i = 0; i < 1000; ++i) m.observeRequest("GET", "/api/v1/x" + std::to_string(i), 404, 1ms, true);
  for (int i = 0; i < 1000; ++i) m.observeRequest("GET", "/api/v1/y" + std::to_string(i), 401, 1ms, false);
  m.observeRequest("GET", "/api/v1/a\"b\\c\nd", 401, 1ms, false);
  const std::string text = m.render({});
  CHECK(has(text, R"(kiosk_hub_requests_total{route="unmatched",status="404"} 1000)"));
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  CHECK(lines < HubMetrics::kMaxRoutes + 60);
  CHECK(text.find(R"(route="other")") != std::string::npos);
  CHECK(text.find("a\"b") == std::string::npos);
  CHECK(HubMetrics::routeLabel("/api/v1/a\"b\\c\nd", 401, false) == "/api/v1/a_b_c_d");
  CHECK(HubMetrics::routeLabel("/console/cases/17/step", 200, false) == "/console/cases/{id}/step");
  CHECK(HubMetrics::routeLabel("/console/cases/17", 200, false) == "/console/cases/{id}");
  CHECK(HubMetrics::routeLabel("/" + std::string(100, 'x'), 401, false) == "other");
}

TEST_CASE("requests nobody signed in for fold into one label, whatever their path") {
  HubMetrics m;
  // Junk console paths answered with a redirect to the login page, junk API paths without a token.
  for (int i = 0; i < 300; ++i) m.observeRequest("GET", "/console/x" + std::to_string(i) + "<script>", 303, 1ms, true);
  for (int i = 0; i < 300; ++i) m.observeRequest("POST", "/api/v1/batches/" + std::to_string(i), 401, 1ms, true);
  m.observeRequest("GET", "/console/commitments/c-0001", 303, 1ms, true);
  const std::string text = m.render({});
  CHECK(has(text, R"(kiosk_hub_requests_total{route="anonymous",status="303"} 301)"));
  CHECK(has(text, R"(kiosk_hub_requests_total{route="anonymous",status="401"} 300)"));
  CHECK(text.find("script") == std::string::npos);
  CHECK(text.find(R"(route="other")") == std::string::npos);  // no room was taken from real routes
  // The probes, the login and static files keep their own labels for everyone.
  CHECK(HubMetrics::routeLabel("/healthz", 200, true) == "/healthz");
  CHECK(HubMetrics::routeLabel("/readyz", 503, true) == "/readyz");
  CHECK(HubMetrics::routeLabel("/console/login?next=x", 200, true) == "/console/login");
  CHECK(HubMetrics::routeLabel("/console/static/console.css", 200, true) == "/console/static/{file}");
}
