// The kiosk's SQLite outbox (store::BatchQueue) seen as the sync engine's Outbox. Holds the store
// it was made with, so a store the UI thread drops after a failure stays open until the sync
// thread's round ends. Sync thread; the store locks per transaction.
#pragma once

#include <memory>
#include <string>

#include "kiosk/store/batch_queue.hpp"
#include "kiosk/store/vote_store.hpp"
#include "sync/outbox.hpp"

namespace kiosk::link {

class StoreOutbox final : public sync::Outbox {
 public:
  StoreOutbox(std::shared_ptr<store::VoteStore> store, std::string kioskId)
      : store_(std::move(store)), queue_(*store_, std::move(kioskId)) {}

  bool freeze(const std::string& createdAt) override { return queue_.freeze(createdAt).has_value(); }
  std::optional<sync::OutboxBatch> oldestQueued() override;
  void markSent(std::int64_t seq) override { queue_.markSent(seq); }
  void markConflict(std::int64_t seq, const std::string& why) override { queue_.markConflict(seq, why); }
  std::vector<sync::OutboxBatch> setAside(std::size_t limit) override;
  sync::OutboxStatus status() override;
  std::string lastVoteBucket() override { return store_->lastVoteBucket(); }
  std::int64_t lastSyncSuccess() override;
  void noteSyncSuccess(std::int64_t unixSeconds) override;

 private:
  std::shared_ptr<store::VoteStore> store_;
  store::BatchQueue queue_;
};

// An OutboxProvider over whatever store `current` returns (null while storage fails).
sync::OutboxProvider outboxOver(std::function<std::shared_ptr<store::VoteStore>()> current, std::string kioskId);

}  // namespace kiosk::link
