#include "sync/sync_engine.hpp"

#include <sys/statvfs.h>
#include <algorithm>

#include "common/iso_time.hpp"
#include "wire/endpoints.hpp"
#include "wire/enrolment.hpp"
#include "wire/heartbeat.hpp"
#include "wire/json_input.hpp"

namespace kiosk::sync {

namespace {

Millis toMillis(Backoff::Seconds s) { return std::chrono::duration_cast<Millis>(s); }

std::int64_t diskFree(const std::filesystem::path& dir) {
  struct statvfs st {};
  if (statvfs(dir.c_str(), &st) != 0) return 0;  // unknown; the hub takes no negative figures
  return static_cast<std::int64_t>(st.f_bavail) * static_cast<std::int64_t>(st.f_frsize);
}

std::string describe(const HttpResponse& r) {
  switch (r.failure) {
    case Failure::Tls: return "TLS refused: " + r.error;
    case Failure::Connect: return "cannot reach the hub: " + r.error;
    case Failure::Timeout: return "the hub did not answer in time: " + r.error;
    case Failure::Other: return "network error: " + r.error;
    case Failure::None: break;
  }
  std::string body = r.body.substr(0, 200);
  return "hub answered " + std::to_string(r.status) + (body.empty() ? "" : ": " + body);
}

// A 422 about the kiosk's signature, not the batch's contents: its key is missing or damaged (or
// another is registered). Like a 401 it would refuse every batch alike, and the same bytes signed
// with the registered key will be taken, so the batches wait in the queue.
bool keyRefused(const HttpResponse& r) {
  if (r.failure != Failure::None || r.status != 422) return false;
  const auto doc = wire::parseJsonBounded(r.body);
  return doc && doc->is_object() && doc->contains("reason") && (*doc)["reason"] == wire::kSignatureRefusal;
}

// Answers that refuse this batch's bytes for good. Not 401 (the token, not the batch: every batch
// would be refused alike, so they wait), not a refused signature (likewise), not 408/429/5xx (try
// again later).
bool refusedForGood(const HttpResponse& r) {
  return r.failure == Failure::None && !keyRefused(r) &&
         (r.status == 400 || r.status == 403 || r.status == 409 || r.status == 413 || r.status == 422);
}

std::string problemOf(const HttpResponse& r) {
  switch (r.failure) {
    case Failure::Tls: return "tls";
    case Failure::Timeout: return "timeout";
    case Failure::Connect:
    case Failure::Other: return "unreachable";
    case Failure::None: break;
  }
  if (keyRefused(r)) return "key";
  return r.status == 401 || r.status == 403 ? "auth" : "hub";
}

}  // namespace

SyncEngine::SyncEngine(SyncSettings settings, HttpTransport& transport, OutboxProvider outbox, const Clock& clock,
                       ListSink sink, std::function<double()> random01)
    : settings_(std::move(settings)), transport_(transport), outboxProvider_(std::move(outbox)), clock_(clock),
      sink_(std::move(sink)), random01_(std::move(random01)) {
  if (!random01_) {
    random01_ = [rng = std::make_shared<std::mt19937_64>(std::random_device{}())]() {
      return std::uniform_real_distribution<double>(0.0, 1.0)(*rng);
    };
  }
  lastFreeze_ = clock_.now();
  lastSetAsideOffer_ = clock_.now();
  status_.listVersion = settings_.shownListVersion;
  for (const auto& ack : settings_.acksAtStart) seenCommands_.insert(ack.id);
  pendingAcks_ = settings_.acksAtStart;
}

void SyncEngine::acknowledge(wire::CommandAck ack) {
  std::lock_guard lock(statusMutex_);
  if (pendingAcks_.size() < 4 * wire::kMaxAcksPerHeartbeat) pendingAcks_.push_back(std::move(ack));
}

void SyncEngine::postScreenshot(std::string commandId, ScreenshotJob make) {
  std::lock_guard lock(statusMutex_);
  pendingShotId_ = std::move(commandId);
  pendingShotJob_ = std::move(make);
  pendingShot_.reset();
}

SyncEngine::Outcome SyncEngine::uploadScreenshot() {
  std::optional<wire::ScreenshotUpload> shot;
  std::string id;
  ScreenshotJob make;
  {
    std::lock_guard lock(statusMutex_);
    shot = std::exchange(pendingShot_, std::nullopt);
    id = pendingShotId_;
    make = std::exchange(pendingShotJob_, nullptr);
  }
  if (make) {
    shot = make();
    if (!shot) {
      note("screenshot-refused id=" + id + " reason=\"the frame could not be made into a PNG\"");
      acknowledge({id, "refused: the frame could not be made into a PNG"});
      return {};
    }
  }
  if (!shot) return {};
  const HttpResponse r =
      transport_.send({"POST", std::string(wire::endpoint::kKioskScreenshot), wire::encodeScreenshotUpload(*shot), ""});
  if (r.status == 200 || r.status == 201) {
    note("screenshot-sent id=" + shot->commandId + " bytes=" + std::to_string(shot->png.size()));
    acknowledge({shot->commandId, "done"});
    return {};
  }
  if (r.status == 0 || r.status == 401 || r.status == 429 || r.status >= 500) {
    std::lock_guard lock(statusMutex_);  // not reached or not now: offered again next round, unless a newer one waits
    if (!pendingShotJob_) pendingShot_ = std::move(shot);
    return fail(r, "sending a screenshot");
  }
  // Refused for what it is (too late, too large): nothing to try again.
  note("screenshot-refused id=" + shot->commandId + " status=" + std::to_string(r.status));
  acknowledge({shot->commandId, "refused: the hub answered " + std::to_string(r.status)});
  return {};
}

SyncStatus SyncEngine::status() const {
  std::lock_guard lock(statusMutex_);
  return status_;
}

SyncEngine::Outcome SyncEngine::fail(const HttpResponse& r, const std::string& what) {
  const bool hard = r.failure == Failure::Tls;
  std::optional<Backoff::Seconds> retryAfter;
  if (r.retryAfterSeconds) retryAfter = Backoff::Seconds(static_cast<double>(*r.retryAfterSeconds));
  const Millis delay = toMillis(hard ? backoff_.failedHard() : backoff_.failed(random01_(), retryAfter));
  const std::string error = what + ": " + describe(r);
  note("sync-failed retry_in_ms=" + std::to_string(delay.count()) + " reason=\"" + error + "\"");
  std::lock_guard lock(statusMutex_);
  status_.lastError = error;
  status_.problem = problemOf(r);
  status_.consecutiveFailures = backoff_.failures();
  return {false, std::max(delay, Millis(100))};
}

void SyncEngine::freezeDue(Outbox& queue) {
  const Instant now = clock_.now();
  const bool intervalDue = now - lastFreeze_ >= settings_.batchInterval;
  if (!intervalDue && queue.status().openVotes < settings_.batchVotes) return;
  // Everything open goes out now, in bounded batches.
  while (queue.freeze(common::isoTimestamp(clock_.wallNow()))) {
  }
  lastFreeze_ = now;
}

SyncEngine::Outcome SyncEngine::registerKey() {
  if (!settings_.signingKey || keyRegistered_) return {};
  const HttpResponse r = transport_.send({"POST", std::string(wire::endpoint::kKioskKey),
                                          wire::encodeKioskKey(settings_.signingKey->publicKey().toPem()), ""});
  if (r.status == 200 || r.status == 201) {
    keyRegistered_ = true;
    if (r.status == 201) note("key-registered");
    return {};
  }
  if (r.status == 404) {
    // A hub from before signed batches: it ignores the signatures, uploads go on as they did.
    keyRegistered_ = true;
    note("key-not-registered reason=\"the hub does not take kiosk keys\"");
    return {};
  }
  // 409: the hub holds another key for this kiosk id. Uploading now would only have every batch
  // refused and set aside; they stay queued until an administrator enrols this kiosk again.
  return fail(r, "registering this kiosk's signing key");
}

SyncEngine::Outcome SyncEngine::upload(Outbox& queue) {
  while (auto batch = queue.oldestQueued()) {
    const HttpResponse r = postBatch(batch->body);
    if (r.status == 200 || r.status == 201) {
      queue.markSent(batch->seq);
      note("batch-sent seq=" + std::to_string(batch->seq) + " votes=" + std::to_string(batch->votes) +
           " status=" + std::to_string(r.status));
    } else if (refusedForGood(r)) {
      // The hub will never take these bytes (409: same identity, other bytes; 400/403/413/422:
      // refused as they are). Frozen bytes cannot change, so keep the batch aside for staff and the
      // USB export, and send the rest rather than block the outbox behind it.
      queue.markConflict(batch->seq, describe(r));
      lastSetAsideOffer_ = clock_.now();  // offered again an interval from now, not at once
      note("batch-set-aside seq=" + std::to_string(batch->seq) + " status=" + std::to_string(r.status) + " reason=\"" +
           describe(r) + "\"");
    } else {
      return fail(r, "uploading batch " + std::to_string(batch->seq));
    }
  }
  return {};
}

HttpResponse SyncEngine::postBatch(const std::string& body) {
  const std::string signature =
      settings_.signingKey ? wire::base64Encode(settings_.signingKey->sign(body)) : std::string();
  return transport_.send({"POST", std::string(wire::endpoint::kBatches), body, "", signature});
}

void SyncEngine::offerSetAsideAgain(Outbox& queue) {
  const Instant now = clock_.now();
  if (now - lastSetAsideOffer_ < settings_.setAsideRetryInterval) return;
  lastSetAsideOffer_ = now;
  for (const auto& batch : queue.setAside(20)) {  // a few a round: they are rare, and each is a round trip
    const HttpResponse r = postBatch(batch.body);
    if (r.failure != Failure::None) return;  // the hub is out of reach: the next round tries
    if (r.status == 200 || r.status == 201) {
      queue.markSent(batch.seq);
      note("batch-sent seq=" + std::to_string(batch.seq) + " votes=" + std::to_string(batch.votes) +
           " status=" + std::to_string(r.status) + " after=set-aside");
    }
  }
}

bool SyncEngine::publishedDue() const {
  return !polledOnce_ || clock_.now() - lastListPoll_ >= settings_.listPollInterval;
}

SyncEngine::Outcome SyncEngine::pullList() {
  const HttpResponse r = transport_.send({"GET", std::string(wire::endpoint::kCurrentList), "", listEtag_});
  if (r.status == 304 || r.status == 404) return {};
  if (r.status != 200) return fail(r, "fetching the commitment list");
  std::string rejection;
  try {
    const wire::CommitmentList list = wire::verifySignedList(r.body, settings_.trustedKeys);
    std::int64_t shown = 0;
    {
      std::lock_guard lock(statusMutex_);
      shown = status_.listVersion;
    }
    if (auto why = wire::whyListIsNotFor(list, {settings_.deployment, settings_.hall, shown})) {
      rejection = *why;
    } else {
      sink_(list, r.body);
      note("list-received version=" + std::to_string(list.version) +
           " commitments=" + std::to_string(list.commitments.size()));
      std::lock_guard lock(statusMutex_);
      status_.listVersion = list.version;
      status_.lastListRejection.clear();
    }
  } catch (const wire::ListError& e) {
    rejection = e.what();
  }
  // A refused list is remembered by its ETag so it is not re-downloaded every minute.
  listEtag_ = r.etag;
  if (!rejection.empty()) {
    note("list-rejected reason=\"" + rejection + "\"");
    std::lock_guard lock(statusMutex_);
    status_.lastListRejection = rejection;
  }
  return {};
}

SyncEngine::Outcome SyncEngine::pullResults() {
  if (!settings_.results) return {};
  const HttpResponse r = transport_.send({"GET", std::string(wire::endpoint::kResults), "", resultsEtag_});
  if (r.status == 304) return {};
  if (r.status == 404) {  // switched off on the hub (or a hub from before results): show none
    if (resultsEtag_ != "off") {
      settings_.results(wire::ResultsBoard{settings_.hall, "", "", {}});
      note("results-off");
    }
    resultsEtag_ = "off";  // never a real ETag (those are quoted), so the next 200 is taken
    return {};
  }
  if (r.status != 200) return fail(r, "fetching the results");
  std::string rejection;
  try {
    wire::ResultsBoard board = wire::parseResults(r.body);
    if (board.hall != settings_.hall) {
      rejection = "results are for hall " + board.hall + ", this kiosk is in " + settings_.hall;
    } else {
      board = wire::publicOnly(std::move(board), settings_.resultsMinimum);
      note("results-received commitments=" + std::to_string(board.results.size()) + " from=" + board.from +
           " to=" + board.to);
      settings_.results(board);
    }
  } catch (const wire::ResultsError& e) {
    rejection = e.what();
  }
  // Refused results are remembered by ETag too, and the ones shown before stay.
  resultsEtag_ = r.etag;
  std::lock_guard lock(statusMutex_);
  status_.lastResultsRejection = rejection;
  if (!rejection.empty()) note("results-rejected reason=\"" + rejection + "\"");
  return {};
}

SyncEngine::Outcome SyncEngine::pullSettings() {
  if (!settings_.settings) return {};
  const HttpResponse r = transport_.send({"GET", std::string(wire::endpoint::kCurrentSettings), "", settingsEtag_});
  if (r.status == 304 || r.status == 404) return {};  // 404: nothing published yet, or a hub from before settings
  if (r.status != 200) return fail(r, "fetching the kiosk settings");
  std::vector<std::string> rejections;
  try {
    const wire::CurrentSettings current = wire::parseCurrentSettings(r.body);
    for (const auto& [envelope, scope] : {std::pair{&current.hall, "hall"}, std::pair{&current.kiosk, "kiosk"}})
      if (!envelope->empty())
        if (auto why = offerSettings(*envelope, scope)) rejections.push_back(*why);
  } catch (const wire::SettingsError& e) {
    rejections.push_back(e.what());
  }
  // Refused settings are remembered by ETag too: the next change on the hub is fetched, not these again.
  settingsEtag_ = r.etag;
  std::string rejection;
  for (const auto& why : rejections) rejection += (rejection.empty() ? "" : "; ") + why;
  std::lock_guard lock(statusMutex_);
  status_.lastSettingsRejection = rejection;
  return {};
}

std::optional<std::string> SyncEngine::offerSettings(const std::string& envelope, const std::string& scope) {
  std::string why;
  try {
    const wire::KioskSettings s = wire::verifySignedSettings(envelope, settings_.trustedKeys);
    std::int64_t& applied = scope == "hall" ? settings_.hallSettingsVersion : settings_.kioskSettingsVersion;
    if ((scope == "hall") != s.kiosk.empty()) {
      why = scope == "hall" ? "the hall's settings name kiosk \"" + s.kiosk + "\""
                            : "this kiosk's settings name no kiosk";
    } else if (s.version == applied) {
      return std::nullopt;  // what the kiosk applies already (the first fetch after a start)
    } else if (auto bad =
                   wire::whySettingsAreNotFor(s, {settings_.deployment, settings_.hall, settings_.kioskId, applied})) {
      why = *bad;
    } else {
      settings_.settings(s, envelope);
      applied = s.version;
      note("settings-received scope=" + scope + " version=" + std::to_string(s.version) +
           " keys=" + std::to_string(s.values.size()));
      return std::nullopt;
    }
  } catch (const wire::SettingsError& e) {
    why = e.what();
  }
  note("settings-rejected scope=" + scope + " reason=\"" + why + "\"");
  return scope + ": " + why;
}

SyncEngine::Outcome SyncEngine::heartbeat(Outbox& outbox) {
  const auto q = outbox.status();
  wire::Heartbeat hb;
  hb.appVersion = settings_.appVersion;
  hb.listVersion = status().listVersion;
  hb.queuedBatches = q.queued;
  hb.conflicts = q.conflicts;
  hb.openVotes = q.openVotes;
  hb.lastVoteBucket = outbox.lastVoteBucket();
  hb.diskFreeBytes = diskFree(settings_.dataDir);
  hb.kioskTime = common::isoTimestamp(clock_.wallNow());
  std::int64_t touchesNow = touchesReported_, openNow = openReported_;
  if (settings_.health) {
    const KioskHealth health = settings_.health();
    touchesNow = health.touchesThisRun;
    openNow = health.openSecondsThisRun;
    hb.openSeconds = std::max<std::int64_t>(0, openNow - openReported_);
    if (health.screenShown) hb.screen = *health.screenShown ? "shown" : "hidden";
    hb.uptimeSeconds = health.uptimeSeconds;
    hb.starts = health.starts;
    hb.uncleanExits = health.uncleanExits;
    // Since the last heartbeat the hub took: one it refused is counted again in the next.
    hb.touches = std::max<std::int64_t>(0, touchesNow - touchesReported_);
    hb.hallSettingsVersion = health.hallSettingsVersion;
    hb.kioskSettingsVersion = health.kioskSettingsVersion;
    hb.update = health.update;
  }
  {
    std::lock_guard lock(statusMutex_);
    hb.acks.assign(pendingAcks_.begin(), pendingAcks_.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                                    pendingAcks_.size(), wire::kMaxAcksPerHeartbeat)));
  }
  const HttpResponse r =
      transport_.send({"POST", std::string(wire::endpoint::kHeartbeat), wire::encodeHeartbeat(hb), ""});
  if (r.status != 200) return fail(r, "sending the heartbeat");
  touchesReported_ = touchesNow;
  openReported_ = openNow;
  if (settings_.heartbeatAccepted) settings_.heartbeatAccepted();
  {
    std::lock_guard lock(statusMutex_);  // the hub has them: acknowledged once
    pendingAcks_.erase(pendingAcks_.begin(), pendingAcks_.begin() + static_cast<std::ptrdiff_t>(hb.acks.size()));
  }
  try {
    const wire::HeartbeatAnswer answer = wire::parseHeartbeatAnswer(r.body);
    for (const auto& command : answer.commands) carryOut(command, answer.serverTime);
  } catch (const wire::CommandError& e) {
    note(std::string("commands-rejected reason=\"") + e.what() + "\"");
  }
  return {};
}

void SyncEngine::carryOut(const wire::KioskCommand& command, std::int64_t serverTime) {
  if (!seenCommands_.insert(command.id).second) return;  // handed over again: carried out once only
  note("command id=" + command.id + " kind=" + std::string(wire::nameOf(command.kind)));
  switch (command.kind) {
    case wire::CommandKind::SyncNow:
      roundSoon_ = true;
      acknowledge({command.id, "done"});
      return;
    case wire::CommandKind::Restart:
    case wire::CommandKind::Screenshot: {
      if (!settings_.commands) {
        acknowledge({command.id, command.kind == wire::CommandKind::Restart
                                     ? "refused: this kiosk cannot restart itself"
                                     : "refused: this kiosk has no screen to photograph"});
        return;
      }
      // Valid for as long as the hub said, counted on this kiosk's steady clock (its wall clock may be wrong).
      settings_.commands(command, Millis(std::max<std::int64_t>(0, command.expiresUnix - serverTime) * 1000));
      return;
    }
  }
}

void SyncEngine::sendOnce(HttpRequest request, Reply reply) {
  std::lock_guard lock(statusMutex_);
  errands_.emplace_back(std::move(request), std::move(reply));
}

void SyncEngine::runErrands() {
  std::vector<std::pair<HttpRequest, Reply>> due;
  {
    std::lock_guard lock(statusMutex_);
    due.swap(errands_);
  }
  for (auto& [request, reply] : due) {
    const HttpResponse r = transport_.send(request);
    note("errand " + request.method + " status=" + std::to_string(r.status));
    reply(r);
  }
}

Millis SyncEngine::runOnce() {
  runErrands();  // someone is waiting at the screen: before the outbox, which may be slow or failing
  const std::shared_ptr<Outbox> outbox = outboxProvider_();
  if (!outbox) {
    std::lock_guard lock(statusMutex_);
    status_.lastError = "the vote database is not available";
    status_.problem = "storage";
    return Millis(5000);
  }
  Outbox& queue = *outbox;
  Outcome outcome;
  try {
    if (!lastSuccessLoaded_) {  // the last success of an earlier run, once per engine
      const std::int64_t kept = queue.lastSyncSuccess();
      lastSuccessLoaded_ = true;
      lastSuccessKept_ = kept;
      std::lock_guard lock(statusMutex_);
      status_.lastSuccessUnix = std::max(status_.lastSuccessUnix, kept);
    }
    freezeDue(queue);
    outcome = registerKey();
    if (outcome.ok) outcome = upload(queue);
    if (outcome.ok) offerSetAsideAgain(queue);
    if (outcome.ok && publishedDue()) {
      outcome = pullList();
      if (outcome.ok) outcome = pullResults();
      if (outcome.ok) outcome = pullSettings();
      if (outcome.ok) {
        lastListPoll_ = clock_.now();
        polledOnce_ = true;
      }
    }
    if (outcome.ok) outcome = uploadScreenshot();
    if (outcome.ok) outcome = heartbeat(queue);
  } catch (const std::exception& e) {
    // Local storage trouble: the UI reports it; sync simply tries again later.
    std::lock_guard lock(statusMutex_);
    status_.lastError = std::string("local storage: ") + e.what();
    status_.problem = "storage";
    return Millis(5000);
  }
  const auto q = queue.status();
  const std::int64_t succeededAt = clock_.wallNow().unix_seconds;
  // A success is kept in the store (never under the status lock the UI reads through), at most
  // once a minute: a write per round would cost the vote writer for nothing a person could see.
  if (outcome.ok && succeededAt - lastSuccessKept_ >= 60) {
    try {
      queue.noteSyncSuccess(succeededAt);
      lastSuccessKept_ = succeededAt;
    } catch (const std::exception&) {
      // storage trouble shows on the next round; this round itself succeeded
    }
  }
  std::lock_guard lock(statusMutex_);
  status_.queuedBatches = q.queued;
  status_.conflicts = q.conflicts;
  status_.openVotes = q.openVotes;
  if (!outcome.ok) return outcome.retryIn;
  backoff_.succeeded();
  status_.consecutiveFailures = 0;
  status_.lastError.clear();
  status_.problem.clear();
  status_.lastSuccessUnix = succeededAt;
  if (std::exchange(roundSoon_, false)) {  // 立即同步: everything open goes out in the next round, at once
    lastFreeze_ = clock_.now() - settings_.batchInterval;
    polledOnce_ = false;
    return Millis(100);
  }
  // Next: when the batch interval ends, but look at the vote count at least every 30 s.
  const Millis untilFreeze = std::chrono::duration_cast<Millis>(settings_.batchInterval - (clock_.now() - lastFreeze_));
  return std::clamp(untilFreeze, Millis(1000), Millis(30'000));
}

}  // namespace kiosk::sync
