// A software update's rollout across the fleet, ring by ring (wire/update_manifest.hpp): where each
// enrolled kiosk stands, the counts per ring the console shows (pending / downloading / installed /
// healthy / rolled back), and which rings are due. Ring 0 is due from the manifest's not_before;
// each next ring only once every kiosk of the ring before it is healthy on the new version (runs
// it, or its updater says `healthy` for it) — or an administrator advanced the rollout past it —
// and none while the rollout is paused. Kiosks whose updater has nothing to say yet count as
// pending; a refusal counts with the rollbacks. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wire/update_manifest.hpp"
#include "wire/update_report.hpp"

namespace hub {

enum class KioskUpdate { Pending, Downloading, Installed, Healthy, RolledBack };

// What the hub knows of one enrolled kiosk: its hall, the version it runs (its heartbeat's
// app_version), and its updater's last word (the heartbeat's `update`; one about another version
// counts for nothing here).
struct KioskUpdateReport {
  std::string kioskId, hall;
  std::string runningVersion;
  std::optional<wire::UpdateReport> updater = {};
};

struct RolloutControl {
  bool paused = false;
  std::size_t advancedThrough = 0;  // an administrator let rings 1..this start without waiting (0: none)
};

struct RingProgress {
  std::string name;
  bool due = false;
  std::int64_t pending = 0, downloading = 0, installed = 0, healthy = 0, rolledBack = 0;
  std::int64_t total() const { return pending + downloading + installed + healthy + rolledBack; }
};

KioskUpdate kioskUpdate(const wire::UpdateManifest& manifest, const KioskUpdateReport& kiosk);

// One entry per ring of the manifest, in order; kiosks no ring names are left out.
std::vector<RingProgress> rolloutProgress(const wire::UpdateManifest& manifest,
                                          const std::vector<KioskUpdateReport>& kiosks, const RolloutControl& control,
                                          std::int64_t nowUnix);

// The ring an administrator's 放行下一批 would start: the first one not due, when the ring before
// it is due (nothing when every ring is due, or the one before is not started either).
std::optional<std::size_t> ringToAdvance(const std::vector<RingProgress>& rings);

// Whether `kioskId` of `hall` may take the update now: its ring is due.
bool ringDueFor(const wire::UpdateManifest& manifest, const std::vector<KioskUpdateReport>& kiosks,
                const RolloutControl& control, std::int64_t nowUnix, const std::string& kioskId,
                const std::string& hall);

}  // namespace hub
