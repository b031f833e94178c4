// Settings of the API and the HTTPS server as plain values: what hub.toml gives them (hub_config
// reads and checks it) and what tests build by hand. No behaviour; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "hub/core/console_paths.hpp"
#include "hub/core/tally_report.hpp"
#include "wire/endpoints.hpp"

namespace hub {

// 你评我改: what a kiosk may show residents about its hall's commitments. Only commitments with at
// least `publicMinimum` counted votes in the last `windowDays` appear, never smaller numbers.
struct ResultsConfig {
  bool enabled = true;
  std::int64_t windowDays = 90;
  std::int64_t publicMinimum = 30;
  std::int64_t utcOffsetMinutes = 8 * 60;  // the halls' local time, for the window's days
};

// hub.toml [phone]: votes from residents' phones after scanning a kiosk's code (hub/phone). Off
// until a deployment switches it on; then only codes its kiosks signed open the vote page.
struct PhoneConfig {
  bool enabled = false;
  std::int64_t codeLifetimeSeconds = 120;         // a code opens sessions this long after the kiosk made it
  std::int64_t sessionSeconds = 15 * 60;          // a phone session votes this long after it opened
  std::int64_t sessionsPerCode = 20;              // sessions one code opens (a family scanning together)
  std::int64_t votesPerSession = 30;              // one per commitment, and at most this many
  std::int64_t requestsPerAddressPerMinute = 60;  // a hall's Wi-Fi or a carrier's NAT is one address
};

// A feature switched on per hall: off unless `enabled`; then for the listed halls, or for every
// hall when none is listed.
struct HallSwitch {
  bool enabled = false;
  std::vector<std::string> halls;
  bool covers(const std::string& hall) const {
    if (!enabled) return false;
    if (halls.empty()) return true;
    for (const auto& h : halls)
      if (h == hall) return true;
    return false;
  }
};

// hub.toml [poster]: printed posters for windows without a kiosk (the console prints them, hub/phone
// counts their votes as channel poster). A poster's code is long-lived and may be photographed and
// shared, so it opens fewer sessions: a day's worth per poster, each rating only its commitment.
struct PosterConfig {
  HallSwitch on;                               // [poster] enabled + halls
  std::int64_t lifetimeDays = 366;             // a printed code opens the vote page this long
  std::int64_t sessionsPerPosterPerDay = 100;  // phones one poster admits in a local day
  // The address phones open, "https://host[:port]"; "" = the address the console was browsed at.
  std::string publicUrl;
};

// hub.toml [public]: the results page anyone may read (/public/<hall>), per hall, off by default.
struct PublicConfig {
  HallSwitch open;                        // [public] enabled + halls: whose page is open
  std::int64_t publicMinimum = 30;        // only commitments with at least this many votes appear
  std::int64_t rankMinimum = 30;          // units ranked by 差评率 only with this many votes
  std::string frameAncestors = "'none'";  // who may embed it (a WeChat article's host), CSP syntax
  std::int64_t maxAgeSeconds = 300;       // caches may keep a page this long
};

struct ApiConfig {
  std::string deployment;
  ResultsConfig results{};
  RectificationRule rectify{};
  std::int64_t silentAfterSeconds = 15 * 60;
  // The privacy floor of [console] min_count: report rows with fewer votes give only their total.
  std::int64_t minCount = 5;
  // Count rows one kiosk may send per minute (a burst of one minute's worth, and never less than
  // one largest batch); beyond it, 429 with Retry-After.
  std::int64_t kioskRowsPerMinute = 40'000;
  // Requests one kiosk may make per minute on the writer lane (uploads, heartbeats, list and key),
  // as a burst of a minute's worth; beyond it, 429 before the body is even parsed. A kiosk syncing
  // every 10 s makes about 24.
  std::int64_t kioskRequestsPerMinute = 240;
  PosterConfig posters{};  // [poster]: the console issues them, the phone pages count them
};

struct ServerLimits {
  std::size_t bodyLimit = 1024 * 1024;  // larger bodies get 413
  // The console's file uploads (a USB export, a spreadsheet) may be larger, on these paths only.
  std::size_t uploadLimit = 8 * 1024 * 1024;
  std::vector<std::string> uploadPaths = {std::string(console_path::kAdminImport),
                                          std::string(console_path::kAdminListUpload),
                                          std::string(wire::endpoint::kUpdatePackage)};
  std::size_t headerLimit = 16 * 1024;       // larger header blocks get 431
  std::chrono::seconds handshakeTimeout{5};  // a TLS handshake must finish within this
  std::chrono::seconds readTimeout{15};      // a request must arrive within this
  std::chrono::seconds idleTimeout{30};      // keep-alive connections close after this much quiet
  std::size_t maxConnections = 256;          // at the cap, the oldest idle or never-served one makes room
  // Likewise for one peer address. Off by default (= the overall cap): kiosks behind a hall's NAT,
  // or every kiosk behind a load balancer, share one address. Lower it where kiosks have their own.
  std::size_t maxConnectionsPerAddress = 256;
  std::size_t bodyBudget = 64 * 1024 * 1024;  // bodies over 64 KiB being received at once; 503 beyond
  std::size_t readerThreads = 2;              // reader-lane requests run this many at once
  std::size_t maxQueuedReads = 64;            // queued or running; beyond it 503 + Retry-After
  std::size_t maxQueuedLogins = 32;           // password checks queued or running, on one thread
  // Reader threads run at this nice value (Linux keeps one per thread), so a page or an export
  // takes only the CPU the I/O thread that ingests leaves over; 0 keeps them equal.
  int readerNice = 10;
};

}  // namespace hub
