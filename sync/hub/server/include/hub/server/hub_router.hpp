// What the HTTPS server calls: the one place the API and the console meet. /console/… goes to the
// console (which says which lane it runs on), everything else to the API (which says per route);
// cookies are refused on the API here, before any route sees them. No domain logic: a dispatcher.
// Thread-safe as its two handlers are (handle() runs concurrently on every lane).
#pragma once

#include "hub/api/api.hpp"
#include "hub/console/console.hpp"
#include "hub/core/http_message.hpp"

namespace hub {

class HubRouter : public RequestHandler {
 public:
  // Connects the console to the API it acts through (enrol, move, revoke, import).
  HubRouter(Api& api, console::Console& console) : api_(api), console_(console) { console_.useApi(api_); }
  Lane laneOf(const Request& request) const override;
  Response handle(const Request& request) override;

 private:
  Api& api_;
  console::Console& console_;
};

}  // namespace hub
