// What the 评议会 screen shows (issue 28): the step of a panelist's ballot, the code typed so far,
// the ballot to grade and what went wrong last — a plain value the app's PanelFlow keeps up to
// date and the UI draws, as PinPrompt is for staff mode. Single-threaded (UI thread).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct PanelPrompt {
  static constexpr std::size_t kCodeDigits = 10;
  // Typing: the code pad. Waiting: the hub is being asked. Ballot: grading. Done: counted, thanks.
  enum class Step { Typing, Waiting, Ballot, Done };
  Step step = Step::Typing;
  std::string digits;   // the code typed so far (shown: the panelist reads it against the slip)
  std::string problem;  // why the last step did not go on, as a string table key; "" when nothing did
  // The ballot: the seat's category, the grades best first (wire names: good, fairly_good, fair,
  // poor), the commitments' ids in order, and each one's answer: an index into grades, grades.size()
  // for 不评, nothing yet.
  std::string category;
  std::vector<std::string> grades, items;
  std::vector<std::optional<std::size_t>> answers;
  std::size_t unanswered() const {
    std::size_t n = 0;
    for (const auto& a : answers) n += a ? 0u : 1u;
    return n;
  }
};

}  // namespace kiosk
