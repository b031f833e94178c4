// The rectification rule applied by the hub itself: one sweep now and then every few minutes, on a
// thread of its own (never the ingest thread), so cases open even when nobody has the 整改 page
// open. With several hubs on one PostgreSQL only the one holding the lead sweeps (`mayRun`). A
// failed sweep is logged and the next one tried. runOnce() is one wake-up's work, for tests;
// start() runs it until stop() (or destruction). Thread-safe: start/stop from one owner thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace hub {

class CaseSweeper {
 public:
  using Sweep = std::function<void()>;
  using LogLine = std::function<void(const std::string&)>;
  CaseSweeper(Sweep sweep, std::chrono::milliseconds interval, LogLine log);
  ~CaseSweeper();  // stops and joins
  CaseSweeper(const CaseSweeper&) = delete;
  CaseSweeper& operator=(const CaseSweeper&) = delete;

  // One sweep, if `mayRun` allows (absent: always); an exception is logged, not thrown. True when
  // it swept.
  bool runOnce(const std::function<bool()>& mayRun = {});
  void start(std::function<bool()> mayRun = {});
  void stop();

 private:
  Sweep sweep_;
  std::chrono::milliseconds interval_;
  LogLine log_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hub
