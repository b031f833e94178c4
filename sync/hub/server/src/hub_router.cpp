#include "hub/server/hub_router.hpp"

#include "hub/core/request_decoding.hpp"
#include "wire/endpoints.hpp"

namespace hub {

RequestHandler::Lane HubRouter::laneOf(const Request& r) const {
  if (console::Console::owns(r)) return console::Console::laneOf(r);
  if (residents_ && phone::ResidentPages::owns(r)) return phone::ResidentPages::laneOf(r);
  return api_.laneOf(r);
}

Response HubRouter::handle(const Request& r) {
  if (console::Console::owns(r)) return console_.handle(r);
  if (residents_ && phone::ResidentPages::owns(r)) return residents_->handle(r);
  // Cookies are never accepted on the API: a browser's ambient credentials must not act there
  // (kiosks and kioskctl never send one).
  if (!r.cookie.empty() && pathOf(r.target).rfind(wire::endpoint::kApiRoot, 0) == 0) {
    Response res{401,
                 "application/json",
                 "{\"error\":\"cookies are not accepted on the API; use a bearer token\"}\n",
                 {{"WWW-Authenticate", "Bearer"}}};
    return res;
  }
  return api_.handle(r);
}

}  // namespace hub
