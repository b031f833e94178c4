#include "hub/core/case_todo.hpp"

#include "common/iso_time.hpp"

namespace hub {

CaseTurn turnOf(CaseState state) {
  switch (state) {
    case CaseState::Verifying:
    case CaseState::Rectifying: return CaseTurn::Staff;
    case CaseState::AwaitingReview:
    case CaseState::Appealed: return CaseTurn::Reviewer;
    default: return CaseTurn::Nobody;
  }
}

std::int64_t daysLeft(const std::string& deadline, const std::string& today) {
  return common::dayNumber(deadline) - common::dayNumber(today);
}

}  // namespace hub
