// Decides whether a rating counts as a vote or is only kept as a filtered tap for audit.
// Pure and single-threaded: owned by the Session, fed an injected time.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "kiosk/core/clock.hpp"

namespace kiosk {

enum class Verdict {
  Counted,
  FilteredResponseInterval,  // within the response interval after the last counted vote
  FilteredRepeat,            // this commitment was already rated in this session
};

bool isCounted(Verdict v);

class VotePolicy {
 public:
  explicit VotePolicy(Millis responseInterval) : interval_(responseInterval) {}

  // What a rating of `commitmentId` at `now` would be; changes nothing.
  Verdict judge(const std::string& commitmentId, Instant now) const;
  // Called only once the vote is durably stored, so a failed write leaves the policy untouched.
  void remember(const std::string& commitmentId, Verdict verdict, Instant now);
  // A new resident: forget which commitments were rated (the response interval still holds).
  void newSession() { rated_.clear(); }
  // A new interval from signed settings; what was remembered is kept and judged by it.
  void setInterval(Millis responseInterval) { interval_ = responseInterval; }

 private:
  Millis interval_;
  std::optional<Instant> lastCounted_;
  std::set<std::string> rated_;
};

}  // namespace kiosk
