// The kiosk updater's decisions, as a pure state machine: given where an update stands and what
// the updater has just observed (the manifest the hub offers, the download, the kiosk's screen and
// hours, dpkg's result, the kiosk's READY and heartbeat after the restart), what to do next. The
// updater binary does the I/O — download through the kiosk's transport, dpkg, systemctl — and
// keeps the state in a file between steps, so a power cut in the middle resumes where it was.
//
// The rules, in order of the phases:
//   - an offer is taken only when its signature verified (the caller's job), it is for this kiosk's
//     ring and that ring is due, its not_before has passed, and its version is newer than the
//     installed one in dpkg's order — and it is not a version this kiosk refused or rolled back;
//   - an offer withdrawn (the rollout paused, or a newer manifest published) stops the update
//     before dpkg runs; the caller keeps the last offer it knew while the hub cannot be reached;
//   - the download resumes where it stopped; the finished file must have the manifest's size and
//     SHA-256, else it is discarded and the update refused;
//   - it installs only at a quiet moment: the closed screen, or the attract screen idle for
//     `attractIdleSeconds` — never while a resident is rating or staff are working, and never in
//     opening hours when `onlyWhenClosed`; a kiosk whose screen is not known (not running, crash
//     looping) is updated outside opening hours only;
//   - after dpkg (the previous package kept for a rollback) the kiosk is restarted and must report
//     READY within `readyWithinSeconds` and get a heartbeat accepted within
//     `heartbeatWithinSeconds`; otherwise the previous package is installed again and the
//     rollback is reported with why.
// Pure functions over values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "wire/update_manifest.hpp"
#include "wire/update_report.hpp"

namespace kiosk::updater {

enum class Phase {
  Idle,            // nothing offered, or nothing newer
  Downloading,     // fetching the package (resumable)
  WaitingQuiet,    // downloaded and verified; waiting for a moment nobody is using the kiosk
  Installing,      // dpkg is installing the new package
  CheckingHealth,  // the kiosk was restarted on the new package: READY, then a heartbeat
  RollingBack,     // dpkg is installing the previous package again
};

struct UpdatePolicy {
  bool onlyWhenClosed = false;            // [update] only_when_closed
  std::int64_t attractIdleSeconds = 600;  // [update] attract_idle_s: the attract screen this long untouched
  std::int64_t readyWithinSeconds = 60;
  std::int64_t heartbeatWithinSeconds = 300;
};

// Kept in the updater's state file between steps.
struct UpdateState {
  Phase phase = Phase::Idle;
  std::optional<wire::UpdateManifest> target;  // the update under way
  std::string previousVersion;                 // installed before it: what a rollback reinstalls
  std::int64_t phaseSinceUnix = 0;             // when the current phase began (health deadlines)
  std::string why;                             // RollingBack: what went wrong, for the report
  std::string abandonedVersion;                // refused or rolled back here: never tried again
};

// What the kiosk shows, as the updater learns it from the kiosk's status file.
enum class KioskScreen { Unknown, Attract, Closed, Busy };  // Busy: a resident or staff are using it

struct UpdateFacts {
  std::int64_t nowUnix = 0;
  std::string installedVersion;               // of commitment-kiosk, from dpkg
  std::optional<wire::UpdateManifest> offer;  // verified; absent: the hub offers nothing
  bool ringDue = false;                       // the offer's ring for this kiosk has started
  std::string kioskId, hall;
  std::int64_t downloadedBytes = 0;             // of the target's file so far
  std::optional<std::string> downloadedSha256;  // once downloadedBytes reached the manifest's size
  KioskScreen screen = KioskScreen::Unknown;
  std::int64_t attractIdleSeconds = 0;
  bool inOpeningHours = false;
  std::optional<bool> dpkgSucceeded;  // after Install or Reinstall
  bool readySeen = false;             // the kiosk on the new package said READY
  bool heartbeatAccepted = false;     // and the hub took one of its heartbeats
};

enum class Action {
  None,       // wait and look again
  Download,   // fetch the target's file from `downloadedBytes` on
  Discard,    // delete the downloaded file (bad, or no longer wanted)
  Install,    // dpkg -i the target, keeping the previous package
  Restart,    // restart the kiosk's service (after Install or Reinstall)
  Reinstall,  // dpkg -i the previous package
};

struct Step {
  Action action = Action::None;
  UpdateState next;
  std::string report;  // for the journal when something happened: "installed 1.6.0-1", "rolled back: …"
  // How an update ended, for the hub (the heartbeat's `update`): healthy, rolled back or refused.
  std::optional<wire::UpdateReport> ended = {};
};

// What the kiosk tells the hub while `state` is under way: downloading, waiting, installed (dpkg
// done, being checked); nothing when idle.
std::optional<wire::UpdateReport> progressReport(const UpdateState& state);

Step decide(const UpdateState& state, const UpdateFacts& facts, const UpdatePolicy& policy);

}  // namespace kiosk::updater
