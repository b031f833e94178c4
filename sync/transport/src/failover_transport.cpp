#include "sync/failover_transport.hpp"

#include <optional>
#include <stdexcept>
#include <utility>

namespace kiosk::sync {

FailoverTransport::FailoverTransport(std::vector<std::unique_ptr<HttpTransport>> hubs) : hubs_(std::move(hubs)) {
  if (hubs_.empty()) throw std::invalid_argument("FailoverTransport needs at least one hub");
}

bool FailoverTransport::worthAnotherHub(const HttpResponse& response) {
  if (response.failure != Failure::None) return true;
  return response.status >= 500;
}

HttpResponse FailoverTransport::send(const HttpRequest& request) {
  // A certificate or pin failure is a configuration problem someone must fix: if every hub fails,
  // that is the answer worth showing on the staff screen, not the last hub's "connection refused".
  std::optional<HttpResponse> tlsFailure;
  HttpResponse last;
  for (std::size_t tried = 0; tried < hubs_.size(); ++tried) {
    const std::size_t hub = (current_ + tried) % hubs_.size();
    last = hubs_[hub]->send(request);
    if (!worthAnotherHub(last)) {
      current_ = hub;  // stay with a hub that answers: no connect timeout per request on a dead one
      return last;
    }
    if (last.failure == Failure::Tls && !tlsFailure) tlsFailure = last;
  }
  // Every hub failed: start with the next one next time, so one that comes back first is found.
  current_ = (current_ + 1) % hubs_.size();
  return tlsFailure ? *tlsFailure : last;
}

}  // namespace kiosk::sync
