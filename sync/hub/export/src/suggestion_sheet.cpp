#include "hub/export/suggestion_sheet.hpp"

#include <map>

#include "common/iso_time.hpp"

namespace hub {

namespace {

std::string localDay(std::int64_t utcOffsetMinutes, std::int64_t unixSeconds) {
  return common::isoTimestamp({unixSeconds, static_cast<std::int32_t>(utcOffsetMinutes * 60)}).substr(0, 10);
}

std::string outcomeOf(const Suggestion& s, const Strings& t) {
  switch (s.state) {
    case SuggestionState::New: return t["suggestions_waiting"];
    case SuggestionState::Accepted: return t["suggestions_accepted"];
    case SuggestionState::Merged: return replaceText(t["suggestions_merged_into"], "{n}", std::to_string(s.mergedInto));
    case SuggestionState::Rejected: return t["suggestions_rejected"];
  }
  return {};
}

}  // namespace

SheetTable suggestionSheet(const LedgerSources& src, const LedgerScope& scope, const Strings& t) {
  SheetTable sheet{t["suggestions_title"] + " " + scope.from + " — " + scope.to,
                   {t["hall"], t["suggestions_number"], t["suggestions_when"], t["suggest_about"],
                    t["suggestions_text"], t["suggestions_decision"], t["suggestions_reason"], t["suggestions_decider"],
                    t["suggestions_decided_on"], t["suggestions_cited"]},
                   {}};
  if (!src.suggestions) return sheet;
  const std::int64_t offset = scope.utcOffsetMinutes * 60;
  const std::int64_t from = common::dayNumber(scope.from) * 86'400 - offset;
  const std::int64_t to = (common::dayNumber(scope.to) + 1) * 86'400 - offset;
  const auto received = src.suggestions->receivedBetween(scope.hallsInView, from, to, kMaxSuggestionRows);
  // Which commitments of each hall's current list cite each suggestion: "王丽：社保业务一次办好".
  std::map<std::string, std::map<std::int64_t, std::string>> citedBy;
  for (const auto& s : received) {
    if (citedBy.count(s.hall)) continue;
    auto& cited = citedBy[s.hall];
    if (const auto list = src.catalog.current(src.db, s.hall))
      for (const auto& c : list->commitments)
        for (const auto& a : c.answers)
          cited[a.number] += (cited[a.number].empty() ? "" : "；") + c.holder.name + "：" + c.title;
  }
  for (const auto& s : received) {
    const auto& cited = citedBy[s.hall];
    const auto by = cited.find(s.number);
    const auto who = scope.people.find(s.decidedBy);
    sheet.rows.push_back({scope.hallNames.nameOf(s.hall), s.number, localDay(scope.utcOffsetMinutes, s.createdUnix),
                          s.about.empty() ? t["suggest_about_hall"] : s.about,
                          s.flagged ? t["suggestions_hidden"] : s.text, outcomeOf(s, t), s.reason,
                          s.decidedBy.empty()         ? std::string()
                          : who == scope.people.end() ? s.decidedBy
                                                      : who->second,
                          s.decidedUnix ? localDay(scope.utcOffsetMinutes, s.decidedUnix) : std::string(),
                          by == cited.end() ? std::string() : by->second});
  }
  return sheet;
}

}  // namespace hub
