#include "hub/jobs/case_sweeper.hpp"

#include <exception>

namespace hub {

CaseSweeper::CaseSweeper(Sweep sweep, std::chrono::milliseconds interval, LogLine log)
    : sweep_(std::move(sweep)), interval_(interval), log_(std::move(log)) {}

CaseSweeper::~CaseSweeper() { stop(); }

bool CaseSweeper::runOnce(const std::function<bool()>& mayRun) {
  try {
    if (mayRun && !mayRun()) return false;
    sweep_();
    return true;
  } catch (const std::exception& e) {
    if (log_) log_("event=case_sweep_error reason=\"" + std::string(e.what()) + "\"");
    return false;
  }
}

void CaseSweeper::start(std::function<bool()> mayRun) {
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this, mayRun = std::move(mayRun)] {
    std::unique_lock lock(mutex_);
    do {
      lock.unlock();
      runOnce(mayRun);
      lock.lock();
    } while (!wake_.wait_for(lock, interval_, [this] { return stopping_; }));
  });
}

void CaseSweeper::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace hub
