#include "hub/core/case_rule.hpp"

namespace hub {

std::vector<RuleHit> ruleHits(const std::vector<TallyRow>& window, const std::string& windowFrom,
                              const RectificationRule& rule,
                              const std::map<std::pair<std::string, std::string>, LatestCase>& latest) {
  std::vector<RuleHit> hits;
  for (const auto& row : window) {
    if (!rule.applies({row.good, row.fair, row.poor})) continue;
    const auto it = latest.find({row.hall, row.commitmentId});
    if (it == latest.end()) {
      hits.push_back({RuleHit::Action::Open, row});
      continue;
    }
    if (isOpen(it->second.state)) continue;
    if (it->second.endedDay < windowFrom) hits.push_back({RuleHit::Action::Reopen, row});
  }
  return hits;
}

}  // namespace hub
