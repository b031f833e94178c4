#include "kiosk/link/store_outbox.hpp"

namespace kiosk::link {

std::optional<sync::OutboxBatch> StoreOutbox::oldestQueued() {
  auto batch = queue_.oldestQueued();
  if (!batch) return std::nullopt;
  return sync::OutboxBatch{batch->seq, std::move(batch->body), batch->votes};
}

sync::OutboxStatus StoreOutbox::status() {
  const auto q = queue_.status();
  return {q.queued, q.conflicts, q.openVotes};
}

sync::OutboxProvider outboxOver(std::function<std::shared_ptr<store::VoteStore>()> current, std::string kioskId) {
  return [current = std::move(current), kioskId = std::move(kioskId)]() -> std::shared_ptr<sync::Outbox> {
    auto store = current();
    if (!store) return nullptr;
    return std::make_shared<StoreOutbox>(std::move(store), kioskId);
  };
}

}  // namespace kiosk::link
