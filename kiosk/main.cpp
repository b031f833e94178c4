// kiosk: the resident-facing touch app. Reads top to bottom: options, config, list, store, window,
// then an event-driven loop that renders only when something changed.
#include <imgui.h>

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>

#include "kiosk/app/durable_file.hpp"
#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/list_source.hpp"
#include "kiosk/config/kiosk_config.hpp"
#include "kiosk/config/string_table.hpp"
#include "kiosk/core/time_bucket.hpp"
#include "kiosk/platform/font_locator.hpp"
#include "kiosk/platform/gl_photo_source.hpp"
#include "kiosk/platform/sdl_gl_window.hpp"
#include "kiosk/platform/systemd_notify.hpp"
#include "kiosk/ui/kiosk_ui.hpp"
#include "sync/curl_transport.hpp"
#include "sync/sync_engine.hpp"
#include "sync/sync_worker.hpp"

namespace fs = std::filesystem;
using namespace kiosk;

namespace {

constexpr int kExitUsage = 2;
// Staff chose "exit for maintenance". The kiosk then also leaves <data_dir>/maintenance behind:
// the systemd unit will not start while it exists (cage 0.1.4 does not pass exit statuses on,
// so RestartPreventExitStatus=3 alone would not hold it). The next start removes it.
constexpr int kExitMaintenance = 3;
constexpr const char* kMaintenanceMarker = "maintenance";

// Where config/ lives: next to an installed binary, else the source tree this was built from.
fs::path productRoot() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && fs::exists(exe.parent_path().parent_path() / "share/commitment-kiosk/config/kiosk.toml"))
    return exe.parent_path().parent_path() / "share/commitment-kiosk";
  return KIOSK_SOURCE_ROOT;
}

// Lines on stdout are the kiosk's machine-readable journal (tests and the bench read them).
void journal(const std::string& line) {
  std::fputs((line + "\n").c_str(), stdout);
  std::fflush(stdout);
}

class JournalEvents final : public app::AppEvents {
 public:
  void voteAcknowledged(const store::VoteRecord& v) override {
    journal("vote-acknowledged commitment=" + v.commitmentId + " rating=" + std::string(nameOf(v.rating)) +
            " counted=" + (v.counted ? "1" : "0") + " bucket=" + v.bucket);
  }
  void storeFailed(std::string_view why) override { std::cerr << "kiosk: storage failed: " << why << "\n"; }
  void storeRecovered() override { journal("store-recovered"); }
  void staffUnlocked() override { journal("staff-unlocked"); }
  void staffPinRejected(int failures, bool lockedOut) override {
    journal("staff-pin-rejected failures=" + std::to_string(failures) + " locked=" + (lockedOut ? "1" : "0"));
  }
  void staffLeft() override { journal("staff-left"); }
  void exported(const std::string& folder) override { journal("exported folder=" + folder); }
  void syncNowRequested() override {
    journal("sync-now");
    if (syncNow) syncNow();
  }
  void maintenanceExitRequested() override {
    journal("maintenance-exit");
    maintenanceExit = true;
  }

  std::function<void()> syncNow;  // set once the sync thread runs
  bool maintenanceExit = false;
};

std::string readToken(const fs::path& file) {
  std::ifstream in(file);
  std::string token;
  std::getline(in, token);
  if (token.empty()) throw config::ConfigError("sync.token_file", "cannot read a token from " + file.string());
  return token;
}

// A verified new list handed from the sync thread to the UI thread, which installs it only when
// nobody is mid-session (the attract screen).
class ListMailbox {
 public:
  void put(wire::CommitmentList list) {
    std::lock_guard lock(mutex_);
    list_ = std::move(list);
  }
  std::optional<wire::CommitmentList> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(list_, std::nullopt);
  }

 private:
  std::mutex mutex_;
  std::optional<wire::CommitmentList> list_;
};

std::optional<std::pair<int, int>> parseSize(const std::string& text) {
  int w = 0, h = 0;
  char x = 0;
  if (std::sscanf(text.c_str(), "%d%c%d", &w, &x, &h) != 3 || x != 'x' || w < 320 || h < 240 || w > 8192 || h > 8192)
    return std::nullopt;
  return std::pair{w, h};
}

}  // namespace

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();

  // 1. Options.
  CLI::App cli{"Commitment-rating kiosk: residents rate public commitments good / fair / poor."};
  std::string configFile, dataDir, windowed;
  bool demo = false;
  bool journalTargets = false;
  cli.add_option("--config", configFile, "kiosk.toml to use")->check(CLI::ExistingFile);
  cli.add_flag("--demo", demo, "run with the demo list and config shipped in config/");
  cli.add_option("--data-dir", dataDir, "where the vote database lives (overrides the config)");
  cli.add_option("--windowed", windowed, "run in a window of WxH pixels instead of full-screen");
  cli.add_flag("--journal-targets", journalTargets,
               "diagnostics: after each screen change or tap, print the tap targets' rectangles and any "
               "text that leaves its card to stdout");
  cli.set_version_flag("--version", std::string("kiosk ") + KIOSK_VERSION);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version end here with 0; every usage mistake exits 2, like a bad config.
    return cli.exit(e) == 0 ? 0 : kExitUsage;
  }
  if (configFile.empty() && !demo) {
    std::cerr << "kiosk: give --config FILE, or --demo to try the shipped demo\n";
    return kExitUsage;
  }
  std::optional<std::pair<int, int>> windowSize;
  if (!windowed.empty() && !(windowSize = parseSize(windowed))) {
    std::cerr << "kiosk: --windowed must look like 1280x800, found \"" << windowed << "\"\n";
    return kExitUsage;
  }

  // 2. Config, strings and the commitment list: any mistake is named and the kiosk does not start.
  config::KioskConfig cfg;
  std::vector<config::StringTable> strings;  // one per language a resident may switch to
  wire::CommitmentList list;
  wire::TrustedKeys trustedKeys;
  std::string hubToken;
  std::int64_t hubListVersion = 0;  // 0: showing the configured file, nothing from the hub yet
  try {
    cfg = config::loadKioskConfig(configFile.empty() ? productRoot() / "config/kiosk.toml" : fs::path(configFile));
    if (!dataDir.empty()) cfg.dataDir = dataDir;
    if (cfg.dataDir.empty()) cfg.dataDir = config::defaultDataDir() / (demo ? "demo" : cfg.kioskId);
    for (const auto& language : cfg.languages) strings.push_back(config::StringTable::load(cfg.stringsDir, language));
    list = app::loadListFile(cfg.listFile);
    if (cfg.sync) {
      trustedKeys = app::loadTrustedKeys(cfg.sync->trustedKeys);
      hubToken = readToken(cfg.sync->tokenFile);
      // The newest list the hub delivered before a restart wins over the configured file.
      std::string problem;
      if (auto saved = app::loadPersistedList(cfg.dataDir, trustedKeys, {cfg.sync->deployment, cfg.sync->hall, 0},
                                              problem)) {
        list = std::move(*saved);
        hubListVersion = list.version;
      } else if (!problem.empty()) {
        std::cerr << "kiosk: ignoring the saved list: " << problem << "\n";
      }
    }
  } catch (const config::ConfigError& e) {
    std::cerr << "kiosk: bad configuration: " << e.what() << "\n";
    return kExitUsage;
  } catch (const wire::ListError& e) {
    std::cerr << "kiosk: bad commitment list " << cfg.listFile.string() << ": " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::runtime_error& e) {
    std::cerr << "kiosk: bad configuration: " << e.what() << "\n";
    return kExitUsage;
  }

  // 3. The vote store. If it cannot open, the kiosk still starts and shows "out of service".
  std::error_code ec;
  fs::create_directories(cfg.dataDir, ec);
  const fs::path dbFile = cfg.dataDir / "kiosk.db";
  fs::remove(cfg.dataDir / kMaintenanceMarker, ec);  // started again: maintenance is over
  SystemClock clock;
  JournalEvents events;
  app::KioskApp app(cfg, std::move(list), [dbFile] { return std::make_unique<store::VoteStore>(dbFile); }, clock,
                    events);

  // 4. Sync with the hub, on its own thread so the screen never waits for the network.
  ListMailbox mailbox;
  std::optional<sync::CurlTransport> transport;
  std::optional<sync::SyncEngine> syncEngine;
  std::optional<sync::SyncWorker> syncWorker;
  if (cfg.sync) {
    sync::initTransportLibrary();
    transport.emplace(sync::TransportSettings{cfg.sync->hubUrl, cfg.sync->caFile.string(), cfg.sync->pinnedPublicKeys,
                                              hubToken});
    sync::SyncSettings settings;
    settings.kioskId = cfg.kioskId;
    settings.deployment = cfg.sync->deployment;
    settings.hall = cfg.sync->hall;
    settings.trustedKeys = trustedKeys;
    settings.appVersion = KIOSK_VERSION;
    settings.dataDir = cfg.dataDir;
    settings.batchInterval = cfg.sync->batchInterval;
    settings.batchVotes = cfg.sync->batchVotes;
    settings.shownListVersion = hubListVersion;
    settings.journal = journal;
    const fs::path dataDirForList = cfg.dataDir;
    syncEngine.emplace(
        settings, *transport, [&app] { return app.sharedStore(); }, clock,
        [&mailbox, dataDirForList](const wire::CommitmentList& newList, const std::string& envelope) {
          app::persistSignedList(dataDirForList, envelope);  // on disk first: a restart shows it too
          mailbox.put(newList);
          platform::SdlGlWindow::wakeFromAnyThread();
        });
    syncWorker.emplace(*syncEngine);
    events.syncNow = [&syncWorker] { syncWorker->syncNow(); };
    app.setSyncStatusSource([&syncEngine] {
      const sync::SyncStatus s = syncEngine->status();
      SyncSummary summary;
      summary.configured = true;
      summary.lastSuccessUnix = s.lastSuccessUnix;
      summary.problem = s.problem;
      summary.detail = s.lastError;
      return summary;
    });
  }

  // 5. Window, renderer, font.
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // a kiosk keeps no window layout between runs
  ui::FontFile font;
  try {
    font = platform::readFontFile(platform::locateFont());
  } catch (const std::exception& e) {
    std::cerr << "kiosk: no usable Chinese font: " << e.what() << "\n";
    return 1;
  }
  std::optional<platform::SdlGlWindow> window;
  try {
    platform::WindowOptions options;
    if (windowSize) options = {false, windowSize->first, windowSize->second, "Commitment rating", false};
    options.hideCursor = cfg.hideCursor;
    window.emplace(options);
  } catch (const std::exception& e) {
    std::cerr << "kiosk: cannot start the display: " << e.what() << "\n";
    return 1;
  }
  platform::GlPhotoSource photos(cfg.photoDir);
  ui::KioskUi ui(strings, app.keys(), &photos);
  ui.setLayoutAudit(journalTargets);  // diagnostics also report text that leaves its card
  ui::InputQueue input;

  // 6. The loop: sleep in the OS until input or the next deadline, render only when needed.
  // Under systemd (Type=notify, WatchdogSec): ping from this loop, so a hung UI gets restarted.
  const auto systemd = platform::SystemdNotifier::fromEnvironment();
  const auto pingEvery = systemd ? systemd->pingInterval() : std::nullopt;
  auto nextPing = std::chrono::steady_clock::now();
  int framesToRender = 2;  // ImGui settles layout-dependent state over two frames
  bool firstFrame = true;
  bool targetsDue = journalTargets;
  Screen shownScreen = app.session().screen();
  auto lastFrame = std::chrono::steady_clock::now();
  for (bool running = true; running;) {
    int timeoutMs = -1;
    if (framesToRender > 0 || !input.empty()) {
      timeoutMs = 0;
    } else if (ui.animating()) {
      timeoutMs = 16;  // a gliding list: ~60 frames a second, and only until it stops
    } else if (auto deadline = app.nextDeadline()) {
      const auto left = std::chrono::duration_cast<Millis>(*deadline - clock.now()).count();
      timeoutMs = static_cast<int>(std::clamp<long long>(left + 1, 0, 60'000));
    }
    // A finger held still for the staff gesture sends no events: wake when it would fire.
    if (const auto wake = ui.wakeIn()) {
      const int ms = static_cast<int>(*wake * 1000) + 1;
      timeoutMs = timeoutMs < 0 ? ms : std::min(timeoutMs, ms);
    }
    // Staff screens show live figures (sync status, a lockout countdown): once a second is plenty.
    if (app.session().inStaffMode()) timeoutMs = timeoutMs < 0 ? 1000 : std::min(timeoutMs, 1000);
    if (pingEvery) {
      const auto now = std::chrono::steady_clock::now();
      if (now >= nextPing) {
        systemd->watchdog();
        nextPing = now + *pingEvery;
      }
      const auto untilPing = std::chrono::duration_cast<Millis>(nextPing - now).count() + 1;
      timeoutMs = timeoutMs < 0 ? static_cast<int>(untilPing) : std::min(timeoutMs, static_cast<int>(untilPing));
    }
    const platform::PlatformEvents ev = window->wait(timeoutMs);
    if (ev.quit) running = false;
    if (app.session().inStaffMode() || ui.wakeIn()) framesToRender = std::max(framesToRender, 1);
    for (const auto& p : ev.pointer) input.push(p);
    for (const auto& key : ev.keys) app.onKey(key, ui.listColumns());
    if (ev.any()) framesToRender = std::max(framesToRender, 2);
    app.tick();
    if (app.session().screen() == Screen::Attract) {
      if (auto newList = mailbox.take()) {
        journal("list-applied version=" + std::to_string(newList->version));
        app.installList(std::move(*newList));
        ui.invalidateFonts();  // new names and titles need their glyphs
        photos.clear();
        framesToRender = std::max(framesToRender, 2);
      }
    }
    if (app.session().screen() != shownScreen) {
      shownScreen = app.session().screen();
      journal("screen " + std::string(nameOf(shownScreen)));
      framesToRender = std::max(framesToRender, 2);
      targetsDue = journalTargets;
    }
    if (framesToRender == 0 && input.empty() && !ui.animating()) continue;

    int w = 0, h = 0;
    window->size(w, h);
    ui.setDisplay(static_cast<float>(w), static_cast<float>(h), cfg.textScale, cfg.dpi);
    if (ui.ensureFonts(font, app.list(), app.session().prefs())) window->uploadFonts();
    const auto now = std::chrono::steady_clock::now();
    const float dt = std::chrono::duration<float>(now - lastFrame).count();
    lastFrame = now;
    if (app.session().screen() == Screen::Closed) ui.setHoursToday(app.hoursToday());
    window->beginFrame();
    ui.setStaffState(app.pinPrompt(), &app.staffReport());
    if (auto intent = ui.frame(app.session(), app.list(), input.nextFrame(), dt)) {
      app.onIntent(*intent);
      framesToRender = std::max(framesToRender, 2);
      targetsDue = journalTargets;  // a tap may change the layout without changing the screen
      if (events.maintenanceExit) running = false;
    }
    window->present(ImGui::GetDrawData(), ui.clearColor(app.session()));
    if (targetsDue && framesToRender == 1) {  // the screen's second frame: layout has settled
      targetsDue = false;
      std::string line = "targets screen=" + std::string(nameOf(app.session().screen()));
      for (const auto& target : ui.targets().all())
        line += " " + target.name + "=" + std::to_string(static_cast<int>(target.rect.x0)) + "," +
                std::to_string(static_cast<int>(target.rect.y0)) + "," + std::to_string(static_cast<int>(target.rect.x1)) +
                "," + std::to_string(static_cast<int>(target.rect.y1));
      journal(line);
      for (const auto& problem : ui.layoutProblems())
        journal("layout-problem screen=" + std::string(nameOf(app.session().screen())) + " " + problem);
    }
    framesToRender = std::max(0, framesToRender - 1);
    if (firstFrame) {
      firstFrame = false;
      if (systemd) systemd->ready();
      const auto ms = std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - started).count();
      journal("ready window=" + std::to_string(w) + "x" + std::to_string(h) + " glyphs=" +
              std::to_string(ui.glyphCount()) + " first_frame_ms=" + std::to_string(ms));
    }
  }

  syncWorker.reset();  // joins the sync thread before the store and app go away
  window.reset();
  ImGui::DestroyContext();
  if (!events.maintenanceExit) return 0;
  try {
    app::writeFileDurably(cfg.dataDir / kMaintenanceMarker, "left for maintenance at " + isoTimestamp(clock.wallNow()) + "\n");
  } catch (const std::exception& e) {
    std::cerr << "kiosk: " << e.what() << "\n";
  }
  return kExitMaintenance;
}
