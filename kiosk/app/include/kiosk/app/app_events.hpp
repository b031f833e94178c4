// What the kiosk's controller reports to the outside: main writes it to the journal, tests record
// it. Called on the UI thread only.
#pragma once

#include <string>
#include <string_view>

#include "kiosk/store/vote_store.hpp"

namespace kiosk::app {

class AppEvents {
 public:
  virtual ~AppEvents() = default;
  // Called after the vote's transaction committed, at the moment the thanks screen is shown.
  virtual void voteAcknowledged(const store::VoteRecord&) {}
  virtual void storeFailed(std::string_view /*why*/) {}
  virtual void storeRecovered() {}
  // The vote database's file was deleted or replaced while open and what the open connection held
  // was copied out (see store::VoteStore::rescueMovedFile); or the copy failed (`why`).
  virtual void storeRescued(const store::Rescue& /*rescue*/) {}
  virtual void storeRescueFailed(std::string_view /*why*/) {}
  // Staff mode, for the journal (never the PIN itself).
  virtual void staffUnlocked() {}
  virtual void staffPinRejected(int /*failuresInARow*/, bool /*lockedOut*/) {}
  virtual void staffLeft() {}
  // Staff pressed "sync now" / "exit for maintenance": main owns the sync thread and the loop.
  virtual void syncNowRequested() {}
  virtual void maintenanceExitRequested() {}
  virtual void exported(const std::string& /*folder*/) {}
  // A USB export that failed for another reason than a missing stick; `why` is the technical
  // detail (for the journal: staff are shown words, not this).
  virtual void exportFailed(const std::string& /*why*/) {}
};

}  // namespace kiosk::app
