// 评议会: a representative panel rating a hall's commitments on grades (issue 28) — the scale, the
// panelists' categories, and the results computed from the ballots' counts. Kept apart from the
// public's votes: a panel's grades never enter a tally. A category with fewer ballots than the
// privacy floor shows only how many ballots it gave, so no panelist's grades can be read off a
// small category. Pure; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::panel {

// The grades, best first. Four as the Zibo text has them (好 / 较好 / 一般 / 差); a three-grade
// panel leaves out 较好.
enum class Grade { Good, FairlyGood, Fair, Poor };
inline constexpr std::array<std::string_view, 4> kGradeNames{"good", "fairly_good", "fair", "poor"};
std::optional<Grade> gradeFromName(std::string_view name);
std::string_view nameOf(Grade g);

enum class Scale { Four, Three };
// The grades a ballot on this scale may give, best first.
std::vector<Grade> gradesOf(Scale s);

// A ballot from what a panelist gave for each commitment of `items` (`given(id)`: a grade's name,
// "skip" or nothing — both skipped): a grade or none for every item, or nothing when one names no
// grade of the scale. The phone's form and the kiosk's ballot both go through here.
using Ballot = std::map<std::string, std::optional<Grade>>;
std::optional<Ballot> ballotOf(const std::vector<std::string>& items, Scale scale,
                               const std::function<std::optional<std::string>(const std::string&)>& given);

// Who sits on the panel (两代表一委员, 服务对象, 党员群众代表): a code's category is the only thing
// about its holder a ballot keeps.
inline constexpr std::array<std::string_view, 5> kCategories{"npc_deputy", "party_deputy", "cppcc_member", "client",
                                                             "public_rep"};
bool isCategory(std::string_view name);

// 党员互评 (issue 28 §2) is a round of the same kind: the seats are a unit's party members, each
// rating the others' commitments — never their own — in the one category "party_member".
enum class Kind { Panel, Peer };
inline constexpr std::string_view kPeerCategory = "party_member";
// Every seat's category, in the order results list them: the 评议会's, then 互评's.
inline constexpr std::array<std::string_view, 6> kAllCategories{kCategories[0], kCategories[1], kCategories[2],
                                                                kCategories[3], kCategories[4], kPeerCategory};

// The ballots' grades for one commitment from one category: counts, never single ballots.
struct GradeCounts {
  std::array<std::int64_t, 4> byGrade = {};  // in Grade order
  std::int64_t skipped = 0;                  // ballots that left this commitment ungraded
  std::int64_t graded() const { return byGrade[0] + byGrade[1] + byGrade[2] + byGrade[3]; }
  // 一般及以下: fair and poor over the graded ballots (0 when none).
  double fairOrWorse() const;
  GradeCounts& operator+=(const GradeCounts& o);
};

struct CategoryResult {
  std::string category;
  std::int64_t ballots = 0;           // ballots the category cast (codes used)
  std::optional<GradeCounts> counts;  // absent: under the privacy floor, only `ballots` shown
};

struct ItemResult {
  std::string commitmentId;
  GradeCounts overall;  // every category's together
  bool overallShown =
      false;  // at least the floor's raters gave this commitment a grade or 不评; else only their number
  std::vector<CategoryResult> categories;
  bool overThreshold = false;  // 一般及以下 at or over the panel's threshold, with enough graded ballots
};

struct Rule {
  double fairOrWorseAtLeast = 0.3;  // the panel's own threshold, not the public rule's
  std::int64_t gradedAtLeast = 3;   // fewer graded ballots judge nothing
  std::int64_t privacyFloor = 5;    // a category with fewer ballots shows only its count
};

// Counts per (commitment, category) and the ballots each category cast, as the store keeps them.
struct PanelTally {
  std::map<std::pair<std::string, std::string>, GradeCounts> counts;
  std::map<std::string, std::int64_t> ballotsByCategory;
};

// One result per commitment of `items`, in that order; categories in kCategories' order, only those
// with codes issued (`issuedByCategory`). A category shows its grades only with at least the floor's
// ballots — and none does when the categories under the floor cast between one and the floor's
// ballots together, since the overall figure less the shown ones would give theirs.
std::vector<ItemResult> results(const std::vector<std::string>& items, const PanelTally& tally,
                                const std::map<std::string, std::int64_t>& issuedByCategory, const Rule& rule);

}  // namespace hub::panel
