// What the HTTPS server calls: the one place the API, the console and the residents' pages meet.
// /console/… goes to the console (which says which lane it runs on), /v/… and /public/… to the
// residents' pages, everything else to the API (which says per route); cookies are refused on the
// API here, before any route sees them. No domain logic: a dispatcher. Thread-safe as its
// handlers are (handle() runs concurrently on every lane).
#pragma once

#include "hub/api/api.hpp"
#include "hub/console/console.hpp"
#include "hub/core/http_message.hpp"
#include "hub/phone/resident_pages.hpp"

namespace hub {

class HubRouter : public RequestHandler {
 public:
  // Connects the console to the API it acts through (enrol, move, revoke, import).
  // Without `residents`, /v/… and /public/… are the API's (unknown paths there).
  HubRouter(Api& api, console::Console& console, phone::ResidentPages* residents = nullptr)
      : api_(api), console_(console), residents_(residents) {
    console_.useApi(api_);
  }
  Lane laneOf(const Request& request) const override;
  Response handle(const Request& request) override;

 private:
  Api& api_;
  console::Console& console_;
  phone::ResidentPages* residents_;
};

}  // namespace hub
