#include "kiosk/app/updater_handover.hpp"

#include "common/durable_file.hpp"
#include "common/text_file.hpp"

namespace kiosk::app {

updater::KioskScreen updaterScreen(Screen shown) {
  switch (shown) {
    case Screen::Attract: return updater::KioskScreen::Attract;
    // Nobody can be using it: closed, or out of service (where a new build may be the cure).
    case Screen::Closed:
    case Screen::OutOfService: return updater::KioskScreen::Closed;
    default: return updater::KioskScreen::Busy;  // a resident rating, or staff at work
  }
}

void RunStatusWriter::screen(Screen shown, std::int64_t nowUnix) noexcept {
  std::lock_guard lock(mutex_);
  const auto s = updaterScreen(shown);
  if (s == status_.screen) return;
  status_.screen = s;
  status_.screenSinceUnix = nowUnix;
  write();
}

void RunStatusWriter::ready(std::int64_t nowUnix) noexcept {
  std::lock_guard lock(mutex_);
  status_.readyUnix = nowUnix;
  write();
}

void RunStatusWriter::heartbeatAccepted(std::int64_t nowUnix) noexcept {
  std::lock_guard lock(mutex_);
  status_.heartbeatUnix = nowUnix;
  write();
}

void RunStatusWriter::write() noexcept {
  try {
    common::writeFileDurably(file_, updater::encodeRunStatus(status_));
  } catch (const std::exception&) {
    // A full or read-only disk: the kiosk goes on. The updater sees no READY, so a new build here
    // is rolled back: a kiosk that cannot write its data folder is not healthy either.
  }
}

std::optional<wire::UpdateReport> readUpdateReport(const std::filesystem::path& dataDir) noexcept {
  try {
    const std::filesystem::path file = dataDir / updater::kUpdateReportFile;
    if (!std::filesystem::exists(file)) return std::nullopt;
    return wire::parseUpdateReport(common::readTextFile(file));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace kiosk::app
