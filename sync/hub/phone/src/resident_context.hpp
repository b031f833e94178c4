// What the residents' pages share (private to hub/phone): the settings, the stores they read, the
// phone sessions, and rendering in the pages' own frame. Thread-safe as its members are.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
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
#include "hub/store/suggestion_store.hpp"

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
  PanelStore* panels = nullptr;            // 评议会 ballots; none: their pages are not found
  SuggestionStore* suggestions = nullptr;  // 征求意见; none: the form is not found, nor linked

  Residents(PhoneConfig p, PublicConfig pub, std::string dep, Api& a, ReadPool& r, HallDirectory& h,
            ResidentPages::UnixClock n);
};

// A route's matched path parts ({code}, {hall}, {commitment}) and the request.
struct Visit {
  const Request& request;
  std::vector<std::string> parts;
  const Strings& t;
};

// The phone's session cookie: set by the vote page, sent back by its forms.
inline constexpr std::string_view kPhoneCookie = "__Host-phone";

// A code the hub trusts: signed by the registered key of a kiosk enrolled in the code's hall, or a
// poster's code the console issued and nobody withdrew.
struct TrustedCode {
  std::string source;  // whose code: a kiosk's id, or "poster"
  std::string hall;
  std::optional<std::string> commitment;  // the one commitment it rates; none: the hall's list
  std::string key;                        // what its sessions are counted under
  std::string channel;
  std::int64_t admits = 0;  // sessions the key opens
};

// The code in a /v/<code>… path, trusted, or the page refusing it. `lifetime`: how old a kiosk's
// may be (a form posted in a session outlives the code that opened it).
std::variant<TrustedCode, Response> trustCode(Residents& impl, common::sql::Database& db, const Visit& visit,
                                              std::int64_t lifetime);
// A refusal page naming `why` (a words key), with what to do instead for that source of code.
Response refused(const Strings& t, int status, std::string_view why, const std::string& source);
// The form token bound to a phone session: a page on another site cannot read the cookie, so it
// cannot make the token (and SameSite keeps the cookie off its requests besides).
std::string csrfFor(const std::string& sessionId);
bool sameSecret(const std::string& a, const std::string& b);
std::string langQuery(const Strings& t);

Response votePage(Residents& impl, const Visit& visit);
Response castVote(Residents& impl, const Visit& visit);
Response publicHallPage(Residents& impl, const Visit& visit);
Response publicCommitmentPage(Residents& impl, const Visit& visit);
Response panelBallotPage(Residents& impl, const Visit& visit);
Response castPanelBallot(Residents& impl, const Visit& visit);
Response suggestionForm(Residents& impl, const Visit& visit);
// Links 提建议 from a page (`suggest`, `suggest_topic`) while the hall's 征求意见 period is open.
void offerSuggestion(Residents& impl, Data& page, const std::string& hall, const std::string& codeText,
                     const Strings& t);
Response leaveSuggestion(Residents& impl, const Visit& visit);

// `content` rendered from `templateName`.mustache inside the pages' frame, with words `t` and `title`.
Response renderPage(const Strings& t, int status, const std::string& templateName, const std::string& title,
                    Data content);
// A page saying why nothing can be done here, and what to do instead.
Response messagePage(const Strings& t, int status, const std::string& title, const std::string& message,
                     const std::string& advice);

}  // namespace hub::phone
