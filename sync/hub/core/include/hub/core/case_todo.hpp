// What an open case asks of whom, and by when: the to-do lists of the 整改 page and the overview,
// and the counts in the menu. Staff verify, rectify, report or explain; leaders and administrators
// review reports and appeals (待我复核). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "hub/core/case_lifecycle.hpp"

namespace hub {

enum class CaseTurn { Staff, Reviewer, Nobody };

// Whose step a case in `state` waits for (Nobody once closed, explained or disputed).
CaseTurn turnOf(CaseState state);

// Days from `today` to `deadline` (local ISO days): 0 = due today, negative = that many days late.
std::int64_t daysLeft(const std::string& deadline, const std::string& today);

}  // namespace hub
