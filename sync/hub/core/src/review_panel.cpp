#include "hub/core/review_panel.hpp"

#include <algorithm>

namespace hub::panel {

std::optional<Grade> gradeFromName(std::string_view name) {
  for (std::size_t i = 0; i < kGradeNames.size(); ++i)
    if (kGradeNames[i] == name) return static_cast<Grade>(i);
  return std::nullopt;
}

std::string_view nameOf(Grade g) { return kGradeNames[static_cast<std::size_t>(g)]; }

std::vector<Grade> gradesOf(Scale s) {
  if (s == Scale::Three) return {Grade::Good, Grade::Fair, Grade::Poor};
  return {Grade::Good, Grade::FairlyGood, Grade::Fair, Grade::Poor};
}

bool isCategory(std::string_view name) {
  for (const auto c : kCategories)
    if (c == name) return true;
  return false;
}

double GradeCounts::fairOrWorse() const {
  const std::int64_t n = graded();
  return n == 0 ? 0.0 : static_cast<double>(byGrade[2] + byGrade[3]) / static_cast<double>(n);
}

GradeCounts& GradeCounts::operator+=(const GradeCounts& o) {
  for (std::size_t i = 0; i < byGrade.size(); ++i) byGrade[i] += o.byGrade[i];
  skipped += o.skipped;
  return *this;
}

std::vector<ItemResult> results(const std::vector<std::string>& items, const PanelTally& tally,
                                const std::map<std::string, std::int64_t>& issuedByCategory, const Rule& rule) {
  std::int64_t all = 0, hidden = 0;
  for (const auto& [category, ballots] : tally.ballotsByCategory) {
    all += ballots;
    if (ballots < rule.privacyFloor) hidden += ballots;
  }
  const bool categoriesShown = hidden == 0 || hidden >= rule.privacyFloor;
  std::vector<ItemResult> out;
  for (const auto& id : items) {
    ItemResult item{id, {}, all >= rule.privacyFloor, {}, false};
    for (const auto category : kAllCategories) {  // a round has seats of a 评议会's or of 互评's
      const std::string name(category);
      if (!issuedByCategory.count(name)) continue;
      CategoryResult c{name, 0, std::nullopt};
      if (const auto b = tally.ballotsByCategory.find(name); b != tally.ballotsByCategory.end()) c.ballots = b->second;
      GradeCounts counts;
      if (const auto it = tally.counts.find({id, name}); it != tally.counts.end()) counts = it->second;
      item.overall += counts;
      if (categoriesShown && c.ballots >= rule.privacyFloor) c.counts = counts;
      item.categories.push_back(std::move(c));
    }
    // Who was asked about this commitment: every ballot on a panel; on a 互评 round all but its
    // holder. Fewer than the floor show only their number, in no category either.
    if (item.overall.graded() + item.overall.skipped < rule.privacyFloor) {
      item.overallShown = false;
      for (auto& c : item.categories) c.counts.reset();
    }
    item.overThreshold =
        item.overall.graded() >= rule.gradedAtLeast && item.overall.fairOrWorse() >= rule.fairOrWorseAtLeast;
    out.push_back(std::move(item));
  }
  return out;
}

std::optional<Ballot> ballotOf(const std::vector<std::string>& items, Scale scale,
                               const std::function<std::optional<std::string>(const std::string&)>& given) {
  const auto allowed = gradesOf(scale);
  Ballot ballot;
  for (const auto& id : items) {
    const auto answer = given(id);
    if (!answer || *answer == "skip") {
      ballot[id] = std::nullopt;
      continue;
    }
    const auto g = gradeFromName(*answer);
    if (!g || std::find(allowed.begin(), allowed.end(), *g) == allowed.end()) return std::nullopt;
    ballot[id] = *g;
  }
  return ballot;
}

}  // namespace hub::panel
