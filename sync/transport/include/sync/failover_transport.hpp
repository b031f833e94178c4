// An HttpTransport over several hubs that serve the same deployment (several `kiosk-hub serve`
// processes on one PostgreSQL): each request goes to the hub that answered last; on a connection
// failure, a timeout or a 5xx it goes, unchanged — the same bytes and signature — to the next, and
// so on once around. Batch identity is enforced by the hubs' shared database, so a batch that one
// hub stored before it died and another hub receives again is answered as a duplicate, not counted
// twice. Pure routing: the per-hub transports are plug-ins (CurlTransport in the kiosk, fakes in
// tests). Owns them; used from one thread (the sync thread) like any HttpTransport.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "sync/transport.hpp"

namespace kiosk::sync {

class FailoverTransport final : public HttpTransport {
 public:
  // `hubs` in the configured order; the first is tried first. Throws if empty.
  explicit FailoverTransport(std::vector<std::unique_ptr<HttpTransport>> hubs);

  HttpResponse send(const HttpRequest& request) override;

  // Which hub the next request goes to first (index into the configured list).
  std::size_t current() const { return current_; }

  // Whether this answer means "try another hub": nothing arrived, or the hub failed (5xx). A 4xx is
  // the hub's verdict on the request and would be the same from every hub.
  static bool worthAnotherHub(const HttpResponse& response);

 private:
  std::vector<std::unique_ptr<HttpTransport>> hubs_;
  std::size_t current_ = 0;
};

}  // namespace kiosk::sync
