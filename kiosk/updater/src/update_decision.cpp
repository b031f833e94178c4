#include "kiosk/updater/update_decision.hpp"

#include "wire/debian_version.hpp"

namespace kiosk::updater {

namespace {

Step stay(const UpdateState& state) { return {Action::None, state, ""}; }

Step to(UpdateState state, Phase phase, std::int64_t now, Action action, std::string report = "") {
  state.phase = phase;
  state.phaseSinceUnix = now;
  return {action, std::move(state), std::move(report)};
}

// Back to Idle without the target; `abandon` keeps its version from ever being tried again here.
Step drop(UpdateState state, std::int64_t now, Action action, std::string report, bool abandon) {
  if (abandon && state.target) state.abandonedVersion = state.target->version;
  state.target.reset();
  state.why.clear();
  return to(std::move(state), Phase::Idle, now, action, std::move(report));
}

bool withdrawn(const UpdateState& state, const UpdateFacts& facts) {
  return !facts.offer || facts.offer->id != state.target->id;
}

bool quiet(const UpdateFacts& facts, const UpdatePolicy& policy) {
  if (policy.onlyWhenClosed && facts.inOpeningHours) return false;
  switch (facts.screen) {
    case KioskScreen::Closed: return true;
    case KioskScreen::Attract: return facts.attractIdleSeconds >= policy.attractIdleSeconds;
    case KioskScreen::Busy: return false;
    case KioskScreen::Unknown: return !facts.inOpeningHours;
  }
  return false;
}

Step idle(const UpdateState& state, const UpdateFacts& f) {
  if (!f.offer || f.offer->version == state.abandonedVersion) return stay(state);
  if (!f.installedVersion.empty() && wire::compareDebianVersions(f.offer->version, f.installedVersion) <= 0)
    return stay(state);
  if (!f.ringDue || !wire::ringOf(*f.offer, f.kioskId, f.hall) || f.nowUnix < f.offer->notBefore) return stay(state);
  UpdateState next = state;
  next.target = f.offer;
  next.previousVersion = f.installedVersion;
  return to(std::move(next), Phase::Downloading, f.nowUnix, Action::Download);
}

Step downloading(const UpdateState& state, const UpdateFacts& f) {
  const auto& target = *state.target;
  if (withdrawn(state, f)) return drop(state, f.nowUnix, Action::Discard, "withdrawn " + target.version, false);
  if (f.downloadedBytes < target.size) return {Action::Download, state, ""};
  if (f.downloadedBytes > target.size)
    return drop(state, f.nowUnix, Action::Discard,
                "refused " + target.version + ": the download is larger than the manifest's " +
                    std::to_string(target.size) + " bytes",
                true);
  if (!f.downloadedSha256) return stay(state);  // being hashed
  if (*f.downloadedSha256 != target.sha256)
    return drop(state, f.nowUnix, Action::Discard,
                "refused " + target.version + ": its SHA-256 is not the one the manifest signs", true);
  return to(state, Phase::WaitingQuiet, f.nowUnix, Action::None);
}

Step checkingHealth(const UpdateState& state, const UpdateFacts& f, const UpdatePolicy& policy) {
  if (f.readySeen && f.heartbeatAccepted)
    return drop(state, f.nowUnix, Action::None, "installed " + state.target->version, false);
  const std::int64_t waited = f.nowUnix - state.phaseSinceUnix;
  std::string why;
  if (!f.readySeen && waited > policy.readyWithinSeconds)
    why = "the kiosk was not ready within " + std::to_string(policy.readyWithinSeconds) + " s";
  else if (waited > policy.heartbeatWithinSeconds)
    why = "no heartbeat was accepted within " + std::to_string(policy.heartbeatWithinSeconds / 60) + " min";
  if (why.empty()) return stay(state);
  UpdateState next = state;
  next.why = why;
  return to(std::move(next), Phase::RollingBack, f.nowUnix, Action::Reinstall);
}

}  // namespace

Step decide(const UpdateState& state, const UpdateFacts& f, const UpdatePolicy& policy) {
  if (state.phase != Phase::Idle && !state.target) return drop(state, f.nowUnix, Action::None, "", false);
  switch (state.phase) {
    case Phase::Idle: return idle(state, f);
    case Phase::Downloading: return downloading(state, f);
    case Phase::WaitingQuiet:
      if (withdrawn(state, f))
        return drop(state, f.nowUnix, Action::Discard, "withdrawn " + state.target->version, false);
      return quiet(f, policy) ? to(state, Phase::Installing, f.nowUnix, Action::Install) : stay(state);
    case Phase::Installing: {
      if (!f.dpkgSucceeded) return stay(state);
      if (*f.dpkgSucceeded) return to(state, Phase::CheckingHealth, f.nowUnix, Action::Restart);
      UpdateState next = state;
      next.why = "dpkg could not install it";
      return to(std::move(next), Phase::RollingBack, f.nowUnix, Action::Reinstall);
    }
    case Phase::CheckingHealth: return checkingHealth(state, f, policy);
    case Phase::RollingBack: {
      if (!f.dpkgSucceeded) return stay(state);
      const std::string report =
          *f.dpkgSucceeded ? "rolled back: " + state.why
                           : "rollback failed: " + state.why + "; dpkg could not reinstall " + state.previousVersion;
      return drop(state, f.nowUnix, Action::Restart, report, true);
    }
  }
  return stay(state);
}

}  // namespace kiosk::updater
