// The residents' pages, served without login beside the API and the console: the vote page a
// kiosk's QR opens on a phone (/v/<code>, brief "Phone votes and the public page") and a hall's
// public results (/public/<hall>). Server-rendered, small, no JavaScript (WeChat's in-app browser
// included), in Chinese or English. A phone is admitted only by a code a registered kiosk of the
// code's hall signed moments ago; it gets a short-lived session cookie (__Host-phone) and nothing
// about the person is asked or kept. No console or API credential is accepted here. One route
// table. A function of a request like the API and the console: thread-safe, handle() runs on the
// reader lane on a leased connection; a vote is written through the Api (its writer lock).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "hub/api/api.hpp"
#include "hub/config/hub_config.hpp"
#include "hub/core/http_message.hpp"
#include "hub/store/hall_directory.hpp"
#include "hub/store/panel_store.hpp"
#include "hub/store/read_pool.hpp"
#include "hub/store/suggestion_store.hpp"

namespace hub::phone {

struct Residents;  // what the pages share (src/resident_context.hpp)

class ResidentPages {
 public:
  using UnixClock = std::function<std::int64_t()>;
  // `api` records the votes and builds the results (the same figures a kiosk shows); `halls` names
  // them; `panels` takes the 评议会 ballots and `suggestions` the 征求意见 (none: those pages are
  // not found).
  ResidentPages(PhoneConfig phone, PublicConfig publicPage, std::string deployment, Api& api, ReadPool& readers,
                HallDirectory& halls, UnixClock now, PanelStore* panels = nullptr,
                SuggestionStore* suggestions = nullptr);
  ~ResidentPages();

  // True for /v/… and /public/….
  static bool owns(const Request& request);
  static RequestHandler::Lane laneOf(const Request& request);
  // Every route, as (method, path pattern): for tests and the metrics' labels.
  static std::vector<std::pair<std::string_view, std::string_view>> routeTable();
  Response handle(const Request& request);

 private:
  std::unique_ptr<Residents> impl_;
};

}  // namespace hub::phone
