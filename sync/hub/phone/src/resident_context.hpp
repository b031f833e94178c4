// What the residents' pages share (private to hub/phone): the settings, the stores they read, the
// phone sessions, and rendering in the pages' own frame. Thread-safe as its members are.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <kainjow/mustache.hpp>

#include "hub/api/api.hpp"
#include "hub/config/hub_config.hpp"
#include "hub/core/http_message.hpp"
#include "hub/core/phone_sessions.hpp"
#include "hub/core/strings.hpp"
#include "hub/phone/resident_pages.hpp"
#include "hub/store/hall_directory.hpp"
#include "hub/store/list_catalog.hpp"
#include "hub/store/panel_store.hpp"
#include "hub/store/read_pool.hpp"

namespace hub::phone {

using Data = kainjow::mustache::data;

struct Residents {
  PhoneConfig phone;
  PublicConfig publicPage;
  std::string deployment;
  Api& api;
  ReadPool& readers;
  HallDirectory& halls;
  ResidentPages::UnixClock now;
  PhoneSessions sessions;
  ListCatalog catalog;
  PanelStore* panels = nullptr;  // 评议会 ballots; none: their pages are not found

  Residents(PhoneConfig p, PublicConfig pub, std::string dep, Api& a, ReadPool& r, HallDirectory& h,
            ResidentPages::UnixClock n);
};

// A route's matched path parts ({code}, {hall}, {commitment}) and the request.
struct Visit {
  const Request& request;
  std::vector<std::string> parts;
  const Strings& t;
};

Response votePage(Residents& impl, const Visit& visit);
Response castVote(Residents& impl, const Visit& visit);
Response publicHallPage(Residents& impl, const Visit& visit);
Response publicCommitmentPage(Residents& impl, const Visit& visit);
Response panelBallotPage(Residents& impl, const Visit& visit);
Response castPanelBallot(Residents& impl, const Visit& visit);

// `content` rendered from `templateName`.mustache inside the pages' frame, with words `t` and `title`.
Response renderPage(const Strings& t, int status, const std::string& templateName, const std::string& title,
                    Data content);
// A page saying why nothing can be done here, and what to do instead.
Response messagePage(const Strings& t, int status, const std::string& title, const std::string& message,
                     const std::string& advice);

}  // namespace hub::phone
