// The rectification rule applied: every hall's commitments over the rule in the last window get a
// case (or their closed case reopened), opened by "rule" with the counts that crossed it.
#include <map>

#include "../page_context.hpp"
#include "hub/core/case_rule.hpp"

namespace hub::console {

void sweepCases(const CaseSweep& ctx) {
  const std::string from = addDays(ctx.today, 1 - ctx.config.caseWindowDays);
  const auto window = queries::tallies(ctx.db, from, ctx.today, std::nullopt, TallyGroup::Commitment);
  std::map<std::pair<std::string, std::string>, LatestCase> latest;
  std::map<std::pair<std::string, std::string>, std::int64_t> ids;
  for (const auto& c : ctx.cases.list(std::nullopt)) {  // newest first: the first seen is the latest
    const std::pair key{c.hall, c.commitmentId};
    if (latest.count(key)) continue;
    latest[key] = {c.state, c.closedDay};
    ids[key] = c.id;
  }
  const auto deadline = caseDeadline(ctx.today, static_cast<int>(ctx.config.caseWorkingDays), ctx.config.calendar);
  for (const auto& hit : ruleHits(window, from, ctx.api.rectify, latest)) {
    const auto& r = hit.counts;
    const std::string why = replaceText(
        replaceText(replaceText(ctx.t["case_rule_trigger"], "{d}", std::to_string(ctx.config.caseWindowDays)), "{p}",
                    percent(wire::sharesOf({r.good, r.fair, r.poor}).fairOrWorse)),
        "{n}", std::to_string(r.total()));
    if (hit.action == RuleHit::Action::Open) {
      if (const auto opened = ctx.cases.open(r.hall, r.commitmentId, ctx.today, deadline, "rule", why, ctx.now))
        ctx.accounts.audit("rule", "case_open", std::to_string(opened->id) + " " + r.hall + " " + r.commitmentId,
                           "local", ctx.now);
    } else {
      const auto id = ids.at({r.hall, r.commitmentId});
      if (ctx.cases.take(id, CaseStep::Reopen, CaseActor::Rule, "rule", why, ctx.today, deadline, ctx.now).empty())
        ctx.accounts.audit("rule", "case_step", std::to_string(id) + " reopen", "local", ctx.now);
    }
  }
}

}  // namespace hub::console
