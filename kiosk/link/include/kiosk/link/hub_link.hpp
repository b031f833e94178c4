// The kiosk's link to the hub, in one object: the curl transport, the sync engine over the kiosk's
// outbox, the sync thread, and the mailbox through which a verified newer list reaches the UI.
// Made and destroyed on the UI thread (the destructor joins the sync thread); syncNow(),
// summary() and takeNewList() are for the UI thread, the rest runs on the sync thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "kiosk/config/kiosk_config.hpp"
#include "kiosk/core/staff_report.hpp"
#include "kiosk/store/vote_store.hpp"
#include "sync/curl_transport.hpp"
#include "sync/sync_engine.hpp"
#include "sync/sync_worker.hpp"
#include "wire/signed_list.hpp"

namespace kiosk::link {

// A verified new list handed from the sync thread to the UI thread, which installs it only when
// nobody is mid-session (the attract screen). Any thread.
class ListMailbox {
 public:
  void put(wire::CommitmentList list);
  std::optional<wire::CommitmentList> take();

 private:
  std::mutex mutex_;
  std::optional<wire::CommitmentList> list_;
};

struct HubLinkSettings {
  std::string token;                  // the kiosk's bearer token
  wire::TrustedKeys trustedKeys;      // administrators' list-signing keys
  std::int64_t shownListVersion = 0;  // 0: showing the configured file, nothing from the hub yet
  std::string appVersion;
  std::function<void(const std::string&)> journal;  // one line per sync event
  std::function<void()> wakeUi;                     // called from the sync thread when a list arrives
};

class HubLink {
 public:
  // Starts the sync thread. `currentStore` returns the app's open store, or null while it fails.
  HubLink(const config::KioskConfig& config, HubLinkSettings settings,
          std::function<std::shared_ptr<store::VoteStore>()> currentStore, const Clock& clock);
  ~HubLink();
  HubLink(const HubLink&) = delete;
  HubLink& operator=(const HubLink&) = delete;

  void syncNow();
  // The sync status in the staff screen's terms.
  SyncSummary summary() const;
  // A newer verified list, already saved in the data folder, if one arrived since the last call.
  std::optional<wire::CommitmentList> takeNewList() { return mailbox_.take(); }

 private:
  ListMailbox mailbox_;
  sync::CurlTransport transport_;
  sync::SyncEngine engine_;
  std::unique_ptr<sync::SyncWorker> worker_;  // last: its thread uses everything above
};

}  // namespace kiosk::link
