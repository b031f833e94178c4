#include "hub/phone/resident_pages.hpp"

#include <stdexcept>

#include "common/sqlite.hpp"
#include "hub/core/console_paths.hpp"
#include "hub/core/request_decoding.hpp"
#include "resident_context.hpp"
#include "wire/crypto.hpp"
#include "wire/endpoints.hpp"

namespace hub::phone {

std::string_view embeddedFile(std::string_view name);

namespace {

namespace ep = wire::endpoint;
using Handler = Response (*)(Residents&, const Visit&);

struct Route {
  std::string_view method, pattern;
  Handler handler;
};

// The one route table. Every route reads on the reader lane; a vote's write takes the Api's
// writer lock for its one transaction.
const std::vector<Route>& routes() {
  static const std::vector<Route> table{
      {"GET", ep::kPhoneVotePage, &votePage},      {"POST", ep::kPhoneVote, &castVote},
      {"GET", ep::kPublicHall, &publicHallPage},   {"GET", ep::kPublicCommitment, &publicCommitmentPage},
      {"GET", ep::kPanelBallot, &panelBallotPage}, {"POST", ep::kPanelBallot, &castPanelBallot},
      {"GET", ep::kPhoneSuggest, &suggestionForm}, {"POST", ep::kPhoneSuggest, &leaveSuggestion},
  };
  return table;
}

// The answer's policy: no script at all, the one style block by its hash, forms only to the hub,
// framed only where the hall allows (the public page in a WeChat article); never sniffed, no
// address sent elsewhere.
void addBrowserPolicy(Response& res, const PublicConfig& pub, bool publicPage) {
  static const std::string styleHash = [] {
    const std::string hex = wire::sha256Hex(embeddedFile("phone.css"));
    std::string raw;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
      raw.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return "'sha256-" + wire::base64Encode(raw) + "'";
  }();
  res.headers.emplace_back("Content-Security-Policy",
                           "default-src 'none'; style-src " + styleHash +
                               "; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors " +
                               (publicPage ? pub.frameAncestors : std::string("'none'")));
  if (!publicPage || pub.frameAncestors == "'none'") res.headers.emplace_back("X-Frame-Options", "DENY");
  res.headers.emplace_back("X-Content-Type-Options", "nosniff");
  res.headers.emplace_back("Referrer-Policy", "no-referrer");  // a code in the address stays here
  res.headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
}

}  // namespace

Residents::Residents(PhoneConfig p, PublicConfig pub, std::string dep, Api& a, ReadPool& r, HallDirectory& h,
                     ResidentPages::UnixClock n)
    : phone(p), publicPage(std::move(pub)), deployment(std::move(dep)), api(a), readers(r), halls(h), now(std::move(n)),
      sessions(PhoneLimits{p.codeLifetimeSeconds, p.sessionSeconds, p.sessionsPerCode, p.votesPerSession,
                           p.requestsPerAddressPerMinute}),
      catalog(deployment) {}

ResidentPages::ResidentPages(PhoneConfig phone, PublicConfig publicPage, std::string deployment, Api& api,
                             ReadPool& readers, HallDirectory& halls, UnixClock now, PanelStore* panels,
                             SuggestionStore* suggestions)
    : impl_(std::make_unique<Residents>(phone, std::move(publicPage), std::move(deployment), api, readers, halls,
                                        std::move(now))) {
  impl_->panels = panels;
  impl_->suggestions = suggestions;
}

ResidentPages::~ResidentPages() = default;

bool ResidentPages::owns(const Request& r) {
  const std::string_view path = pathOf(r.target);
  return path.rfind(ep::kPhoneRoot, 0) == 0 || path.rfind(ep::kPublicRoot, 0) == 0;
}

RequestHandler::Lane ResidentPages::laneOf(const Request&) { return RequestHandler::Lane::Reader; }

std::vector<std::pair<std::string_view, std::string_view>> ResidentPages::routeTable() {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (const auto& route : routes()) out.emplace_back(route.method, route.pattern);
  return out;
}

Response ResidentPages::handle(const Request& r) {
  const auto query = parseFields(queryOf(r.target)).value_or(Fields{});
  const auto lang = query.find("lang");
  const Strings& t = stringsFor(lang == query.end() ? "" : lang->second, r.acceptLanguage);
  const std::string_view path = pathOf(r.target);
  const bool publicPage = path.rfind(ep::kPublicRoot, 0) == 0;
  Response res;
  try {
    const Route* found = nullptr;
    bool pathKnown = false;
    std::vector<std::string> parts;
    for (const auto& route : routes())
      if (const auto p = console_path::matchAll(route.pattern, path)) {
        pathKnown = true;
        if (route.method == r.method) {
          found = &route;
          parts.assign(p->begin(), p->end());
          break;
        }
      }
    if (!r.authorization.empty()) {
      // A console's or the API's credential means nothing here; sent anyway, it is refused so it
      // is never mistaken for one that works.
      res = messagePage(t, 400, t["phone_refused_title"], t["phone_no_credentials"], "");
    } else if (!found) {
      res = messagePage(t, pathKnown ? 405 : 404, t["phone_refused_title"], t["phone_not_found"],
                        publicPage ? "" : t["phone_scan_again"]);
      if (pathKnown) res.headers.emplace_back("Allow", r.method == "GET" ? "POST" : "GET");
    } else if (!impl_->sessions.allowRequest(r.peer.empty() ? "-" : r.peer, impl_->now())) {
      res = messagePage(t, 429, t["phone_refused_title"], t["phone_too_many"], t["phone_try_later"]);
      res.headers.emplace_back("Retry-After", "60");
    } else {
      res = found->handler(*impl_, {r, std::move(parts), t});
    }
  } catch (const common::sql::Error&) {  // the database gone, or no reader free in time
    res = messagePage(t, 503, t["phone_refused_title"], t["storage_unavailable"], t["phone_try_later"]);
    res.headers.emplace_back("Retry-After", "10");
  }
  addBrowserPolicy(res, impl_->publicPage, publicPage);
  if (res.principal == "-") res.principal = publicPage ? "public" : "phone";  // named for the log and metrics
  res.toAnyone = true;  // a phone's cookie is no credential for the server's upload budget
  return res;
}

}  // namespace hub::phone
