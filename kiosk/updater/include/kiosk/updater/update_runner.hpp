// The updater's work, one round at a time: reads its state file, learns the facts (the offer,
// verified; the download; dpkg's installed version; the kiosk's run-status), asks update_decision
// what to do, does it (download, discard, dpkg, restart), saves the new state durably, and writes
// its report where the kiosk sends it to the hub. A round goes on while there is something to do
// (a download's next part, dpkg then the restart) and ends when the decision is to wait.
//
// Power cuts: the state is saved before dpkg or the restart is run, and what dpkg did is read
// back from dpkg itself (the installed version), so a round after a cut mid-install finds the
// target not installed and rolls back.
//
// Files: <state_dir>/state.json, <state_dir>/download/<package>.part and the packages kept in
// <state_dir>/packages (the installed one: what a rollback reinstalls). The kiosk's data folder
// is read (run-status) and gets one file (update-report); its database is never touched.
// One thread (the updater's main loop or a test).
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "kiosk/core/opening_hours.hpp"
#include "kiosk/updater/dpkg_packages.hpp"
#include "kiosk/updater/offer_source.hpp"
#include "kiosk/updater/update_decision.hpp"
#include "wire/signed_envelope.hpp"

namespace kiosk::updater {

struct UpdaterSetup {
  std::filesystem::path stateDir;
  std::filesystem::path kioskDataDir;
  DpkgRoot dpkg;
  std::string deployment, kioskId, hall;
  wire::TrustedKeys trusted;
  UpdatePolicy policy;
  OpeningHours hours = OpeningHours::always();
  // Restarts the kiosk (systemctl restart commitment-kiosk.service); a test's own in tests.
  std::function<ProcessResult()> restartKiosk;
};

class UpdateRunner {
 public:
  UpdateRunner(UpdaterSetup setup, const common::Clock& clock);

  // One round against `source`; returns the journal lines it wrote (also to stdout by the caller).
  std::vector<std::string> round(OfferSource& source);

  // For the journal and tests.
  const UpdateState& state() const { return state_; }
  std::filesystem::path keptPackage(const std::string& version) const;

 private:
  UpdateFacts facts() const;
  void keepInstalled(const std::string& installedVersion);
  void prune(const std::string& keepVersion);
  void save();
  // What the kiosk's heartbeat says of the update (its update-report file); nothing removes it.
  void report(const std::optional<wire::UpdateReport>& said);
  std::filesystem::path partFile() const;

  UpdaterSetup setup_;
  const common::Clock& clock_;
  UpdateState state_;
  std::optional<wire::UpdateManifest> offer_;  // the last verified offer (kept while the source is unavailable)
  bool ringDue_ = false;
  std::string refusedEnvelope_;  // journalled once, not every round
};

// The SHA-256 of a file, read in parts (a package may be large). Throws naming the file.
std::string fileSha256(const std::filesystem::path& file);

}  // namespace kiosk::updater
