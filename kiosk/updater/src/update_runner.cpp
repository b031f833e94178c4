#include "kiosk/updater/update_runner.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <memory>

#include "common/durable_file.hpp"
#include "common/text_file.hpp"
#include "kiosk/updater/handover_files.hpp"

namespace kiosk::updater {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxStepsPerRound = 512;  // a 256 MiB package is 64 parts of 4 MiB: room for that and the rest

std::string readOr(const fs::path& file, std::string fallback) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return fallback;
  try {
    return common::readTextFile(file);
  } catch (const std::exception&) {
    return fallback;
  }
}

std::string lastLines(const std::string& text) {
  const std::size_t keep = 600;
  return text.size() <= keep ? text : "…" + text.substr(text.size() - keep);
}

// What the kiosk sends in its heartbeat while an update is under way.
std::string phaseWords(const UpdateState& s) {
  const std::string v = s.target ? s.target->version : "";
  switch (s.phase) {
    case Phase::Idle: return "";
    case Phase::Downloading: return "downloading " + v;
    case Phase::WaitingQuiet: return "waiting to install " + v;
    case Phase::Installing: return "installing " + v;
    case Phase::CheckingHealth: return "checking " + v;
    case Phase::RollingBack: return "rolling back " + v + ": " + s.why;
  }
  return "";
}

}  // namespace

std::string fileSha256(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (in.gcount() > 0) EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

UpdateRunner::UpdateRunner(UpdaterSetup setup, const common::Clock& clock) : setup_(std::move(setup)), clock_(clock) {
  fs::create_directories(setup_.stateDir / "download");
  fs::create_directories(setup_.stateDir / "packages");
  state_ = parseUpdateState(readOr(setup_.stateDir / "state.json", "")).value_or(UpdateState{});
}

fs::path UpdateRunner::keptPackage(const std::string& version) const {
  wire::UpdateManifest named;
  named.version = version;
  named.architecture = "any";  // the kept copies are told apart by version alone
  return setup_.stateDir / "packages" / named.fileName();
}

fs::path UpdateRunner::partFile() const {
  return setup_.stateDir / "download" / (state_.target ? state_.target->fileName() + ".part" : "none.part");
}

void UpdateRunner::save() { common::writeFileDurably(setup_.stateDir / "state.json", encodeUpdateState(state_)); }

void UpdateRunner::report(const std::optional<wire::UpdateReport>& said) {
  const fs::path file = setup_.kioskDataDir / kUpdateReportFile;
  if (!said) {
    std::error_code ec;
    fs::remove(file, ec);
    return;
  }
  common::writeFileDurably(file, wire::encodeUpdateReport(*said));
}

UpdateFacts UpdateRunner::facts() const {
  UpdateFacts f;
  const common::WallTime wall = clock_.wallNow();
  f.nowUnix = wall.unix_seconds;
  f.kioskId = setup_.kioskId;
  f.hall = setup_.hall;
  f.installedVersion = installedVersion(setup_.dpkg);
  f.offer = offer_;
  f.ringDue = ringDue_;
  if (state_.target) {
    std::error_code ec;
    const auto size = fs::file_size(partFile(), ec);
    f.downloadedBytes = ec ? 0 : static_cast<std::int64_t>(size);
    if (f.downloadedBytes == state_.target->size) f.downloadedSha256 = fileSha256(partFile());
  }
  const RunStatus run = parseRunStatus(readOr(setup_.kioskDataDir / kRunStatusFile, ""));
  f.screen = run.screen;
  f.attractIdleSeconds = run.screen == KioskScreen::Attract ? f.nowUnix - run.screenSinceUnix : 0;
  f.inOpeningHours = setup_.hours.isOpen(wall);
  // What dpkg did is read back from dpkg (a power cut mid-install leaves the target not installed).
  if (state_.phase == Phase::Installing && state_.target)
    f.dpkgSucceeded = f.installedVersion == state_.target->version;
  if (state_.phase == Phase::RollingBack) f.dpkgSucceeded = f.installedVersion == state_.previousVersion;
  // This run of the kiosk said READY, and the hub took its heartbeat, since the restart.
  f.readySeen = run.readyUnix >= state_.phaseSinceUnix;
  f.heartbeatAccepted = f.readySeen && run.heartbeatUnix >= state_.phaseSinceUnix;
  return f;
}

void UpdateRunner::keepInstalled(const std::string& installedVersion) {
  if (installedVersion.empty()) return;  // nothing installed: nothing to roll back to
  const fs::path kept = keptPackage(installedVersion);
  if (fs::exists(kept) && readDebInfo(kept).version == installedVersion) return;
  repackInstalled(setup_.dpkg, kept);
}

void UpdateRunner::prune(const std::string& keepVersion) {
  const fs::path keep = keptPackage(keepVersion);
  for (const auto& entry : fs::directory_iterator(setup_.stateDir / "packages"))
    if (entry.path() != keep) fs::remove_all(entry.path());
  for (const auto& entry : fs::directory_iterator(setup_.stateDir / "download"))
    if (!state_.target || entry.path() != partFile()) fs::remove_all(entry.path());
}

std::vector<std::string> UpdateRunner::round(OfferSource& source) {
  std::vector<std::string> journal;
  const auto say = [&](const std::string& line) { journal.push_back("update " + line); };
  // The offer, verified here whatever its source: signature, deployment.
  try {
    if (auto offered = source.current()) {
      try {
        auto manifest = wire::verifySignedUpdateManifest(offered->envelope, setup_.trusted);
        if (manifest.deployment != setup_.deployment)
          throw wire::ManifestError("deployment",
                                    "is " + manifest.deployment + ", not this kiosk's " + setup_.deployment);
        offer_ = std::move(manifest);
        ringDue_ = offered->ringDue;
      } catch (const wire::ManifestError& e) {
        offer_.reset();
        if (offered->envelope != refusedEnvelope_) {
          refusedEnvelope_ = offered->envelope;
          say("refused manifest: " + std::string(e.what()));
          // Its version cannot be trusted: the hub sees the refusal and why, not which version.
          report(wire::UpdateReport{"?", wire::UpdateState::Refused, wire::cutReason(e.what())});
        }
      }
    } else {
      offer_.reset();
    }
  } catch (const SourceUnavailable& e) {
    say("offer unavailable (the last one known is kept): " + std::string(e.what()));
  }

  for (int i = 0; i < kMaxStepsPerRound; ++i) {
    const UpdateFacts f = facts();
    const Step step = decide(state_, f, setup_.policy);
    const Phase before = state_.phase;
    const std::string oldPart = partFile().string();
    state_ = step.next;
    save();  // before dpkg or a restart: a power cut in either is found out by the next round
    if (!step.report.empty()) say(step.report);
    if (step.ended) report(step.ended);
    else if (state_.phase != before) {
      if (step.report.empty() && state_.phase != Phase::Idle) say(phaseWords(state_));
      report(progressReport(state_));
    }
    try {
      switch (step.action) {
        case Action::None: break;
        case Action::Download: source.fetch(*state_.target, partFile(), f.downloadedBytes); break;
        case Action::Discard: fs::remove(oldPart); break;
        case Action::Install: {
          try {
            keepInstalled(f.installedVersion);
            const DebInfo info = readDebInfo(partFile());
            if (info.package != kKioskPackage || info.version != state_.target->version)
              throw std::runtime_error("the package is " + info.package + " " + info.version + ", not the manifest's " +
                                       kKioskPackage + " " + state_.target->version);
          } catch (const std::exception& e) {
            // No dpkg without a way back, nor for a package other than the one signed for.
            const std::string why = "refused " + state_.target->version + ": " + e.what();
            report(wire::UpdateReport{state_.target->version, wire::UpdateState::Refused, wire::cutReason(e.what())});
            state_.abandonedVersion = state_.target->version;
            state_.target.reset();
            state_.phase = Phase::Idle;
            save();
            say(why);
            prune(f.installedVersion);
            return journal;
          }
          fs::rename(partFile(), keptPackage(state_.target->version));
          const auto r = installPackage(setup_.dpkg, keptPackage(state_.target->version));
          say("dpkg -i " + state_.target->version + (r.ok() ? ": ok" : ": failed: " + lastLines(r.output)));
          break;
        }
        case Action::Restart: {
          // The old run's READY must not pass for the new one's (found by the dpkg test: a build
          // that never starts, restarted in the same second as the last good one). The old
          // kiosk may write the file again before it stops, but with its own READY, from before.
          std::error_code gone;
          fs::remove(setup_.kioskDataDir / kRunStatusFile, gone);
          const auto r = setup_.restartKiosk ? setup_.restartKiosk() : ProcessResult{};
          if (!r.ok()) say("restart of the kiosk failed: " + lastLines(r.output));
          break;
        }
        case Action::Reinstall: {
          const auto r = installPackage(setup_.dpkg, keptPackage(state_.previousVersion));
          say("dpkg -i " + state_.previousVersion + " (back)" + (r.ok() ? ": ok" : ": failed: " + lastLines(r.output)));
          break;
        }
      }
    } catch (const SourceUnavailable& e) {
      say("download paused: " + std::string(e.what()));
      return journal;
    }
    if (state_.phase == Phase::Idle && before != Phase::Idle) prune(installedVersion(setup_.dpkg));
    if (step.action == Action::None && state_.phase == before) break;
  }
  return journal;
}

}  // namespace kiosk::updater
