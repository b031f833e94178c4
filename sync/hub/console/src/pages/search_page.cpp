// 搜索: from the box in every page's header, a commitment (by id, holder, post, title or unit), a
// unit, or a rectification case (by number, or its commitment's id or holder) in the halls the
// user may see — found in the halls' current lists and the case store, never in another hall's.
// Matching is by substring, letters compared without case; each kind lists at most kShown.
#include <algorithm>
#include <set>

#include "../page_context.hpp"
#include "hub/core/unit_names.hpp"

namespace hub::console {

namespace {

constexpr std::size_t kShown = 50;
constexpr std::size_t kMaxQueryBytes = 100;

std::string folded(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

Response searchPage(PageContext& ctx) {
  const Strings& t = ctx.t;
  const std::string q = trimmed(ctx.param("q"));
  if (q.size() > kMaxQueryBytes) throw PageError{400, "err_search_long"};
  Data content;
  content.set("query", q);  // not "q": renderPage sets that to the hall picker's query
  content.set("searched", !q.empty());
  if (q.empty()) return renderPage(ctx, "search", t["search_title"], content, false);
  const std::string needle = folded(q);
  const auto has = [&](const std::string& text) { return folded(text).find(needle) != std::string::npos; };

  Data commitments{Data::type::list};
  std::size_t commitmentHits = 0;
  std::set<std::string> units;
  std::map<std::pair<std::string, std::string>, std::string> holders;  // (hall, id) → holder, for cases
  for (const auto& hall : ctx.halls) {
    const auto list = ctx.catalog.current(ctx.db, hall);
    if (!list) continue;
    for (const auto& c : list->commitments) {
      holders[{hall, c.id}] = c.holder.name;
      if (!c.holder.unit.empty() && has(c.holder.unit)) units.insert(unitKey(c.holder.unit));
      if (!(has(c.id) || has(c.holder.name) || has(c.holder.post) || has(c.holder.unit) || has(c.title))) continue;
      if (++commitmentHits > kShown) continue;
      Data d;
      d.set("hall", ctx.hallName(hall));
      d.set("id", c.id);
      d.set("holder", c.holder.name);
      d.set("title", c.title);
      d.set("unit", c.holder.unit);
      d.set("href", paths::fill(paths::kCommitment, urlEncode(c.id)) + "?hall=" + urlEncode(hall));
      commitments.push_back(d);
    }
  }
  Data unitRows{Data::type::list};
  for (const auto& unit : units) {
    if (unitRows.list_value().size() >= kShown) break;
    Data d;
    d.set("unit", unit);
    d.set("href", std::string(paths::kCommitments) + "?unit=" + urlEncode(unit));
    unitRows.push_back(d);
  }
  // A case by its number ("12", "#12", "案件 12") or by its commitment's id or holder.
  std::string number;
  for (const char c : q)
    if (c >= '0' && c <= '9') number += c;
  // Digits among words ("#12", "案件 12", "12 号"), not part of an id such as c-0101.
  const bool byNumber = !number.empty() && number.size() <= 12 && std::none_of(q.begin(), q.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.';
  });
  Data cases{Data::type::list};
  std::size_t caseHits = 0;
  for (const auto& c : ctx.cases.list(ctx.halls)) {
    const auto holder = holders.find({c.hall, c.commitmentId});
    const std::string holderName = holder == holders.end() ? std::string() : holder->second;
    const bool hit =
        (byNumber && std::to_string(c.id) == number) || has(c.commitmentId) || (!holderName.empty() && has(holderName));
    if (!hit || ++caseHits > kShown) continue;
    Data d;
    d.set("id", std::to_string(c.id));
    d.set("hall", ctx.hallName(c.hall));
    d.set("commitment", c.commitmentId);
    d.set("holder", holderName);
    d.set("state", caseStateLabel(t, c.state));
    d.set("deadline", c.deadline);
    d.set("href", paths::fill(paths::kCase, std::to_string(c.id)));
    cases.push_back(d);
  }
  const auto more = [&](std::size_t hits) {
    return hits > kShown ? replaceText(t["search_more"], "{n}", std::to_string(hits - kShown)) : std::string();
  };
  content.set("commitments", commitments);
  content.set("commitments_more", more(commitmentHits));
  content.set("units", unitRows);
  content.set("cases", cases);
  content.set("cases_more", more(caseHits));
  content.set("has_commitments", !commitments.is_empty_list());
  content.set("has_units", !unitRows.is_empty_list());
  content.set("has_cases", !cases.is_empty_list());
  content.set("nothing", commitments.is_empty_list() && unitRows.is_empty_list() && cases.is_empty_list());
  content.set("nothing_text", replaceText(t["search_nothing"], "{q}", q));
  return renderPage(ctx, "search", t["search_title"], content, false);
}

}  // namespace hub::console
