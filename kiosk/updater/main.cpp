// kiosk-updater: installs new builds of the kiosk (commitment-kiosk) that an administrator signed,
// from the hub or from a USB stick, at a quiet moment, and rolls back by itself when the new build
// does not come up healthy. Runs as root under kiosk-updater.service — the only part of the
// product that does — and does nothing but this: the kiosk itself stays user `kiosk`.
// Reads top to bottom: options, the kiosk's own setup, the sources, then a round a minute.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>

#include "common/clock.hpp"
#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/updater/update_runner.hpp"
#include "sync/curl_transport.hpp"
#include "sync/failover_transport.hpp"

namespace {

volatile std::sig_atomic_t stopping = 0;

}  // namespace

int main(int argc, char** argv) {
  using namespace kiosk;
  // 1. Options.
  CLI::App cli{"kiosk-updater: signed software updates for the commitment-rating kiosk"};
  std::string configFile = "/etc/commitment-kiosk/kiosk.toml";
  std::string dataDir = "/var/lib/commitment-kiosk";
  std::string stateDir = "/var/lib/commitment-kiosk-updater";
  std::string dpkgRoot;
  // Idle, the updater asks as often as the kiosk checks its list: every kiosk asking each minute
  // doubled the hub's connections in hub-bench fleet. Mid-update it looks again every 15 s: the
  // health check after a restart counts in seconds.
  int intervalSeconds = 300;
  constexpr int kBusyIntervalSeconds = 15;
  bool once = false;
  cli.add_option("--config", configFile, "the kiosk's kiosk.toml")->capture_default_str();
  cli.add_option("--data-dir", dataDir, "the kiosk's data folder (run-status in, update-report out)")
      ->capture_default_str();
  cli.add_option("--state-dir", stateDir, "the updater's own folder")->capture_default_str();
  cli.add_option("--dpkg-root", dpkgRoot, "install into this root instead of the system (tests)");
  cli.add_option("--interval", intervalSeconds, "seconds between rounds while no update is under way")
      ->check(CLI::Range(5, 3600))
      ->capture_default_str();
  cli.add_flag("--once", once, "one round, then exit");
  CLI11_PARSE(cli, argc, argv);

  // 2. The kiosk's own setup: its hub, token, trusted keys, hours (with signed settings laid over).
  app::KioskSetup setup;
  try {
    setup = app::loadKioskSetup(configFile, dataDir, false);
  } catch (const app::SetupError& e) {
    std::cerr << "kiosk-updater: " << e.what() << "\n";
    return 2;
  }
  const config::KioskConfig& cfg = setup.config;
  if (!cfg.sync && cfg.staff.exportDir.empty()) {
    std::cerr << "kiosk-updater: kiosk.toml has neither [sync] nor [staff] export_dir: no source of updates\n";
    return 2;
  }
  common::SystemClock clock;
  updater::UpdaterSetup us;
  us.stateDir = stateDir;
  us.kioskDataDir = cfg.dataDir;
  us.dpkg.root = dpkgRoot;
  us.kioskId = cfg.kioskId;
  if (cfg.sync) {
    us.deployment = cfg.sync->deployment;
    us.hall = cfg.sync->hall;
  }
  us.trusted = setup.trustedKeys;
  us.policy.onlyWhenClosed = cfg.update.onlyWhenClosed;
  us.policy.attractIdleSeconds = cfg.update.attractIdleSeconds;
  us.hours = cfg.hours;
  us.restartKiosk = [] {
    return updater::runProcess({"systemctl", "restart", "commitment-kiosk.service"}, std::chrono::seconds(120));
  };

  // 3. Sources: a stick at [staff] export_dir when it holds a bundle, else the hub.
  std::unique_ptr<sync::HttpTransport> hub;
  if (cfg.sync) {
    sync::initTransportLibrary();
    hub = std::make_unique<sync::FailoverTransport>(
        sync::curlTransports(cfg.sync->hubUrls, cfg.sync->caFile.string(), cfg.sync->pinnedPublicKeys, setup.hubToken));
  }
  std::optional<updater::HubOffers> hubOffers;
  if (hub) hubOffers.emplace(*hub);
  std::optional<updater::BundleOffers> stick;
  if (!cfg.staff.exportDir.empty()) stick.emplace(cfg.staff.exportDir);

  // 4. A round every few minutes (every 15 s while an update is under way) until stopped.
  updater::UpdateRunner runner(us, clock);
  std::signal(SIGTERM, [](int) { stopping = 1; });
  std::signal(SIGINT, [](int) { stopping = 1; });
  std::cout << "kiosk-updater ready kiosk=" << cfg.kioskId << " state=" << stateDir << std::endl;
  while (!stopping) {
    updater::OfferSource* source = nullptr;
    if (stick && stick->current()) source = &*stick;
    else if (hubOffers) source = &*hubOffers;
    else source = &*stick;
    try {
      for (const auto& line : runner.round(*source)) std::cout << line << std::endl;
    } catch (const std::exception& e) {
      std::cout << "update round failed: " << e.what() << std::endl;
    }
    if (once) break;
    const int wait = runner.state().phase == updater::Phase::Idle ? intervalSeconds : kBusyIntervalSeconds;
    for (int i = 0; i < wait && !stopping; ++i) std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  return 0;
}
