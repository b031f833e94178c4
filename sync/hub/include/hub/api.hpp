// The hub's HTTP API as a plain function of a request: authentication, role and hall checks,
// ingest, lists, heartbeats, fleet status, tallies and rectifications. No sockets here, so tests
// exercise every endpoint and role directly; the HTTPS server only moves bytes.
// Runs on the server's single I/O thread (it uses the HubStore, the one writer).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "hub/hub_store.hpp"

namespace hub {

struct Request {
  std::string method;
  std::string target;  // path and query, e.g. "/api/v1/tallies?from=2026-01-01"
  std::string authorization;
  std::string ifNoneMatch;
  std::string body;
};

struct Response {
  int status = 200;
  std::string contentType = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

struct ApiConfig {
  std::string deployment;
  double rectifyShare = 0.30;   // fair_or_worse at or above this ...
  std::int64_t rectifyMinTotal = 20;  // ... with at least this many votes
  std::int64_t rectifyDays = 30;      // deadline given for the improvement
  std::int64_t silentAfterSeconds = 15 * 60;
};

class Api {
 public:
  using UnixClock = std::function<std::int64_t()>;
  Api(ApiConfig config, HubStore& store, UnixClock now);

  Response handle(const Request& request);
  // "kiosk:hall-01-k1" / "staff" / "-": who the last handled request came from (for the log).
  const std::string& lastPrincipal() const { return lastPrincipal_; }

 private:
  Response ingestBatch(const Principal& p, const Request& r);
  Response currentList(const Principal& p, const Request& r);
  Response publishList(const Request& r);
  Response heartbeat(const Principal& p, const Request& r);
  Response kiosks(const Principal& p);
  Response tallies(const Principal& p, const std::map<std::string, std::string>& query, bool rectifyOnly);

  ApiConfig config_;
  HubStore& store_;
  UnixClock now_;
  std::string lastPrincipal_;
};

// Seconds since the epoch for "2026-11-21T10:00:00+08:00" (or with Z); nullopt if malformed.
std::optional<std::int64_t> parseIsoTime(const std::string& text);
std::string isoDay(std::int64_t unixSeconds);  // UTC date "YYYY-MM-DD"

}  // namespace hub
