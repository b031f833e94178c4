// The kiosk's outbox: freezes open vote counts into rating-batch/1 bodies (one transaction, bytes
// never change afterwards) and tracks each batch until the hub accepts it (sent) or reports a
// conflict (kept aside, never dropped). Thread-safe through VoteStore's mutex; no network here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/store/vote_store.hpp"

namespace kiosk::store {

struct FrozenBatch {
  std::int64_t seq = 0;
  std::string body;  // the exact bytes to upload
  std::string sha256;
  std::int64_t votes = 0;
};

struct QueueStatus {
  std::int64_t queued = 0;     // frozen, not yet accepted
  std::int64_t conflicts = 0;  // the hub holds a different body under the same identity
  std::int64_t openVotes = 0;  // counted votes not yet frozen
};

class BatchQueue {
 public:
  BatchQueue(VoteStore& store, std::string kioskId) : store_(store), kioskId_(std::move(kioskId)) {}

  // A frozen batch can never change, so it must always fit the hub's request limit (1 MiB): a
  // count row encodes to at most ~250 bytes, so 2,000 rows stay under 0.5 MiB.
  static constexpr std::size_t kMaxRowsPerBatch = 2'000;

  // Freezes up to `maxRows` open count rows into a new batch; nullopt when nothing is open.
  std::optional<FrozenBatch> freeze(const std::string& createdAt, std::size_t maxRows = kMaxRowsPerBatch);
  // The oldest batch still waiting for the hub.
  std::optional<FrozenBatch> oldestQueued();
  // Every batch the hub has not accepted (queued, and conflicts), oldest first: for export to USB.
  std::vector<FrozenBatch> unsent();
  // The batches set aside as conflicts, oldest first, at most `limit`.
  std::vector<FrozenBatch> conflicts(std::size_t limit);
  void markSent(std::int64_t seq);
  void markConflict(std::int64_t seq, const std::string& why);
  QueueStatus status();

 private:
  VoteStore& store_;
  std::string kioskId_;
};

}  // namespace kiosk::store
