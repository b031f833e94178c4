#include "hub/core/phone_sessions.hpp"

namespace hub {

bool PhoneSessions::allowRequest(const std::string& address, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  // A fixed window per minute: bounded by the addresses seen in one minute, forgotten after it.
  if (const std::int64_t minute = nowUnix / 60; minute != addressMinute_) {
    addressMinute_ = minute;
    addressRequests_.clear();
  }
  const auto it = addressRequests_.find(address);
  if (it == addressRequests_.end()) {
    if (addressRequests_.size() >= limits_.maxAddresses) return false;  // a flood from everywhere
    addressRequests_.emplace(address, 1);
    return true;
  }
  return ++it->second <= limits_.requestsPerAddressPerMinute;
}

bool PhoneSessions::aliveLocked(const PhoneSession& s, std::int64_t nowUnix) const {
  return nowUnix - s.openedUnix < limits_.sessionSeconds;
}

void PhoneSessions::pruneLocked(std::int64_t nowUnix) {
  for (auto it = sessions_.begin(); it != sessions_.end();)
    it = aliveLocked(it->second, nowUnix) ? std::next(it) : sessions_.erase(it);
  // A code opens sessions only within its lifetime (a poster's within its day): its use is
  // forgotten a day after its first session, when no check can ask about it any more.
  for (auto it = codes_.begin(); it != codes_.end();)
    it = nowUnix - it->second.firstUnix > 86'400 ? codes_.erase(it) : std::next(it);
}

PhoneSessions::Admitted PhoneSessions::admit(const std::string& code, const std::string& kiosk, const std::string& hall,
                                             const std::string& existingId, const std::string& newId,
                                             std::int64_t codeAdmits, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  if (const auto it = sessions_.find(existingId);
      !existingId.empty() && it != sessions_.end() && it->second.code == code && aliveLocked(it->second, nowUnix))
    return {PhoneAdmission::Resumed, it->second};
  if (sessions_.size() >= limits_.maxSessions) pruneLocked(nowUnix);
  if (sessions_.size() >= limits_.maxSessions) return {PhoneAdmission::Full, std::nullopt};
  CodeUse& use = codes_[code];
  // A kiosk's code lives minutes; a poster's counts afresh a day after its first session.
  if (use.sessions > 0 && nowUnix - use.firstUnix >= 86'400) use = {};
  if (use.sessions == 0) use.firstUnix = nowUnix;
  if (use.sessions >= codeAdmits) return {PhoneAdmission::CodeUsedUp, std::nullopt};
  ++use.sessions;
  PhoneSession session{newId, code, kiosk, hall, nowUnix, {}};
  sessions_[newId] = session;
  return {PhoneAdmission::Opened, std::move(session)};
}

std::optional<PhoneSession> PhoneSessions::find(const std::string& id, const std::string& code, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end() || it->second.code != code || !aliveLocked(it->second, nowUnix)) return std::nullopt;
  return it->second;
}

bool PhoneSessions::noteVote(const std::string& id, const std::string& commitment, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end() || !aliveLocked(it->second, nowUnix)) return false;
  auto& voted = it->second.voted;
  if (voted.count(commitment)) return true;
  if (static_cast<std::int64_t>(voted.size()) >= limits_.votesPerSession) return false;
  voted.insert(commitment);
  return true;
}

bool PhoneSessions::noteSuggestion(const std::string& id, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end() || !aliveLocked(it->second, nowUnix)) return false;
  if (it->second.suggestions >= limits_.suggestionsPerSession) return false;
  ++it->second.suggestions;
  return true;
}

std::size_t PhoneSessions::sessionCount() {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace hub
