#include "kiosk/app/journal.hpp"

namespace kiosk::app {

void Journal::line(const std::string& text) {
  std::lock_guard lock(mutex_);
  std::fputs((text + "\n").c_str(), out_);
  std::fflush(out_);  // a reader (systemd, a test) sees each event as it happens
}

void Journal::voteAcknowledged(const store::VoteRecord& v) {
  line("vote-acknowledged commitment=" + v.commitmentId + " rating=" + std::string(nameOf(v.rating)) +
       " counted=" + (v.counted ? "1" : "0") + " bucket=" + v.bucket);
}

void Journal::exportFailed(const std::string& why) {
  std::string quoted;  // one event, one line, whatever the file system said
  for (const char c : why) quoted += c == '"' ? '\'' : (c == '\n' || c == '\r') ? ' ' : c;
  line("export-failed reason=\"" + quoted + "\"");
}

void Journal::storeFailed(std::string_view why) {
  std::lock_guard lock(mutex_);
  std::fputs(("kiosk: storage failed: " + std::string(why) + "\n").c_str(), errors_);
  std::fflush(errors_);
}

void Journal::storeRescued(const store::Rescue& rescue) {
  const char* event = rescue.kind == store::Rescue::Kind::Restored ? "store-restored" : "store-kept-aside";
  line(std::string(event) + " file=" + rescue.file.string() +
       " unsynced_votes=" + std::to_string(rescue.unsyncedVotes));
}

void Journal::storeRescueFailed(std::string_view why) {
  storeFailed("the open database could not be copied out of its deleted file: " + std::string(why));
  line("store-rescue-failed");
}

void Journal::staffPinRejected(int failures, bool lockedOut) {
  line("staff-pin-rejected failures=" + std::to_string(failures) + " locked=" + (lockedOut ? "1" : "0"));
}

void Journal::syncNowRequested() {
  line("sync-now");
  if (syncNow_) syncNow_();
}

void Journal::maintenanceExitRequested() {
  line("maintenance-exit");
  maintenanceExit_ = true;
}

}  // namespace kiosk::app
