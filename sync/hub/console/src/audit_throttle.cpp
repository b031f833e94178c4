#include "hub/console/audit_throttle.hpp"

namespace hub::console {

bool AuditThrottle::admit(const std::string& action, const std::string& address, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  std::pair key{action, address};
  auto it = windows_.find(key);
  if (it == windows_.end() && windows_.size() >= kMaxKeys) it = windows_.find(key = {action, "*"});
  if (it != windows_.end()) {
    Window& w = it->second;
    if (nowUnix < w.fromUnix + kWindowSeconds) {
      ++w.more;
      return false;
    }
    // Its minute is over: keep what it counted for the summary, and write this one as itself.
    if (w.more > 0) finished_.push_back({key.first, key.second, w.fromUnix, w.more});
    w = {nowUnix, 0};
    return true;
  }
  windows_.emplace(key, Window{nowUnix, 0});
  return true;
}

std::vector<AuditThrottle::Summary> AuditThrottle::takeFinished(std::int64_t nowUnix, bool everything) {
  std::lock_guard lock(mutex_);
  std::vector<Summary> out = std::move(finished_);
  finished_.clear();
  for (auto it = windows_.begin(); it != windows_.end();) {
    if (!everything && nowUnix < it->second.fromUnix + kWindowSeconds) {
      ++it;
      continue;
    }
    if (it->second.more > 0) out.push_back({it->first.first, it->first.second, it->second.fromUnix, it->second.more});
    it = windows_.erase(it);
  }
  return out;
}

}  // namespace hub::console
