// One kiosk's conversation with the hub, a round at a time: freeze open votes into a batch when
// due, register the kiosk's signing key once, upload queued batches oldest first (sent only on 200/201, a 409 kept
// aside as a conflict and offered again hourly; a refused signature keeps the batch queued, like a refused token),
// pull the hall's signed list and offer it only if it verifies and is newer, with it the hall's
// 你评我改 results (if wanted), then report a heartbeat. Network failures back off with full jitter. Runs on the sync
// thread; status() may be read from any thread. Never holds the store's lock across network I/O.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>

#include "common/clock.hpp"
#include "sync/backoff.hpp"
#include "sync/outbox.hpp"
#include "sync/transport.hpp"
#include "wire/crypto.hpp"
#include "wire/kiosk_command.hpp"
#include "wire/kiosk_screenshot.hpp"
#include "wire/kiosk_settings.hpp"
#include "wire/results_board.hpp"
#include "wire/signed_list.hpp"
#include "wire/update_report.hpp"

namespace kiosk::sync {

// Receives the hall's results, already parsed, checked for this hall and cut to the kiosk's floor:
// on every change, and an empty board when the hub has switched results off (404).
using ResultsSink = std::function<void(const wire::ResultsBoard&)>;

using common::Clock;
using common::Instant;
using common::Millis;

// Receives verified signed settings newer than the kiosk applies in their scope (the hall's, or
// the kiosk's own: settings.kiosk), with the envelope bytes, for the kiosk to apply between residents.
using SettingsSink = std::function<void(const wire::KioskSettings&, const std::string& envelope)>;

// Receives a command the engine cannot carry out itself (a restart: the UI thread ends the
// program between residents; a screenshot: the UI thread reads a frame of a screen that may be
// photographed) and how long it stays valid; the kiosk acknowledges it through
// SyncEngine::acknowledge, or posts the screenshot through SyncEngine::postScreenshot. Called on
// the sync thread.
using CommandSink = std::function<void(const wire::KioskCommand&, Millis validFor)>;

struct KioskHealth {
  std::int64_t uptimeSeconds = 0;
  std::int64_t starts = 0, uncleanExits = 0;  // since the kiosk was installed (app/run_record.hpp)
  std::int64_t touchesThisRun = 0;            // screen touches since this run started
  std::int64_t openSecondsThisRun = 0;        // seconds of this run spent in opening hours
  std::optional<bool> screenShown = {};       // the window can be seen (absent: not known)
  // The signed settings the kiosk applies now (0: none), for the heartbeat; absent: it takes none.
  std::optional<std::int64_t> hallSettingsVersion = {}, kioskSettingsVersion = {};
  // kiosk-updater's last word (its update-report), for the heartbeat's `update`; absent: none.
  std::optional<wire::UpdateReport> update = {};
};

struct SyncSettings {
  std::string kioskId;
  std::string deployment;
  std::string hall;
  wire::TrustedKeys trustedKeys;
  std::string appVersion;
  std::filesystem::path dataDir;        // for the disk-free figure in heartbeats
  Millis batchInterval{5 * 60 * 1000};  // freeze at least this often ...
  std::int64_t batchVotes = 200;        // ... or as soon as this many votes wait
  Millis listPollInterval{60 * 1000};
  // How often batches set aside as conflicts are offered to the hub again: an administrator may
  // have imported them from the USB export (then the hub answers 200 duplicate and they clear).
  Millis setAsideRetryInterval{60 * 60 * 1000};
  std::int64_t shownListVersion = 0;  // the version the kiosk shows now (0: none from the hub)
  // Signs every batch upload (X-Kiosk-Signature); its public half is registered with the hub,
  // with the kiosk's token, before the first upload. Absent: batches go unsigned.
  std::optional<wire::Ed25519PrivateKey> signingKey;
  ResultsSink results;               // null: the kiosk shows no results and never asks for them
  std::int64_t resultsMinimum = 30;  // fewer counted votes are dropped before the sink sees them
  CommandSink commands;              // null: restart and screenshot commands are refused (acknowledged "refused: …")
  // Acknowledgements kept across a restart (the restart's own "done"): sent in the first
  // heartbeat, and their commands never carried out again if handed over once more.
  std::vector<wire::CommandAck> acksAtStart;
  SettingsSink settings;  // null: the kiosk never asks for signed settings
  // The versions applied when the engine starts (from the data folder); only newer ones are offered.
  std::int64_t hallSettingsVersion = 0, kioskSettingsVersion = 0;
  // Optional: the kiosk's health for the heartbeat, asked for on the sync thread (so it must be
  // thread-safe). Touches are the run's running total: the engine sends what came since the last
  // heartbeat the hub accepted.
  std::function<KioskHealth()> health;
  // Optional: called on the sync thread each time the hub accepts a heartbeat (the kiosk tells its
  // updater, which counts a new build healthy only once one was).
  std::function<void()> heartbeatAccepted = {};
  // Optional: one line per event worth a log ("batch-sent seq=3 votes=12 status=201", ...).
  std::function<void(const std::string&)> journal;
};

struct SyncStatus {
  std::int64_t lastSuccessUnix = 0;
  std::string lastError;  // in words, for staff; empty after a clean round
  // What kind of trouble lastError is, for the staff screen to word in its language:
  // "" (none), unreachable, timeout, tls, auth (401/403), hub (any other refusal), storage.
  std::string problem;
  std::int64_t queuedBatches = 0;
  std::int64_t conflicts = 0;
  std::int64_t openVotes = 0;
  std::int64_t listVersion = 0;
  std::string lastListRejection;      // why the last offered list was not applied
  std::string lastResultsRejection;   // why the last results were not taken ("" when they were)
  std::string lastSettingsRejection;  // why the last signed settings offered were refused ("" when taken)
  int consecutiveFailures = 0;
};

// Receives a verified, newer list with its envelope bytes (the kiosk persists and shows it).
using ListSink = std::function<void(const wire::CommitmentList&, const std::string& envelope)>;

class SyncEngine {
 public:
  SyncEngine(SyncSettings settings, HttpTransport& transport, OutboxProvider outbox, const Clock& clock, ListSink sink,
             std::function<double()> random01 = nullptr);

  // Runs one round and returns how long to wait before the next.
  Millis runOnce();
  SyncStatus status() const;
  // What came of a command handed to the CommandSink; sent with the next heartbeat. Any thread.
  void acknowledge(wire::CommandAck ack);
  // The screenshot a 截屏 command asked for, as a job that makes it (scaling and PNG encoding
  // happen on the sync thread, never in the UI's frame): made and posted in the next round (the
  // caller wakes the worker), then acknowledged "done", or "refused: …" when it cannot be made or
  // the hub will not take it. A newer one replaces one still waiting. Any thread.
  using ScreenshotJob = std::function<std::optional<wire::ScreenshotUpload>()>;
  void postScreenshot(std::string commandId, ScreenshotJob make);
  // A request someone at the screen is waiting on (a 评议会 code, a ballot): sent first thing in the
  // next round — before uploads, whatever the backoff — and once: the engine never sends it again,
  // the person decides. The answer (status 0 when the hub was not reached) goes to `reply` on the
  // sync thread. Any thread; the caller wakes the worker.
  using Reply = std::function<void(const HttpResponse&)>;
  void sendOnce(HttpRequest request, Reply reply);

 private:
  struct Outcome {
    bool ok = true;
    Millis retryIn{0};
  };
  Outcome fail(const HttpResponse& r, const std::string& what);
  void freezeDue(Outbox& outbox);
  Outcome registerKey();
  Outcome upload(Outbox& outbox);
  HttpResponse postBatch(const std::string& body);  // signed with the kiosk's key, when it has one
  // Once per setAsideRetryInterval: each set-aside batch offered again; 200/201 sends it.
  void offerSetAsideAgain(Outbox& outbox);
  bool publishedDue() const;
  Outcome pullList();
  Outcome pullResults();
  Outcome pullSettings();
  // One envelope from GET settings/current, in the slot `scope` ("hall" or "kiosk"): offered to the
  // sink when it verifies and is newer; the reason when it is refused.
  std::optional<std::string> offerSettings(const std::string& envelope, const std::string& scope);
  Outcome uploadScreenshot();
  void runErrands();
  Outcome heartbeat(Outbox& outbox);
  // Once per command id: 立即同步 here, a restart handed to the CommandSink. `serverTime`: the
  // answer's, against which the command's expiry is counted.
  void carryOut(const wire::KioskCommand& command, std::int64_t serverTime);
  void note(const std::string& line) const {
    if (settings_.journal) settings_.journal(line);
  }

  SyncSettings settings_;
  HttpTransport& transport_;
  OutboxProvider outboxProvider_;
  const Clock& clock_;
  ListSink sink_;
  std::function<double()> random01_;
  Backoff backoff_;
  Instant lastFreeze_;
  Instant lastListPoll_;
  Instant lastSetAsideOffer_;
  bool lastSuccessLoaded_ = false;
  std::int64_t lastSuccessKept_ = 0;  // the last success written to the outbox
  bool polledOnce_ = false;
  bool keyRegistered_ = false;        // once per start: the hub answers the same key with 200
  std::int64_t touchesReported_ = 0;  // the run's touch total when the hub last took a heartbeat
  std::int64_t openReported_ = 0;     // and its open seconds
  std::string listEtag_;
  std::string resultsEtag_;
  std::string settingsEtag_;
  std::set<std::string> seenCommands_;                  // carried out (or handed over) once: never again
  bool roundSoon_ = false;                              // 立即同步: the next round starts at once
  std::vector<wire::CommandAck> pendingAcks_;           // guarded by statusMutex_
  std::string pendingShotId_;                           // guarded by statusMutex_, with:
  ScreenshotJob pendingShotJob_;                        // made on the sync thread,
  std::optional<wire::ScreenshotUpload> pendingShot_;   // then kept while the hub cannot be reached
  std::vector<std::pair<HttpRequest, Reply>> errands_;  // guarded by statusMutex_
  mutable std::mutex statusMutex_;
  SyncStatus status_;
};

}  // namespace kiosk::sync
