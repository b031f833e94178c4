#include "hub/core/rollout.hpp"

namespace hub {

namespace {

// The package version without its Debian revision ("1.6.0-1" → "1.6.0", "1:1.6.0-1" → "1.6.0"): what a
// kiosk reports as its app_version.
std::string upstreamOf(const std::string& version) {
  std::string v = version;
  if (const auto colon = v.find(':'); colon != std::string::npos) v = v.substr(colon + 1);
  if (const auto dash = v.rfind('-'); dash != std::string::npos) v = v.substr(0, dash);
  return v;
}

}  // namespace

KioskUpdate kioskUpdate(const wire::UpdateManifest& manifest, const KioskUpdateReport& k) {
  using S = wire::UpdateState;
  const auto* said = k.updater && k.updater->version == manifest.version ? &*k.updater : nullptr;
  // A refusal (bad hash, wrong package) holds the next ring like a rollback: the kiosk will not take it.
  if (said && (said->state == S::RolledBack || said->state == S::Refused)) return KioskUpdate::RolledBack;
  // Healthy: running the new version and heard from on it (the heartbeat that says so is the proof).
  if (!k.runningVersion.empty() &&
      (k.runningVersion == manifest.version || k.runningVersion == upstreamOf(manifest.version)))
    return KioskUpdate::Healthy;
  if (!said) return KioskUpdate::Pending;
  switch (said->state) {
    case S::Downloading:
    case S::Waiting: return KioskUpdate::Downloading;
    case S::Installed:
      return KioskUpdate::Installed;  // started, being checked
    // The updater saw the new build say READY and the hub take its heartbeat; this heartbeat,
    // which carries the word, is the kiosk heard from on it (its app_version may not name the
    // Debian revision, nor a repackaged build's).
    case S::Healthy: return KioskUpdate::Healthy;
    case S::RolledBack:
    case S::Refused: break;
  }
  return KioskUpdate::RolledBack;
}

std::vector<RingProgress> rolloutProgress(const wire::UpdateManifest& manifest,
                                          const std::vector<KioskUpdateReport>& kiosks, const RolloutControl& control,
                                          std::int64_t nowUnix) {
  std::vector<RingProgress> rings(manifest.rings.size());
  for (std::size_t i = 0; i < rings.size(); ++i) rings[i].name = manifest.rings[i].name;
  for (const auto& k : kiosks) {
    const auto ring = wire::ringOf(manifest, k.kioskId, k.hall);
    if (!ring) continue;
    auto& r = rings[*ring];
    switch (kioskUpdate(manifest, k)) {
      case KioskUpdate::Pending: ++r.pending; break;
      case KioskUpdate::Downloading: ++r.downloading; break;
      case KioskUpdate::Installed: ++r.installed; break;
      case KioskUpdate::Healthy: ++r.healthy; break;
      case KioskUpdate::RolledBack: ++r.rolledBack; break;
    }
  }
  bool previousDone = !control.paused && nowUnix >= manifest.notBefore;
  for (std::size_t i = 0; i < rings.size(); ++i) {
    rings[i].due = previousDone || (!control.paused && i > 0 && i <= control.advancedThrough && rings[i - 1].due);
    previousDone = rings[i].due && rings[i].healthy == rings[i].total();
  }
  return rings;
}

std::optional<std::size_t> ringToAdvance(const std::vector<RingProgress>& rings) {
  for (std::size_t i = 1; i < rings.size(); ++i)
    if (!rings[i].due) return rings[i - 1].due ? std::optional<std::size_t>(i) : std::nullopt;
  return std::nullopt;
}

bool ringDueFor(const wire::UpdateManifest& manifest, const std::vector<KioskUpdateReport>& kiosks,
                const RolloutControl& control, std::int64_t nowUnix, const std::string& kioskId,
                const std::string& hall) {
  const auto ring = wire::ringOf(manifest, kioskId, hall);
  return ring && rolloutProgress(manifest, kiosks, control, nowUnix)[*ring].due;
}

}  // namespace hub
