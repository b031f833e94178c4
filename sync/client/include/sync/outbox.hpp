// What the sync engine needs of the kiosk's local storage, and nothing more: freeze open counts
// into a batch, hand out the oldest queued batch, mark it sent or in conflict, and report the
// queue. The kiosk implements it over its SQLite store (kiosk/app/store_outbox); tests may plug in
// another. Called from the sync thread only; an implementation guards its own storage.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::sync {

struct OutboxBatch {
  std::int64_t seq = 0;
  std::string body;  // the exact rating-batch/1 bytes to upload, never changed once frozen
  std::int64_t votes = 0;
};

struct OutboxStatus {
  std::int64_t queued = 0;     // frozen, not yet accepted
  std::int64_t conflicts = 0;  // set aside: the hub refused them for good
  std::int64_t openVotes = 0;  // counted votes not yet frozen
};

class Outbox {
 public:
  virtual ~Outbox() = default;
  // Freezes one bounded batch of open counts stamped `createdAt`; false when nothing is open.
  virtual bool freeze(const std::string& createdAt) = 0;
  virtual std::optional<OutboxBatch> oldestQueued() = 0;
  virtual void markSent(std::int64_t seq) = 0;
  // Keeps the batch for staff and stops sending it; `why` is the hub's answer.
  virtual void markConflict(std::int64_t seq, const std::string& why) = 0;
  // Set-aside batches, oldest first, at most `limit`: offered to the hub again now and then (one
  // an administrator imported from the USB export is answered 200 duplicate, and is sent). An
  // outbox that never sets any aside has none.
  virtual std::vector<OutboxBatch> setAside(std::size_t limit) { return (void)limit, std::vector<OutboxBatch>{}; }
  virtual OutboxStatus status() = 0;
  // The newest bucket holding a counted vote ("" when none), for the heartbeat.
  virtual std::string lastVoteBucket() = 0;
  // When a round last succeeded (unix seconds, 0: never), kept across restarts so staff are not
  // told "never synced" after every one. An outbox without durable storage forgets it.
  virtual std::int64_t lastSyncSuccess() { return 0; }
  virtual void noteSyncSuccess(std::int64_t unixSeconds) { (void)unixSeconds; }
};

// The outbox as it is now, or null while local storage is failing (sync then waits).
using OutboxProvider = std::function<std::shared_ptr<Outbox>()>;

}  // namespace kiosk::sync
