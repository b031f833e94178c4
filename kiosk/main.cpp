// kiosk: the resident-facing touch app. Reads top to bottom: options, setup (config, strings,
// list), the app over its vote store, the link to the hub, the window, then an event-driven loop
// that sleeps in the OS until input or the next deadline and renders only when something changed.
#include <imgui.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>
#include <variant>

#include "kiosk/app/command_line.hpp"
#include "kiosk/app/journal.hpp"
#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/kiosk_key.hpp"
#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/app/maintenance_marker.hpp"
#include "kiosk/app/narrator.hpp"
#include "kiosk/app/phone_codes.hpp"
#include "kiosk/app/restart_ack.hpp"
#include "kiosk/app/run_record.hpp"
#include "kiosk/app/updater_handover.hpp"
#include "kiosk/core/wake_schedule.hpp"
#include "kiosk/link/hub_link.hpp"
#include "kiosk/platform/clock_change_watch.hpp"
#include "kiosk/platform/font_locator.hpp"
#include "kiosk/platform/gl_photo_source.hpp"
#include "kiosk/platform/kiosk_voice.hpp"
#include "kiosk/platform/product_paths.hpp"
#include "kiosk/platform/screen_capture.hpp"
#include "kiosk/platform/sdl_gl_window.hpp"
#include "kiosk/platform/systemd_notify.hpp"
#include "kiosk/ui/kiosk_ui.hpp"
#include "sync/curl_transport.hpp"

namespace fs = std::filesystem;
using namespace kiosk;

namespace {
constexpr int kExitMaintenance = 3;  // staff chose "exit for maintenance"
}  // namespace

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();

  // 1. Options. Usage mistakes exit 2, like a bad config; --help and --version exit 0.
  const auto parsed = app::parseCommandLine(argc, argv, KIOSK_VERSION);
  if (const int* exitCode = std::get_if<int>(&parsed)) return *exitCode;
  const app::KioskOptions& options = std::get<app::KioskOptions>(parsed);

  // 2. Config, strings and the commitment list: any mistake is named and the kiosk does not start.
  app::KioskSetup setup;
  try {
    const fs::path config =
        options.configFile.empty() ? platform::productRoot() / "config/kiosk.toml" : options.configFile;
    setup = app::loadKioskSetup(config, options.dataDir, options.demo);
  } catch (const app::SetupError& e) {
    std::cerr << "kiosk: " << e.what() << "\n";
    return app::kExitUsage;
  }
  if (!setup.warning.empty()) std::cerr << "kiosk: " << setup.warning << "\n";
  const config::KioskConfig& cfg = setup.config;

  // 3. The app over its vote store. If the store cannot open, the kiosk still starts, out of service.
  std::error_code ec;
  fs::create_directories(cfg.dataDir, ec);
  app::clearMaintenanceMarker(cfg.dataDir);
  SystemClock clock;
  app::Journal journal;
  // Counted for the heartbeat's health: a kiosk that keeps restarting or crashing shows on 终端状态.
  app::RunRecord runs;
  try {
    runs = app::noteStart(cfg.dataDir);
    journal.line("run starts=" + std::to_string(runs.starts) + " unclean=" + std::to_string(runs.unclean));
  } catch (const std::exception& e) {
    std::cerr << "kiosk: " << e.what() << "\n";
  }
  // For kiosk-updater: the screen, READY and accepted heartbeats — a new build counts as healthy by them.
  app::RunStatusWriter runStatus(cfg.dataDir);
  std::atomic<std::int64_t> touches{0};  // the UI thread counts, the sync thread reads
  // Time in opening hours and whether the window can be seen: with touches, the hub flags a panel
  // that registered nothing through an open day, or a screen nobody can see.
  std::atomic<std::int64_t> openMillis{0};
  std::atomic<bool> screenShown{true};
  // The signed settings applied (hall's, kiosk's own), for the heartbeat: the UI thread applies them.
  std::atomic<std::int64_t> hallSettings{setup.settings.hallVersion()}, kioskSettings{setup.settings.kioskVersion()};

  // The voice (朗读), when the hall wants sound and the kiosk has an audio device; opened again if
  // signed settings switch speech on later. Without it the kiosk is silent and offers no 朗读.
  std::optional<platform::KioskVoice> voice;
  bool voiceTried = false;
  const auto openVoice = [&] {
    const bool wanted = setup.config.speech.speaks();
    // Once a run: espeak-ng does not start twice in one process, and a kiosk found without an
    // audio device stays silent until it is restarted (the journal said why).
    if (wanted && !voiceTried) {
      voiceTried = true;
      try {
        voice.emplace(
            setup.config.speech, setup.config.languages, [&journal](const std::string& line) { journal.line(line); },
            platform::SdlGlWindow::wakeFromAnyThread);
        journal.line("speech-ready recordings=" + std::to_string(voice->recordings()));
      } catch (const std::exception& e) {
        journal.line(std::string("speech-unavailable reason=\"") + e.what() + "\"");
      }
    }
    if (voice && !wanted) voice->stop();  // the hall switched sound off: the voice stays, unused
    setup.config.session.canSpeak = wanted && voice.has_value();
  };
  openVoice();
  const fs::path dbFile = cfg.dataDir / "kiosk.db";
  app::KioskApp app(
      cfg, std::move(setup.list), [dbFile] { return std::make_unique<store::VoteStore>(dbFile); }, clock, journal);
  // The kiosk's own key signs every batch; made on the first start, never leaves the data folder.
  std::optional<wire::Ed25519PrivateKey> signingKey;
  try {
    signingKey = app::loadOrCreateKioskKey(cfg.dataDir);
    app.setSigningKey(*signingKey);
  } catch (const app::KioskKeyError& e) {
    // Residents' votes still count and are kept; the hub sets unsigned batches aside (422), which
    // staff see, until the key is restored or the kiosk is enrolled again.
    std::cerr << "kiosk: " << e.what() << "\n";
    journal.line("signing-key-unavailable reason=\"" + std::string(e.what()) + "\"");
  }
  // 扫码评价: codes for residents' phones, signed with that key (without it, or without [sync], none).
  std::optional<app::PhoneCodes> phoneCodes;
  if (cfg.phone.enabled && signingKey && cfg.sync) {
    phoneCodes.emplace(cfg.phone.publicUrl, cfg.kioskId, cfg.sync->hall, cfg.phone.codeLifetimeSeconds, *signingKey,
                       app::randomNonce);
    journal.line("phone-codes address=" + cfg.phone.publicUrl);
  }
  // The code the screen shows: the attract screen's, or the commitment's on its page; none elsewhere.
  const auto phoneCodeNow = [&]() -> const PhoneCodeView* {
    const Screen s = app.session().screen();
    if (!phoneCodes || (s != Screen::Attract && s != Screen::Detail)) return nullptr;
    std::optional<std::string> commitment;
    if (s == Screen::Detail) commitment = app.list().commitments.at(app.session().current()).id;
    return &phoneCodes->codeFor(commitment, clock.wallNow().unix_seconds);
  };
  std::string shownCodeUrl;
  app.installResults(std::move(setup.results));  // the last ones the hub sent, until it sends newer
  if (!app.results().results.empty())
    journal.line("results-applied commitments=" + std::to_string(app.results().results.size()));

  // 4. The hub, on its own thread so the screen never waits for the network.
  std::optional<link::HubLink> hub;
  if (cfg.sync) {
    sync::initTransportLibrary();  // before any thread starts
    hub.emplace(
        cfg,
        link::HubLinkSettings{
            setup.hubToken, setup.trustedKeys, setup.hubListVersion, KIOSK_VERSION,
            [&journal](const std::string& line) { journal.line(line); }, platform::SdlGlWindow::wakeFromAnyThread,
            signingKey,
            [&touches, &openMillis, &screenShown, &hallSettings, &kioskSettings, runs, started, dataDir = cfg.dataDir] {
              return sync::KioskHealth{.uptimeSeconds = std::chrono::duration_cast<std::chrono::seconds>(
                                                            std::chrono::steady_clock::now() - started)
                                                            .count(),
                                       .starts = runs.starts,
                                       .uncleanExits = runs.unclean,
                                       .touchesThisRun = touches.load(),
                                       .openSecondsThisRun = openMillis.load() / 1000,
                                       .screenShown = screenShown.load(),
                                       .hallSettingsVersion = hallSettings.load(),
                                       .kioskSettingsVersion = kioskSettings.load(),
                                       .update = app::readUpdateReport(dataDir)};
            },
            setup.settings.hallVersion(), setup.settings.kioskVersion(), app::loadRestartAcks(cfg.dataDir),
            [&runStatus, &clock] { runStatus.heartbeatAccepted(clock.wallNow().unix_seconds); }},
        [&app] { return app.sharedStore(); }, clock);
    journal.onSyncNow([&hub] { hub->syncNow(); });
    app.noteSettings(setup.settings.hallVersion(), setup.settings.kioskVersion(), "");
    app.setSyncStatusSource([&hub] { return hub->summary(); });
    app.setPanelSender([&hub, &journal](const app::PanelRequest& r) {
      journal.line("panel-request ticket=" + std::to_string(r.ticket) +
                   (r.method == app::PanelRequest::Method::Post ? " cast" : " open"));
      hub->sendPanelRequest(r);
    });
  }

  // 5. Window, renderer, font.
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // a kiosk keeps no window layout between runs
  ui::FontFile font;
  try {
    font = platform::loadProductFont(platform::productRoot() / "assets/fonts/families.txt");
  } catch (const std::exception& e) {
    std::cerr << "kiosk: no usable Chinese font: " << e.what() << "\n";
    return 1;
  }
  std::optional<platform::SdlGlWindow> window;
  try {
    platform::WindowOptions windowOptions;
    if (const auto size = options.windowSize)
      windowOptions = {false, size->first, size->second, "Commitment rating", false};
    windowOptions.hideCursor = cfg.hideCursor;
    window.emplace(windowOptions);
  } catch (const std::exception& e) {
    std::cerr << "kiosk: cannot start the display: " << e.what() << "\n";
    return 1;
  }
  // A wall clock set while the kiosk sleeps (NTP, a corrected RTC) moves the next opening or
  // closing: wake the loop at once so the hours are judged by the new time.
  std::optional<platform::ClockChangeWatch> clockWatch;
  try {
    clockWatch.emplace([&journal] {
      journal.line("wall-clock-set");
      platform::SdlGlWindow::wakeFromAnyThread();
    });
  } catch (const std::exception& e) {
    std::cerr << "kiosk: clock changes are noticed only once a minute: " << e.what() << "\n";
  }
  platform::GlPhotoSource photos(cfg.photoDir);
  ui::KioskUi ui(setup.strings, app.keys(), &photos);
  ui.setLayoutAudit(options.journalTargets);  // diagnostics also report text that leaves its card
  ui.setResults(&app.results(), cfg.results.badge);
  ui::InputQueue input;
  // 朗读: each change of screen or focus becomes at most one thing said (or silence).
  app::Narrator narrator(cfg, setup.strings);
  bool shownSpeaking = false;
  const auto narrate = [&] {
    if (!voice) return;
    if (!cfg.session.canSpeak) return;
    voice->setVolume(config::speechVolumeAt(cfg.speech, clock.wallNow()));  // quiet hours
    const auto cue = narrator.update(app.session(), app.list(), voice->speaking());
    if (!cue) return;
    if (cue->kind == app::Cue::Kind::Stop) return voice->stop();
    voice->say({.text = cue->text, .language = cue->language, .chime = cue->chime, .volume = cue->quiet ? 50 : 100},
               cue->prompt);
  };

  // 6. The loop: sleep in the OS until input or the next wake-up, render only when needed. Under
  // systemd (Type=notify, WatchdogSec) the loop pings the watchdog, so a hung UI gets restarted.
  auto systemd = platform::SystemdNotifier::fromEnvironment();
  int framesToRender = 2;  // ImGui settles layout-dependent state over two frames
  bool firstFrame = true, targetsDue = options.journalTargets;
  Screen shownScreen = app.session().screen();
  runStatus.screen(shownScreen, clock.wallNow().unix_seconds);
  // 截屏 from the console: taken from the second frame (layout settled) of a screen that may be
  // photographed, made into a PNG and sent on the sync thread.
  std::optional<link::HubLink::PendingCommand> screenshotDue;
  auto lastFrame = std::chrono::steady_clock::now();
  for (bool running = true; running && !journal.maintenanceExitChosen();) {
    WakeSources wake;
    if (systemd) wake.untilWatchdog = systemd->pingIfDue(std::chrono::steady_clock::now());
    wake.renderPending = framesToRender > 0 || !input.empty();
    wake.animating = ui.animating();
    if (const auto deadline = app.nextDeadline())
      wake.untilDeadline = std::chrono::duration_cast<Millis>(*deadline - clock.now());
    if (const auto gesture = ui.wakeIn())
      wake.untilGesture = std::chrono::duration_cast<Millis>(std::chrono::duration<double>(*gesture));
    wake.staffMode = app.session().inStaffMode();
    if (phoneCodes && phoneCodeNow()) {  // the next code is a deadline too: one new picture a half lifetime
      const Millis untilCode{
          std::max<std::int64_t>(0, (phoneCodes->refreshAt() - clock.wallNow().unix_seconds) * 1000)};
      wake.untilDeadline = wake.untilDeadline ? std::min(*wake.untilDeadline, untilCode) : untilCode;
    }

    const bool wasOpen = app.session().screen() != Screen::Closed;
    const auto beforeWait = std::chrono::steady_clock::now();
    const platform::PlatformEvents ev = window->wait(waitTimeoutMs(wake));
    if (wasOpen)  // the hours are deadlines that wake the loop, so a wait never spans an opening or closing
      openMillis.fetch_add(std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - beforeWait).count(),
                           std::memory_order_relaxed);
    screenShown.store(window->shown(), std::memory_order_relaxed);
    if (ev.quit) running = false;
    if (app.session().inStaffMode() || ui.wakeIn()) framesToRender = std::max(framesToRender, 1);
    for (const auto& p : ev.pointer) {
      if (p.kind == ui::PointerEvent::Kind::Down) touches.fetch_add(1, std::memory_order_relaxed);
      input.push(p);
    }
    for (const auto& key : ev.keys) app.onKey(key, ui.listColumns());
    if (ev.any()) framesToRender = std::max(framesToRender, 2);
    app.tick();
    if (app.session().screen() == Screen::Attract && hub) {
      if (auto newList = hub->takeNewList()) {  // installed only when nobody is mid-session
        journal.line("list-applied version=" + std::to_string(newList->version));
        app.installList(std::move(*newList));
        ui.invalidateFonts();  // new names and titles need their glyphs
        photos.clear();
        framesToRender = std::max(framesToRender, 2);
        targetsDue = options.journalTargets;  // new texts: audit the layout again
      }
    }
    // Signed settings too, and on the closed screen as well: new hours must reach a closed kiosk.
    const bool betweenResidents = app.session().screen() == Screen::Attract || app.session().screen() == Screen::Closed;
    if (auto offer = betweenResidents && hub ? hub->takeNewSettings() : std::nullopt) {
      app::SettingsChange change = app::applySettingsOffer(setup.configFile, cfg.dataDir, setup.settings, *offer);
      for (const auto& line : change.journal) journal.line(line);
      if (change.configured) {
        setup.config = std::move(change.configured->config);  // in place: the app, staff desk and UI hold it
        setup.strings = std::move(change.configured->strings);
        setup.settings = std::move(change.settings);
        hallSettings = setup.settings.hallVersion();
        kioskSettings = setup.settings.kioskVersion();
        openVoice();  // speech switched on or off by the hall
        app.reconfigure();
        ui.setResults(&app.results(), cfg.results.badge);
        ui.invalidateFonts();  // other languages or a larger default text need their glyphs
        framesToRender = std::max(framesToRender, 2);
        targetsDue = options.journalTargets;
      }
      app.noteSettings(setup.settings.hallVersion(), setup.settings.kioskVersion(), change.refused);
    }
    // 重启程序 from the console: between residents, the acknowledgement saved first (the next run
    // sends it), then a clean exit that the service manager restarts (Restart=always).
    if (auto restart = betweenResidents && hub ? hub->takeRestart() : std::nullopt) {
      if (clock.now() > restart->validUntil) {
        hub->acknowledge({restart->command.id, "expired"});
        journal.line("restart-expired id=" + restart->command.id);
      } else {
        try {
          app::saveRestartAck(cfg.dataDir, {restart->command.id, "done"});
        } catch (const std::exception& e) {  // restarting twice is better than not at all
          journal.line(std::string("restart-ack-not-saved reason=\"") + e.what() + "\"");
        }
        journal.line("restart id=" + restart->command.id);
        running = false;
        continue;
      }
    }
    if (auto shot = hub ? hub->takeScreenshot() : std::nullopt) screenshotDue = std::move(shot);
    if (screenshotDue && clock.now() > screenshotDue->validUntil) {  // nobody left the staff screen in time
      hub->acknowledge({screenshotDue->command.id, "expired"});
      journal.line("screenshot-expired id=" + screenshotDue->command.id);
      screenshotDue.reset();
    }
    // Two frames from rest, the second photographed; a sequence already under way reaches its second by itself.
    if (screenshotDue && mayPhotograph(app.session().screen()) && framesToRender == 0) framesToRender = 2;
    if (auto results = hub ? hub->takeNewResults() : std::nullopt) {  // figures only: any screen may take them
      journal.line("results-applied commitments=" + std::to_string(results->results.size()));
      app.installResults(std::move(*results));
      ui.invalidateFonts();  // outcome texts need their glyphs
      framesToRender = std::max(framesToRender, 2);
    }
    if (auto answer = hub ? hub->takePanelAnswer() : std::nullopt) {  // 评议会: the hub answered a code or a ballot
      app.panelAnswered(answer->ticket, answer->status, answer->body);
      journal.line("panel-answer ticket=" + std::to_string(answer->ticket) +
                   " status=" + std::to_string(answer->status) + " problem=" + app.panelPrompt().problem);
      framesToRender = std::max(framesToRender, 2);
      targetsDue = options.journalTargets;
    }
    if (app.session().screen() != shownScreen) {
      shownScreen = app.session().screen();
      journal.line("screen " + std::string(nameOf(shownScreen)));
      runStatus.screen(shownScreen, clock.wallNow().unix_seconds);
      framesToRender = std::max(framesToRender, 2);
      targetsDue = options.journalTargets;
    }
    narrate();
    if (const bool speaking = voice && voice->speaking(); speaking != shownSpeaking) {  // 再听一遍 ⇄ 停止朗读
      shownSpeaking = speaking;
      ui.setSpeaking(speaking);
      framesToRender = std::max(framesToRender, 2);
    }
    const PhoneCodeView* phoneCode = phoneCodeNow();
    ui.setPhoneCode(phoneCode);
    if (phoneCode && phoneCode->url != shownCodeUrl) {
      shownCodeUrl = phoneCode->url;
      framesToRender = std::max(framesToRender, 2);
    }
    if (framesToRender == 0 && input.empty() && !ui.animating()) continue;

    int w = 0, h = 0;
    window->size(w, h);
    ui.setDisplay(static_cast<float>(w), static_cast<float>(h), cfg.textScale, cfg.dpi);
    if (ui.ensureFonts(font, app.list(), app.session().prefs())) window->uploadFonts();
    const auto frameStart = std::chrono::steady_clock::now();
    const float dt = std::chrono::duration<float>(frameStart - lastFrame).count();
    lastFrame = frameStart;
    if (app.session().screen() == Screen::Closed) ui.setHoursToday(app.hoursToday());
    window->beginFrame();
    ui.setStaffState(app.pinPrompt(), &app.staffReport());
    ui.setPanelState(&app.panelPrompt(), app.panelsOffered());
    const Screen drawn = app.session().screen();  // what this frame shows, whatever a tap in it changes
    if (auto intent = ui.frame(app.session(), app.list(), input.nextFrame(), dt)) {
      app.onIntent(*intent);
      narrate();
      framesToRender = std::max(framesToRender, 2);
      targetsDue = options.journalTargets;  // a tap may change the layout without changing the screen
    }
    const bool capture = screenshotDue && mayPhotograph(drawn) && framesToRender == 1;
    platform::RgbaFrame frame;
    window->present(ImGui::GetDrawData(), ui.clearColor(app.session()), capture ? &frame : nullptr);
    if (capture) {
      journal.line("screenshot id=" + screenshotDue->command.id + " screen=" + std::string(nameOf(drawn)));
      hub->postScreenshot(screenshotDue->command.id,
                          [frame = std::move(frame), id = screenshotDue->command.id,
                           screen = std::string(nameOf(drawn))]() -> std::optional<wire::ScreenshotUpload> {
                            const auto png =
                                platform::encodeScreenshot(frame, wire::kMaxScreenshotSide, wire::kMaxScreenshotBytes);
                            if (!png) return std::nullopt;
                            return wire::ScreenshotUpload{id, screen, png->width, png->height, png->png};
                          });
      screenshotDue.reset();
    }
    if (targetsDue && framesToRender == 1) {  // the screen's second frame: layout has settled
      targetsDue = false;
      const std::string screen(nameOf(app.session().screen()));
      journal.line("targets screen=" + screen + ui.targets().describe());
      for (const auto& problem : ui.layoutProblems()) journal.line("layout-problem screen=" + screen + " " + problem);
    }
    framesToRender = std::max(0, framesToRender - 1);
    if (firstFrame) {
      firstFrame = false;
      if (systemd) systemd->ready();
      runStatus.ready(clock.wallNow().unix_seconds);
      const auto ms = std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - started).count();
      journal.line("ready window=" + std::to_string(w) + "x" + std::to_string(h) +
                   " glyphs=" + std::to_string(ui.glyphCount()) + " first_frame_ms=" + std::to_string(ms));
    }
  }

  hub.reset();         // joins the sync thread before the store and app go away
  voice.reset();       // silences and joins the speech thread before SDL goes
  clockWatch.reset();  // its thread wakes the window: gone first
  window.reset();
  ImGui::DestroyContext();
  app::noteCleanExit(cfg.dataDir);  // an exit that reaches here is clean: maintenance or a quit
  if (!journal.maintenanceExitChosen()) return 0;
  try {
    app::leaveMaintenanceMarker(cfg.dataDir, clock.wallNow());
  } catch (const std::exception& e) {
    std::cerr << "kiosk: " << e.what() << "\n";
  }
  return kExitMaintenance;
}
