// What the staff screen shows, as plain values: local tallies per commitment, the outbox and the
// sync status, the PIN pad's state and the last action's outcome. Filled by the app from the store
// and the sync engine, read by the staff views. Copied between owners; no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/clock.hpp"

namespace kiosk {

struct RatingCounts {
  std::int64_t good = 0, fair = 0, poor = 0;
  std::int64_t total() const { return good + fair + poor; }
  bool operator==(const RatingCounts&) const = default;
};

// Counted votes of one commitment: today, this calendar month (hall time) and since the kiosk began.
struct CommitmentTally {
  std::string commitmentId;
  RatingCounts today, month, all;
};

struct SyncSummary {
  bool configured = false;           // false: an offline kiosk (no [sync])
  std::int64_t queuedBatches = 0;    // frozen, waiting for the hub
  std::int64_t conflicts = 0;        // the hub holds other bytes under the same batch identity
  std::int64_t openVotes = 0;        // counted votes not yet in a batch
  std::int64_t lastSuccessUnix = 0;  // 0: never
  std::string lastSuccess;           // the same in hall time, "2026-11-21 10:05" ("" for never)
  std::string problem;  // "" or a code the strings table words: unreachable, timeout, tls, auth, hub, storage
  std::string detail;   // the technical cause, for whoever staff call
  std::int64_t listVersion = 0;
  // Signed settings from the hub: the versions applied (0: none) and why the last offered were refused.
  std::int64_t hallSettingsVersion = 0, kioskSettingsVersion = 0;
  std::string settingsRefused;
};

// The PIN pad: how many digits are typed (never the digits), and what the last try came to.
struct PinPrompt {
  std::size_t digits = 0;
  enum class Feedback { None, Wrong, Locked } feedback = Feedback::None;
  int triesLeft = 0;
  Millis lockedFor{0};
};

// The outcome of the last staff action, worded by the view ("export.done" with its folder, ...).
struct StaffNotice {
  std::string key;     // strings table key, "" for none
  std::string detail;  // a path or an error message
};

struct StaffReport {
  std::vector<CommitmentTally> tallies;  // in list order; commitments without votes included
  SyncSummary sync;
  StaffNotice notice;
  std::string kioskId;
  std::string today;  // "2026-11-21", hall time
  bool exportConfigured = false;
};

}  // namespace kiosk
