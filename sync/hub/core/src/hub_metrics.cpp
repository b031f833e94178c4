#include "hub/core/hub_metrics.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "hub/core/console_paths.hpp"
#include "wire/endpoints.hpp"

namespace hub {

namespace {

// Paths with an id or a file name in them: one label per pattern, the pattern itself.
constexpr std::string_view kPatterns[] = {console_path::kCommitment,
                                          console_path::kCase,
                                          console_path::kCaseStep,
                                          console_path::kStatic,
                                          wire::endpoint::kUpdatePackageFile,
                                          wire::endpoint::kPhoneVotePage,
                                          wire::endpoint::kPhoneVote,
                                          wire::endpoint::kPhoneSuggest,
                                          wire::endpoint::kPublicHall,
                                          wire::endpoint::kPublicCommitment,
                                          wire::endpoint::kPanelBallot,
                                          wire::endpoint::kPanelBallots,
                                          console_path::kPanel,
                                          console_path::kPanelClose};

// Shortest text that reads back as the bucket bound ("0.005", not "0.0050000000000000001").
std::string number(double v) {
  char text[64];
  std::snprintf(text, sizeof text, "%.9g", v);
  return text;
}

}  // namespace

// What anyone may ask for without signing in: these keep their own label.
constexpr std::string_view kPublicPaths[] = {wire::endpoint::kHealth, wire::endpoint::kReady, console_path::kLogin,
                                             console_path::kLoginCode, console_path::kLogout};

std::string HubMetrics::routeLabel(std::string_view target, int status, bool anonymous) {
  if (status == 404) return "unmatched";
  std::string_view path = target.substr(0, target.find('?'));
  if (anonymous && std::find(std::begin(kPublicPaths), std::end(kPublicPaths), path) == std::end(kPublicPaths) &&
      !console_path::match(console_path::kStatic, path))
    return "anonymous";
  for (const auto pattern : kPatterns)
    if (console_path::matchAll(pattern, path)) return std::string(pattern);
  if (path.size() > 64) return "other";
  std::string label;
  for (char c : path)  // a label value is quoted; nothing in it may end the quote or the line
    label += (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) ? '_' : c;
  return label;
}

void HubMetrics::observeRequest(std::string_view method, std::string_view target, int status,
                                std::chrono::duration<double> took, bool anonymous) {
  std::string route = routeLabel(target, status, anonymous);
  const bool ingest = method == "POST" && route == wire::endpoint::kBatches;
  std::lock_guard lock(mutex_);
  if (!requests_.count({route, status})) {
    std::set<std::string_view> routes;
    for (const auto& [key, n] : requests_) routes.insert(key.first);
    if (routes.size() >= kMaxRoutes && !routes.count(route)) route = "other";
  }
  ++requests_[{route, status}];
  if (ingest) {
    const double s = took.count();
    for (std::size_t i = 0; i < std::size(kBuckets); ++i)
      if (s <= kBuckets[i]) ++ingestBuckets_[i];
    ++ingestCount_;
    ingestSum_ += s;
  }
}

void HubMetrics::countIngested(std::int64_t votes) {
  std::lock_guard lock(mutex_);
  ++batches_;
  votes_ += votes;
}

void HubMetrics::countDuplicate() {
  std::lock_guard lock(mutex_);
  ++duplicates_;
}

std::int64_t HubMetrics::bytesOnDisk(const std::vector<std::filesystem::path>& databases) {
  std::int64_t bytes = 0;
  for (const auto& db : databases)
    for (const char* suffix : {"", "-wal"}) {
      std::error_code ec;
      const auto size = std::filesystem::file_size(db.string() + suffix, ec);
      if (!ec) bytes += static_cast<std::int64_t>(size);
    }
  return bytes;
}

std::string HubMetrics::render(const StoreFigures& store) const {
  std::string out;
  const auto family = [&](const char* name, const char* type, const char* help) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
  };
  std::lock_guard lock(mutex_);
  family("kiosk_hub_requests_total", "counter", "HTTP requests answered, by route and status.");
  for (const auto& [key, n] : requests_)
    out += "kiosk_hub_requests_total{route=\"" + key.first + "\",status=\"" + std::to_string(key.second) + "\"} " +
           std::to_string(n) + "\n";
  family("kiosk_hub_ingest_seconds", "histogram", "Time from a batch upload's arrival to its answer.");
  for (std::size_t i = 0; i < std::size(kBuckets); ++i)
    out += "kiosk_hub_ingest_seconds_bucket{le=\"" + number(kBuckets[i]) + "\"} " + std::to_string(ingestBuckets_[i]) +
           "\n";
  out += "kiosk_hub_ingest_seconds_bucket{le=\"+Inf\"} " + std::to_string(ingestCount_) + "\n";
  out += "kiosk_hub_ingest_seconds_sum " + number(ingestSum_) + "\n";
  out += "kiosk_hub_ingest_seconds_count " + std::to_string(ingestCount_) + "\n";
  family("kiosk_hub_batches_ingested_total", "counter", "Rating batches stored for the first time.");
  out += "kiosk_hub_batches_ingested_total " + std::to_string(batches_) + "\n";
  family("kiosk_hub_batches_duplicate_total", "counter", "Rating batches answered as duplicates (already stored).");
  out += "kiosk_hub_batches_duplicate_total " + std::to_string(duplicates_) + "\n";
  family("kiosk_hub_votes_ingested_total", "counter", "Counted votes in the batches stored.");
  out += "kiosk_hub_votes_ingested_total " + std::to_string(votes_) + "\n";
  family("kiosk_hub_kiosks_enrolled", "gauge", "Kiosks enrolled (with a token).");
  out += "kiosk_hub_kiosks_enrolled " + std::to_string(store.kiosksEnrolled) + "\n";
  family("kiosk_hub_kiosks_silent", "gauge", "Enrolled kiosks not heard from for silent_after_min.");
  out += "kiosk_hub_kiosks_silent " + std::to_string(store.kiosksSilent) + "\n";
  family("kiosk_hub_store_bytes", "gauge", "Size of the hub's databases on disk.");
  out += "kiosk_hub_store_bytes " + std::to_string(store.storeBytes) + "\n";
  return out;
}

}  // namespace hub
