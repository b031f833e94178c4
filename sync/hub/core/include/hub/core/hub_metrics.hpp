// What a hub counts for Prometheus (`GET /metrics`, text format 0.0.4): requests by route and
// status, the latency of batch ingest as a histogram, batches and votes ingested, and — read when
// scraped — kiosks silent and the store's size on disk. Counters are per process: with several
// hubs on one PostgreSQL, Prometheus sums the instances.
// Thread-safe: the I/O thread and the reader threads record, a reader thread renders.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hub {

// Read from the store when scraped.
struct StoreFigures {
  std::int64_t kiosksEnrolled = 0;
  std::int64_t kiosksSilent = 0;  // enrolled and not heard from for [rules] silent_after_min
  std::int64_t storeBytes = 0;    // the databases on disk (SQLite files with their WAL)
};

class HubMetrics {
 public:
  // One answered request. `target` is the path as sent (the query is ignored); `anonymous`: no
  // token or session was accepted for it.
  void observeRequest(std::string_view method, std::string_view target, int status, std::chrono::duration<double> took,
                      bool anonymous);
  // A batch stored for the first time, with its counted votes; a batch answered as a duplicate.
  void countIngested(std::int64_t votes);
  void countDuplicate();

  std::string render(const StoreFigures& store) const;

  // The route label of a request: the path for the hub's own routes, ids replaced by "{id}",
  // "unmatched" for a 404 and "anonymous" for any other path nobody signed in for (but the
  // probes, the login and the console's static files), so a client sending random paths — with
  // or without a token — cannot grow the label set with its own text. Past kMaxRoutes distinct
  // labels, "other".
  static std::string routeLabel(std::string_view target, int status, bool anonymous);
  static constexpr std::size_t kMaxRoutes = 200;
  // Upper bounds (seconds) of the ingest latency histogram's buckets.
  static constexpr double kBuckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

  // The database files whose size is the store size (SQLite: each file and its -wal).
  static std::int64_t bytesOnDisk(const std::vector<std::filesystem::path>& databases);

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::int64_t> requests_;  // (route, status) -> count
  std::int64_t ingestBuckets_[std::size(kBuckets)] = {};
  std::int64_t ingestCount_ = 0;
  double ingestSum_ = 0;
  std::int64_t batches_ = 0, duplicates_ = 0, votes_ = 0;
};

}  // namespace hub
