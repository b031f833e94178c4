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

// Ends the update with `outcome` told to the hub; `reason` is the report's words after its head.
Step end(const UpdateState& state, std::int64_t now, Action action, wire::UpdateState outcome, std::string words,
         std::string reason) {
  const std::string version = state.target->version;
  Step step = drop(state, now, action, std::move(words), outcome != wire::UpdateState::Healthy);
  step.ended = wire::UpdateReport{version, outcome, wire::cutReason(reason)};
  return step;
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
  if (f.downloadedBytes > target.size) {
    const std::string why = "the download is larger than the manifest's " + std::to_string(target.size) + " bytes";
    return end(state, f.nowUnix, Action::Discard, wire::UpdateState::Refused, "refused " + target.version + ": " + why,
               why);
  }
  if (!f.downloadedSha256) return stay(state);  // being hashed
  if (*f.downloadedSha256 != target.sha256) {
    const std::string why = "its SHA-256 is not the one the manifest signs";
    return end(state, f.nowUnix, Action::Discard, wire::UpdateState::Refused, "refused " + target.version + ": " + why,
               why);
  }
  return to(state, Phase::WaitingQuiet, f.nowUnix, Action::None);
}

Step checkingHealth(const UpdateState& state, const UpdateFacts& f, const UpdatePolicy& policy) {
  if (f.readySeen && f.heartbeatAccepted)
    return end(state, f.nowUnix, Action::None, wire::UpdateState::Healthy, "installed " + state.target->version, "");
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

std::optional<wire::UpdateReport> progressReport(const UpdateState& state) {
  if (!state.target) return std::nullopt;
  const std::string& v = state.target->version;
  switch (state.phase) {
    case Phase::Idle: return std::nullopt;
    case Phase::Downloading: return wire::UpdateReport{v, wire::UpdateState::Downloading};
    case Phase::WaitingQuiet:
    case Phase::Installing: return wire::UpdateReport{v, wire::UpdateState::Waiting};
    case Phase::CheckingHealth:
    case Phase::RollingBack: return wire::UpdateReport{v, wire::UpdateState::Installed};
  }
  return std::nullopt;
}

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
      const std::string why =
          *f.dpkgSucceeded ? state.why
                           : "rollback failed: " + state.why + "; dpkg could not reinstall " + state.previousVersion;
      return end(state, f.nowUnix, Action::Restart, wire::UpdateState::RolledBack,
                 *f.dpkgSucceeded ? "rolled back: " + why : why, why);
    }
  }
  return stay(state);
}

}  // namespace kiosk::updater
