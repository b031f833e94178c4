#include "kiosk/link/store_outbox.hpp"

#include <algorithm>

namespace kiosk::link {

std::optional<sync::OutboxBatch> StoreOutbox::oldestQueued() {
  auto batch = queue_.oldestQueued();
  if (!batch) return std::nullopt;
  return sync::OutboxBatch{batch->seq, std::move(batch->body), batch->votes};
}

std::vector<sync::OutboxBatch> StoreOutbox::setAside(std::size_t limit) {
  std::vector<sync::OutboxBatch> out;
  for (auto& b : queue_.conflicts(limit)) out.push_back({b.seq, std::move(b.body), b.votes});
  return out;
}

// In the store's small settings, beside the votes: a restart (or a power cut) keeps it.
constexpr std::string_view kLastSyncSuccess = "sync.last_success_unix";

std::int64_t StoreOutbox::lastSyncSuccess() {
  const auto text = store_->setting(kLastSyncSuccess);
  if (!text || text->empty() || text->size() > 18 ||
      !std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; }))
    return 0;  // never, or not a time this kiosk wrote: "never synced" is the honest answer
  return std::stoll(*text);
}

void StoreOutbox::noteSyncSuccess(std::int64_t unixSeconds) {
  store_->setSetting(kLastSyncSuccess, std::to_string(unixSeconds));
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
