// 征求意见 (issue 28 §3): before a hall's new list is drafted, its staff open a suggestion period
// (a topic and a closing day); residents leave suggestions from their phones (hub/phone); the staff
// of the hall accept them, merge a repeat into an accepted one, or reject them with a reason. A
// suggestion with offensive words is shown — text and all — to administrators only, and only they
// decide it. The accepted ones are what the 承诺清单's 群众意见 column may cite; this page says which
// the hall's current list already answers.
#include <set>

#include "../page_context.hpp"
#include "common/iso_time.hpp"
#include "common/utf8.hpp"
#include "hub/store/suggestion_store.hpp"
#include "wire/list_limits.hpp"

namespace hub::console {

namespace {

constexpr std::size_t kListed = 200;  // per section: a period's busiest days, not its archive

std::string pickedHall(const PageContext& ctx) {
  if (!ctx.hall.empty()) return ctx.hall;
  return ctx.halls.size() == 1 ? ctx.halls.front() : std::string();
}

std::string field(const Fields& form, const char* name) {
  const auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

// The first `n` characters of a text (whole UTF-8 characters), "…" when cut: a merge target's label.
std::string firstChars(const std::string& text, std::size_t n) {
  std::size_t at = 0;
  for (std::size_t chars = 0; at < text.size() && chars < n; ++chars) {
    const auto lead = static_cast<unsigned char>(text[at]);
    at += lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  }
  return at >= text.size() ? text : text.substr(0, at) + "…";
}

bool mayRead(const PageContext& ctx, const Suggestion& s) { return !s.flagged || ctx.user.role == UserRole::Admin; }

// Which commitments of the hall's current list cite each suggestion.
std::map<std::int64_t, std::vector<std::string>> citedBy(PageContext& ctx, const std::string& hall) {
  std::map<std::int64_t, std::vector<std::string>> out;
  if (const auto list = ctx.catalog.current(ctx.db, hall))
    for (const auto& c : list->commitments)
      for (const auto& a : c.answers) out[a.number].push_back(c.holder.name + "：" + c.title);
  return out;
}

Data rowOf(const PageContext& ctx, const Suggestion& s) {
  const Strings& t = ctx.t;
  Data row;
  row.set("number", std::to_string(s.number));
  row.set("about", s.about.empty() ? t["suggest_about_hall"] : s.about);
  row.set("text", mayRead(ctx, s) ? s.text : t["suggestions_hidden"]);
  row.set("hidden", !mayRead(ctx, s));
  row.set("flagged", s.flagged);
  row.set("when", localTime(ctx, s.createdUnix).substr(0, 16));
  row.set("source", s.source == "poster" ? t["suggestions_from_poster"]
                                         : replaceText(t["suggestions_from_kiosk"], "{kiosk}", s.source));
  if (s.decidedUnix != 0) {
    row.set("decided", replaceText(replaceText(t["suggestions_decided_by"], "{who}", ctx.personName(s.decidedBy)),
                                   "{when}", localTime(ctx, s.decidedUnix).substr(0, 10)));
  }
  if (s.state == SuggestionState::Merged)
    row.set("outcome", replaceText(t["suggestions_merged_into"], "{n}", std::to_string(s.mergedInto)));
  if (s.state == SuggestionState::Rejected) row.set("outcome", t["suggestions_rejected"] + "：" + s.reason);
  return row;
}

Response backTo(const std::string& hall, const std::string& note = "") {
  return {303,
          "text/plain; charset=utf-8",
          "",
          {{"Location", std::string(paths::kSuggestions) + "?hall=" + urlEncode(hall) +
                            (note.empty() ? std::string() : "&done=" + note)}}};
}

}  // namespace

Response suggestionsPage(PageContext& ctx) {
  const Strings& t = ctx.t;
  Data content;
  const std::string hall = pickedHall(ctx);
  if (hall.empty()) {
    content.set("pick_hall", true);
    return renderPage(ctx, "suggestions", t["suggestions_title"], content, true, false);
  }
  SuggestionStore& store = *ctx.suggestions;
  content.set("csrf", ctx.session.csrf);
  content.set("hall", hall);
  content.set("hall_name", ctx.hallName(hall));
  if (const auto done = ctx.param("done"); done == "open" || done == "close" || done == "decide")
    content.set("done", t["suggestions_done_" + done]);
  const auto period = store.latestPeriod(hall);
  if (period && period->takesSuggestions(ctx.now)) {
    content.set("open", true);
    content.set("period_line",
                replaceText(replaceText(replaceText(t["suggestions_open_line"], "{topic}", period->topic), "{day}",
                                        period->closesDay),
                            "{who}", ctx.personName(period->openedBy)));
  } else {
    if (period)
      content.set("last_line", replaceText(replaceText(t["suggestions_last_line"], "{topic}", period->topic), "{day}",
                                           period->closedUnix != 0 ? localTime(ctx, period->closedUnix).substr(0, 10)
                                                                   : period->closesDay));
    content.set("next_topic", replaceText(t["suggestions_default_topic"], "{year}",
                                          std::to_string(std::stoi(ctx.today.substr(0, 4)) + 1)));
    content.set("next_day", common::dayText(common::dayNumber(ctx.today) + 14));
  }

  Data waiting{Data::type::list};
  for (const auto& s : store.ofHall(hall, SuggestionState::New, kListed)) {
    Data row = rowOf(ctx, s);
    row.set("may_decide", mayRead(ctx, s));  // a flagged one: administrators only
    waiting.push_back(row);
  }
  content.set("waiting", waiting);
  const auto merged = store.mergedCounts(hall);
  const auto cited = citedBy(ctx, hall);
  Data accepted{Data::type::list};
  Data targets{Data::type::list};
  for (const auto& s : store.ofHall(hall, SuggestionState::Accepted, kListed)) {
    Data row = rowOf(ctx, s);
    if (const auto m = merged.find(s.number); m != merged.end())
      row.set("merged", replaceText(t["suggestions_merged_count"], "{n}", std::to_string(m->second)));
    std::string by;
    if (const auto c = cited.find(s.number); c != cited.end())
      for (const auto& line : c->second) by += (by.empty() ? "" : "；") + line;
    row.set("cited", by.empty() ? t["suggestions_not_cited"] : by);
    row.set("is_cited", !by.empty());
    accepted.push_back(row);
    Data target;
    target.set("number", std::to_string(s.number));
    target.set("label",
               std::to_string(s.number) + " · " + firstChars(mayRead(ctx, s) ? s.text : t["suggestions_hidden"], 24));
    targets.push_back(target);
  }
  content.set("accepted", accepted);
  content.set("targets", targets);
  content.set("has_targets", !targets.is_empty_list());
  Data decided{Data::type::list};
  for (const auto state : {SuggestionState::Merged, SuggestionState::Rejected})
    for (const auto& s : store.ofHall(hall, state, kListed)) decided.push_back(rowOf(ctx, s));
  content.set("has_decided", !decided.is_empty_list());
  content.set("decided", decided);
  content.set("lists_link", ctx.user.role == UserRole::Admin);
  return renderPage(ctx, "suggestions", t["suggestions_title"], content, true, false);
}

Response suggestionForm(PageContext& ctx, const Fields& form) {
  const std::string hall = field(form, "hall");
  if (!wire::limits::isSafeId(hall)) throw PageError{400, "err_hall_id"};
  if (!ctx.user.mayReadHall(hall)) throw PageError{403, replaceText(ctx.t["err_not_your_hall"], "{hall}", hall)};
  SuggestionStore& store = *ctx.suggestions;
  const std::string step = field(form, "step");
  if (step == "open") {
    const std::string topic = field(form, "topic");
    if (topic.empty() || common::countCharacters(topic) > 60) throw PageError{400, "err_suggestions_topic"};
    const auto day = common::readDay(field(form, "closes"));
    if (!day || *day < ctx.today) throw PageError{400, "err_suggestions_day"};
    // Taken until the end of that day in the halls' time.
    const std::int64_t closes = (common::dayNumber(*day) + 1) * 86'400 - ctx.config.utcOffsetMinutes * 60;
    try {
      store.openPeriod(hall, topic, closes, *day, ctx.user.login, ctx.now);
    } catch (const std::invalid_argument&) {
      throw PageError{409, "err_suggestions_open"};
    }
    ctx.accounts.audit(ctx.user.login, "suggestions_open", hall + " until " + *day + ": " + topic, ctx.request.peer,
                       ctx.now);
    return backTo(hall, "open");
  }
  if (step == "close") {
    if (!store.closePeriod(hall, ctx.now)) throw PageError{409, "err_suggestions_none_open"};
    ctx.accounts.audit(ctx.user.login, "suggestions_close", hall, ctx.request.peer, ctx.now);
    return backTo(hall, "close");
  }
  if (step != "decide") throw PageError{400, "err_no_such_form", {{"{path}", ctx.path}}};
  const auto number = [&](const char* name) -> std::int64_t {
    const std::string v = field(form, name);
    if (v.empty() || v.size() > 12 || v.find_first_not_of("0123456789") != std::string::npos)
      throw PageError{400, "err_suggestions_number"};
    return std::stoll(v);
  };
  const std::int64_t n = number("number");
  const auto s = store.get(n);
  if (!s || s->hall != hall) throw PageError{404, "err_suggestions_number"};
  if (!mayRead(ctx, *s)) throw PageError{403, "err_suggestions_admins_only"};
  const std::string decision = field(form, "decision");
  SuggestionDecision d;
  if (decision == "accept") {
    d.to = SuggestionState::Accepted;
  } else if (decision == "merge") {
    d.to = SuggestionState::Merged;
    d.into = number("into");
  } else if (decision == "reject") {
    d.to = SuggestionState::Rejected;
    d.reason = field(form, "reason");
    if (common::countCharacters(d.reason) > 100) throw PageError{400, "err_suggestions_reason"};
  } else {
    throw PageError{400, "err_no_such_form", {{"{path}", ctx.path}}};
  }
  switch (store.decide(n, d, ctx.user.login, ctx.now)) {
    case DecisionOutcome::Done: break;
    case DecisionOutcome::NotFound: throw PageError{404, "err_suggestions_number"};
    case DecisionOutcome::AlreadyDecided: throw PageError{409, "err_suggestions_decided"};
    case DecisionOutcome::NeedsReason: throw PageError{400, "err_suggestions_reason"};
    case DecisionOutcome::BadMergeTarget: throw PageError{400, "err_suggestions_merge"};
  }
  ctx.accounts.audit(ctx.user.login, "suggestion_" + decision,
                     hall + " #" + std::to_string(n) + (d.into ? " into #" + std::to_string(d.into) : "") +
                         (d.reason.empty() ? "" : ": " + d.reason.substr(0, 200)),
                     ctx.request.peer, ctx.now);
  return backTo(hall, "decide");
}

}  // namespace hub::console
