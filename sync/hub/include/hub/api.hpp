// The hub's HTTP API as a plain function of a request: authentication, role and hall checks,
// ingest, lists, heartbeats, fleet status, tallies and rectifications. No sockets here, so tests
// exercise every endpoint and role directly; the HTTPS server only moves bytes. Every endpoint is
// one row of the route table (method, path, roles, handler), so what may call what is read in
// one place. Runs on the server's single I/O thread (it uses the HubStore, the one writer).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "hub/hub_store.hpp"
#include "hub/rate_limiter.hpp"
#include "hub/tally_report.hpp"

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
  RectificationRule rectify{};
  std::int64_t silentAfterSeconds = 15 * 60;
  // Count rows one kiosk may send per minute (a burst of one minute's worth, and never less than
  // one largest batch); beyond it, 429 with Retry-After.
  std::int64_t kioskRowsPerMinute = 40'000;
};

class Api {
 public:
  using UnixClock = std::function<std::int64_t()>;
  Api(ApiConfig config, HubStore& store, UnixClock now);

  Response handle(const Request& request);
  // "kiosk:hall-01-k1" / "staff" / "-": who the last handled request came from (for the log).
  const std::string& lastPrincipal() const { return lastPrincipal_; }

 private:
  using Query = std::map<std::string, std::string>;
  Response ingestBatch(const Principal& p, const Request& r, const Query& q);
  Response currentList(const Principal& p, const Request& r, const Query& q);
  Response publishList(const Principal& p, const Request& r, const Query& q);
  Response heartbeat(const Principal& p, const Request& r, const Query& q);
  Response kiosks(const Principal& p, const Request& r, const Query& q);
  Response tallies(const Principal& p, const Request& r, const Query& q);
  Response rectifications(const Principal& p, const Request& r, const Query& q);
  Response report(const Principal& p, const Query& q, bool rectificationsOnly);

  struct Route {
    std::string_view method, path;
    std::vector<Role> roles;
    Response (Api::*handler)(const Principal&, const Request&, const Query&);
  };
  static const std::vector<Route>& routes();

  ApiConfig config_;
  HubStore& store_;
  UnixClock now_;
  RateLimiter ingestLimiter_;
  std::string lastPrincipal_;
};

}  // namespace hub
