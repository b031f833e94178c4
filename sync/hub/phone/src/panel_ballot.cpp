// The 评议会 ballot on a panelist's phone (GET and POST /v/panel/<code>): the one-time code on their
// slip opens a form with every commitment of the panel and its grades (or 不评); submitted once,
// counted by category only (hub/store/panel_store.hpp), never into the public's tallies. The code
// is the credential: no session, and the form's token is derived from it.
#include <openssl/crypto.h>

#include "hub/core/request_decoding.hpp"
#include "hub/store/panel_store.hpp"
#include "resident_context.hpp"
#include "wire/crypto.hpp"
#include "wire/endpoints.hpp"
#include "wire/panel_ballot.hpp"

namespace hub::phone {

namespace {

std::string panelCsrfFor(const std::string& code) { return wire::sha256Hex("panel-csrf/" + code).substr(0, 32); }

Response refusedBallot(const Strings& t, int status, std::string_view why) {
  Response res = messagePage(t, status, t["panel_refused_title"], t[why], t["panel_ask_organiser"]);
  res.principal = "panel/refused:" + std::string(why);
  return res;
}

// The seat the code in the path opens, or the page refusing it.
std::variant<PanelStore::CodeSeat, Response> seatOf(Residents& impl, const Visit& visit) {
  const Strings& t = visit.t;
  const std::string& code = visit.parts.at(0);
  if (!impl.panels) return messagePage(t, 404, t["panel_refused_title"], t["phone_not_found"], "");
  if (!wire::isPanelCode(code)) return refusedBallot(t, 400, "panel_code_unreadable");
  auto seat = impl.panels->findCode(code);
  if (!seat) return refusedBallot(t, 404, "panel_code_unknown");
  if (seat->panel.closedUnix != 0) return refusedBallot(t, 410, "panel_over");
  if (seat->used) return refusedBallot(t, 410, "panel_code_used");
  return std::move(*seat);
}

}  // namespace

Response panelBallotPage(Residents& impl, const Visit& visit) {
  const Strings& t = visit.t;
  auto found = seatOf(impl, visit);
  if (auto* page = std::get_if<Response>(&found)) return std::move(*page);
  const auto& seat = std::get<PanelStore::CodeSeat>(found);
  auto lease = impl.readers.lease();
  const auto list = impl.catalog.current(lease.db(), seat.panel.hall);
  Data items{Data::type::list};
  for (const auto& id : seat.ballotItems()) {  // 互评: never the member's own commitments
    const wire::Commitment* c = list ? list->find(id) : nullptr;
    Data item{Data::type::object};
    item.set("id", id);
    item.set("title", c ? c->title : id);
    item.set("holder", c ? c->holder.name + (c->holder.unit.empty() ? "" : " · " + c->holder.unit) : std::string());
    Data grades{Data::type::list};
    for (const auto g : panel::gradesOf(seat.panel.scale)) {
      Data grade{Data::type::object};
      grade.set("value", std::string(panel::nameOf(g)));
      grade.set("label", t["panel_grade_" + std::string(panel::nameOf(g))]);
      grades.push_back(grade);
    }
    item.set("grades", grades);
    items.push_back(item);
  }
  Data d{Data::type::object};
  d.set("title", seat.panel.title);
  d.set("hall", impl.halls.names(impl.now()).nameOf(seat.panel.hall));
  d.set("category", t["panel_category_" + seat.category]);
  d.set("items", items);
  d.set("action", std::string(wire::endpoint::kPhoneRoot) + "panel/" + visit.parts.at(0) + "?lang=" + t.lang);
  d.set("csrf", panelCsrfFor(visit.parts.at(0)));
  Response res = renderPage(t, 200, "panel_ballot", seat.panel.title, std::move(d));
  res.headers.emplace_back("Cache-Control", "no-store");
  res.principal = "panel:" + std::to_string(seat.panel.id);
  return res;
}

Response castPanelBallot(Residents& impl, const Visit& visit) {
  const Strings& t = visit.t;
  auto found = seatOf(impl, visit);
  if (auto* page = std::get_if<Response>(&found)) return std::move(*page);
  const auto& seat = std::get<PanelStore::CodeSeat>(found);
  const auto form = parseFields(visit.request.body);
  if (!form) return messagePage(t, 400, t["panel_refused_title"], t["phone_bad_form"], "");
  const auto csrf = form->find("csrf");
  const std::string expected = panelCsrfFor(visit.parts.at(0));
  if (csrf == form->end() || csrf->second.size() != expected.size() ||
      CRYPTO_memcmp(csrf->second.data(), expected.data(), expected.size()) != 0)
    return refusedBallot(t, 403, "phone_bad_form");
  // The form's fields for this seat's commitments only: a field for the member's own (a crafted
  // form) is refused, not quietly dropped.
  for (const auto& own : seat.ownItems)
    if (form->count("g_" + own)) return refusedBallot(t, 400, "panel_own_commitment");
  const auto grades = panel::ballotOf(seat.ballotItems(), seat.panel.scale, [&](const std::string& id) {
    const auto it = form->find("g_" + id);
    return it == form->end() ? std::nullopt : std::optional<std::string>(it->second);
  });
  if (!grades) return messagePage(t, 400, t["panel_refused_title"], t["phone_bad_form"], "");
  switch (impl.panels->cast(visit.parts.at(0), *grades, impl.now())) {
    case BallotOutcome::Counted: break;
    case BallotOutcome::AlreadyUsed: return refusedBallot(t, 410, "panel_code_used");
    case BallotOutcome::Closed: return refusedBallot(t, 410, "panel_over");
    case BallotOutcome::UnknownCode: return refusedBallot(t, 404, "panel_code_unknown");
    case BallotOutcome::OwnCommitment: return refusedBallot(t, 400, "panel_own_commitment");
  }
  Response res = messagePage(t, 200, t["panel_thanks_title"], t["panel_thanks"], "");
  res.principal = "panel:" + std::to_string(seat.panel.id);
  return res;
}

}  // namespace hub::phone
