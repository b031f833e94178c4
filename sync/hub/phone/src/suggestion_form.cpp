// 征求意见 on a resident's phone (GET and POST /v/<code>/suggest): while the hall's suggestion period
// is open, the vote page a kiosk's or poster's code opened links to a form — what it is about (a unit
// of the hall's list, or the hall's service as a whole) and a short text. Proof of presence is the
// code and the session it opened, as for a vote; nothing about the person is asked or kept, and text
// with a phone, ID or card number or an e-mail address is refused so none is kept by mistake. Text
// with offensive words is kept flagged, and the resident is thanked all the same.
#include <set>

#include "hub/core/request_decoding.hpp"
#include "hub/core/suggestion_text.hpp"
#include "hub/core/unit_names.hpp"
#include "resident_context.hpp"
#include "wire/endpoints.hpp"
#include "wire/list_limits.hpp"

namespace hub::phone {

namespace {

namespace ep = wire::endpoint;

// The units a suggestion may be about: those of the hall's current list, as pages show them.
std::vector<std::string> unitsOf(const wire::CommitmentList* list) {
  std::set<std::string> seen;
  std::vector<std::string> units;
  if (list)
    for (const auto& c : list->commitments)
      if (const std::string unit = unitKey(c.holder.unit); !unit.empty() && seen.insert(unit).second)
        units.push_back(unit);
  return units;
}

std::string_view problemKey(suggestion::TextProblem p) {
  switch (p) {
    case suggestion::TextProblem::Empty: return "suggest_empty";
    case suggestion::TextProblem::TooLong: return "suggest_too_long";
    case suggestion::TextProblem::PersonalNumber: return "suggest_personal_number";
    case suggestion::TextProblem::Email: return "suggest_email";
    case suggestion::TextProblem::NotText: return "suggest_not_text";
    case suggestion::TextProblem::None: break;
  }
  return "phone_bad_form";
}

struct FormState {
  std::string about, text, error;
};

Response formPage(Residents& impl, const Visit& visit, const TrustedCode& code, const SuggestionPeriod& period,
                  const std::string& sessionId, const wire::CommitmentList* list, const FormState& state, int status) {
  const Strings& t = visit.t;
  const std::string self = std::string(ep::kPhoneRoot) + visit.parts.at(0);
  Data d{Data::type::object};
  d.set("hall", impl.halls.names(impl.now()).nameOf(code.hall));
  d.set("topic", period.topic);
  d.set("closes", replaceText(t["suggest_closes"], "{day}", period.closesDay));
  d.set("action", self + "/suggest" + langQuery(t));
  d.set("csrf", csrfFor(sessionId));
  Data abouts{Data::type::list};
  const auto option = [&](const std::string& value, const std::string& label) {
    Data o{Data::type::object};
    o.set("value", value);
    o.set("label", label);
    if (value == state.about) o.set("chosen", true);
    abouts.push_back(std::move(o));
  };
  option("", t["suggest_about_hall"]);
  for (const auto& unit : unitsOf(list)) option(unit, unit);
  d.set("abouts", abouts);
  d.set("text", state.text);
  d.set("max", std::to_string(wire::limits::kMaxSuggestionChars));
  d.set("limit", replaceText(t["suggest_limit"], "{n}", std::to_string(wire::limits::kMaxSuggestionChars)));
  if (!state.error.empty()) d.set("error", state.error);
  d.set("back", self + langQuery(t));
  Response res = renderPage(t, status, "phone_suggest", t["suggest_title"], std::move(d));
  res.headers.emplace_back("Cache-Control", "no-store");
  res.principal = "phone:" + code.source;
  return res;
}

// The code trusted, its session alive and the hall's period open — or the page saying which is not.
struct Admitted {
  TrustedCode code;
  std::string sessionId;
  SuggestionPeriod period;
};
std::variant<Admitted, Response> admit(Residents& impl, common::sql::Database& db, const Visit& visit) {
  const Strings& t = visit.t;
  if (!impl.suggestions) return messagePage(t, 404, t["phone_refused_title"], t["phone_not_found"], "");
  // A session leaves suggestions for its whole life, which outlasts the code that opened it.
  auto trusted = trustCode(impl, db, visit, impl.phone.codeLifetimeSeconds + impl.phone.sessionSeconds);
  if (auto* page = std::get_if<Response>(&trusted)) return std::move(*page);
  TrustedCode code = std::get<TrustedCode>(std::move(trusted));
  const std::string sessionId = cookieValue(visit.request.cookie, kPhoneCookie).value_or("");
  if (!impl.sessions.find(sessionId, code.key, impl.now())) return refused(t, 403, "phone_session_over", code.source);
  const auto period = impl.suggestions->latestPeriod(code.hall);
  if (!period || !period->takesSuggestions(impl.now()))
    return messagePage(t, 410, t["suggest_refused_title"], t["suggest_no_period"], "");
  return Admitted{std::move(code), sessionId, *period};
}

}  // namespace

void offerSuggestion(Residents& impl, Data& page, const std::string& hall, const std::string& codeText,
                     const Strings& t) {
  if (!impl.suggestions) return;
  const auto period = impl.suggestions->latestPeriod(hall);
  if (!period || !period->takesSuggestions(impl.now())) return;
  page.set("suggest", std::string(ep::kPhoneRoot) + codeText + "/suggest" + langQuery(t));
  page.set("suggest_topic", period->topic);
}

Response suggestionForm(Residents& impl, const Visit& visit) {
  auto lease = impl.readers.lease();
  auto admitted = admit(impl, lease.db(), visit);
  if (auto* page = std::get_if<Response>(&admitted)) return std::move(*page);
  const auto& a = std::get<Admitted>(admitted);
  const auto list = impl.catalog.current(lease.db(), a.code.hall);
  return formPage(impl, visit, a.code, a.period, a.sessionId, list.get(), {}, 200);
}

Response leaveSuggestion(Residents& impl, const Visit& visit) {
  const Strings& t = visit.t;
  auto lease = impl.readers.lease();
  auto admitted = admit(impl, lease.db(), visit);
  if (auto* page = std::get_if<Response>(&admitted)) return std::move(*page);
  const auto& a = std::get<Admitted>(admitted);
  const auto form = parseFields(visit.request.body);
  if (!form) return messagePage(t, 400, t["suggest_refused_title"], t["phone_bad_form"], "");
  const auto field = [&](const char* name) {
    const auto it = form->find(name);
    return it == form->end() ? std::string() : it->second;
  };
  if (!sameSecret(field("csrf"), csrfFor(a.sessionId))) return refused(t, 403, "phone_bad_form", a.code.source);
  const auto list = impl.catalog.current(lease.db(), a.code.hall);
  FormState state{field("about"), suggestion::normalised(field("text")), ""};
  if (!state.about.empty()) {
    const auto units = unitsOf(list.get());
    if (std::find(units.begin(), units.end(), state.about) == units.end())
      return messagePage(t, 400, t["suggest_refused_title"], t["phone_bad_form"], "");
  }
  if (const auto problem = suggestion::problemOf(state.text); problem != suggestion::TextProblem::None) {
    // The form again, the text as written (minus what cannot be shown), and what to change.
    if (problem == suggestion::TextProblem::NotText) state.text.clear();
    state.error = t[problemKey(problem)];
    return formPage(impl, visit, a.code, a.period, a.sessionId, list.get(), state, 422);
  }
  if (!impl.sessions.noteSuggestion(a.sessionId, impl.now())) return refused(t, 429, "suggest_used_up", a.code.source);
  const auto added = impl.suggestions->add(a.code.hall, state.about, state.text, suggestion::offensive(state.text),
                                           a.code.source, impl.now());
  if (added.outcome == SuggestionStore::AddOutcome::NoPeriod)
    return messagePage(t, 410, t["suggest_refused_title"], t["suggest_no_period"], "");
  if (added.outcome == SuggestionStore::AddOutcome::Full)
    return messagePage(t, 503, t["suggest_refused_title"], t["suggest_full"], "");
  Data d{Data::type::object};
  d.set("heading", t["suggest_thanks_title"]);
  d.set("title", a.period.topic);
  d.set("more_label", t["phone_back"]);
  d.set("message", replaceText(t["suggest_thanks"], "{n}", std::to_string(added.number)));
  d.set("more", std::string(ep::kPhoneRoot) + visit.parts.at(0) + langQuery(t));
  Response res = renderPage(t, 201, "phone_thanks", t["suggest_thanks_title"], std::move(d));
  res.headers.emplace_back("Cache-Control", "no-store");
  res.principal = "phone:" + a.code.source;
  return res;
}

}  // namespace hub::phone
