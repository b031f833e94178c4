// hub-bench: the hub's figures for tests/README.md, measured side by side in one run.
//   ingest   100 concurrent kiosks posting batches over HTTPS to a real kiosk-hub, unsigned (kiosks
//            without a key) and signed (each verified by the hub) in one run, vs the same
//            batches written straight into the same schema (one transaction per batch, as the
//            durability contract requires) in this process
//   drain    one kiosk with 100,000 queued votes syncing to the hub until nothing is left
//   tally    a half-year tally over 10 M votes (5 halls x 182 days x 30 commitments) over HTTPS
//   postgres the same ingest with the hub on PostgreSQL (a real cluster this run starts, fsync on)
//            vs the same batches straight into PostgreSQL through libpq, one transaction each
//   fleet    a province replayed on loopback: 20,000 kiosks, each a heartbeat every 60 s, a batch
//            every 5 min, a list check every 5 min and an update check every 5 min (a rollout under
//            way: one pilot kiosk due, the rest answered 404), for 60 s, on SQLite and on PostgreSQL:
//            errors, the hub's CPU, p50/p99 per kind of request
//   floods   20 loading kiosks alone and beside each flood a stranger can aim at the hub (hub_floods)
//   uploads  the hub's memory while list spreadsheets are uploaded: one, six at once, and files that
//            describe far more than they hold; what stays resident afterwards
//   console  a year of ~10 M votes, 1,000 commitments, 5 halls (hub-seed): server time of 概览 and
//            承诺, the half-year ledger XLSX, and a kiosk's batch p99 with no staff vs with 10 staff
//            sessions loading pages and exports continuously
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <latch>
#include <mutex>
#include <thread>

#include <curl/curl.h>

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "common/iso_time.hpp"
#include "common/postgres.hpp"
#include "common/zip_archive.hpp"
#include "hub/api/api.hpp"
#include "hub/store/hub_store.hpp"
#include "hub/store/update_store.hpp"
#include "hub_floods.hpp"
#include "hub_process.hpp"
#include "kiosk/core/time_bucket.hpp"
#include "kiosk/link/store_outbox.hpp"
#include "kiosk/store/batch_queue.hpp"
#include "sync/curl_transport.hpp"
#include "sync/sync_engine.hpp"
#include "wire/crypto.hpp"
#include "wire/enrolment.hpp"
#include "wire/rating_batch.hpp"
#include "wire/signed_list.hpp"
#include "wire/update_manifest.hpp"

using namespace std::chrono_literals;
using Stopwatch = std::chrono::steady_clock;

namespace {

double ms(Stopwatch::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

// A realistic batch: 5 minutes of a busy kiosk, 40 count rows.
wire::RatingBatch makeBatch(const std::string& kiosk, std::int64_t seq) {
  wire::RatingBatch b{kiosk, "bench-epoch", seq, "2026-11-21T10:00:00+08:00", {}};
  static const char* ratings[] = {"good", "fair", "poor"};
  for (int i = 0; i < 40; ++i)
    b.counts.push_back({"c-00" + std::to_string(10 + i % 30), 1, "2026-11-21T0" + std::to_string(i % 10) + ":00+08:00",
                        ratings[i % 3], std::nullopt, 1 + i % 4, 0});
  return b;
}

// CPU seconds (user + system) a process has used so far.
double hubCpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string f;
  long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> f; ++i) {
    if (i == 14) utime = std::stoll(f);
    if (i == 15) stime = std::stoll(f);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// A PostgreSQL cluster for the benchmark, durable (fsync on), started and removed by the test
// support script; databases made in it on demand.
class BenchCluster {
 public:
  BenchCluster() {
    if (testing::run(script() + " start " + file_ + " durable >/dev/null").status != 0)
      throw std::runtime_error("could not start PostgreSQL for the benchmark");
  }
  ~BenchCluster() { testing::run(script() + " stop " + file_); }
  // CPU seconds the cluster's server processes (the postmaster's children) have used so far.
  double cpuSeconds() const {
    std::ifstream in(file_);
    std::string dir;
    in >> dir;
    pid_t postmaster = 0;
    std::ifstream(dir + "/data/postmaster.pid") >> postmaster;
    double total = 0;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
      const std::string name = entry.path().filename();
      if (name.find_first_not_of("0123456789") != std::string::npos) continue;
      std::ifstream stat(entry.path() / "stat");
      std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
      const auto close = text.rfind(')');
      if (close == std::string::npos) continue;
      std::istringstream fields(text.substr(close + 2));
      std::string state;
      long long ppid = 0;
      fields >> state >> ppid;
      const pid_t pid = static_cast<pid_t>(std::stoll(name));
      if (pid == postmaster || ppid == postmaster) total += hubCpuSeconds(pid);
    }
    return total;
  }
  std::string newDatabase(const std::string& name) const {
    std::ifstream in(file_);
    std::string dir, port;
    in >> dir >> port;
    const auto url = [&](const std::string& db) {
      return "postgresql:///" + db + "?host=" + dir + "&port=" + port + "&user=kiosk_test";
    };
    common::sql::openPostgres(url("postgres")).exec("CREATE DATABASE " + name);
    return url(name);
  }

 private:
  static std::string script() { return std::string(KIOSK_SOURCE_ROOT) + "/tests/support/postgres_cluster.sh"; }
  std::string file_ = "/tmp/hub-bench-postgres-" + std::to_string(::getpid()) + ".txt";
};

// Another database in the cluster `url` points into (for the raw side of a comparison).
std::string newDatabaseBeside(const std::string& url) {
  const auto slash = url.find("///") + 3, query = url.find('?');
  const std::string name = url.substr(slash, query - slash) + "_raw";
  common::sql::openPostgres("postgresql:///postgres" + url.substr(query)).exec("CREATE DATABASE " + name);
  return "postgresql:///" + name + url.substr(query);
}

using bench::transportFor;

// `signedBatches`: each kiosk registers its own key first and signs every upload, as kiosks do
// since issue 11 (the hub verifies each signature before the transaction); otherwise the legacy
// unsigned uploads of kiosks that have no key yet.
void ingest(bool signedBatches, const std::string& postgresUrl = "") {
  constexpr int kKiosks = 100, kBatchesEach = 20;
  testing::HubProcess hub("zibo-zhangdian", postgresUrl);
  std::vector<std::string> tokens;
  for (int k = 0; k < kKiosks; ++k) {
    auto r = testing::run(testing::hubBinary() + " token create --dir " + hub.dir().string() +
                          " --role kiosk --kiosk-id k" + std::to_string(k) + " --hall hall-01");
    tokens.push_back(r.out.substr(0, r.out.find('\n')));
  }
  hub.start();
  std::vector<std::vector<std::string>> bodies(kKiosks);
  std::int64_t votes = 0;
  for (int k = 0; k < kKiosks; ++k)
    for (int s = 1; s <= kBatchesEach; ++s) {
      const auto b = makeBatch("k" + std::to_string(k), s);
      for (const auto& c : b.counts) votes += c.n;
      bodies[static_cast<std::size_t>(k)].push_back(wire::encodeBatch(b));
    }

  // Keys registered and batches signed before the clock starts: the hub's side is measured.
  std::vector<std::vector<std::string>> signatures(kKiosks);
  for (int k = 0; k < kKiosks && signedBatches; ++k) {
    const auto key = wire::Ed25519PrivateKey::generate();
    const auto& token = tokens[static_cast<std::size_t>(k)];
    if (hub.post("/api/v1/kiosk-key", wire::encodeKioskKey(key.publicKey().toPem()), token).status != 201)
      std::fprintf(stderr, "hub_bench: kiosk k%d could not register its key\n", k);
    for (const auto& body : bodies[static_cast<std::size_t>(k)])
      signatures[static_cast<std::size_t>(k)].push_back(wire::base64Encode(key.sign(body)));
  }

  std::vector<std::vector<double>> latencies(kKiosks);
  std::atomic<int> failures{0};
  const auto t0 = Stopwatch::now();
  std::vector<std::thread> kiosks;
  for (int k = 0; k < kKiosks; ++k)
    kiosks.emplace_back([&, k] {
      kiosk::sync::CurlTransport transport(transportFor(hub, tokens[static_cast<std::size_t>(k)]));
      const auto& mine = bodies[static_cast<std::size_t>(k)];
      for (std::size_t i = 0; i < mine.size(); ++i) {
        const auto& body = mine[i];
        const std::string signature = signedBatches ? signatures[static_cast<std::size_t>(k)][i] : std::string();
        const auto s = Stopwatch::now();
        const auto r = transport.send({"POST", "/api/v1/batches", body, "", signature});
        latencies[static_cast<std::size_t>(k)].push_back(ms(Stopwatch::now() - s));
        if (r.status != 201) ++failures;
      }
    });
  for (auto& t : kiosks) t.join();
  const double hubSeconds = ms(Stopwatch::now() - t0) / 1000.0;
  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());

  // The same batches straight into the same schema, one durable transaction each: SQLite in a file
  // of its own, or a database of its own in the same PostgreSQL through libpq.
  testing::TempDir dir;
  hub::HubStore raw(postgresUrl.empty() ? common::sql::Database(dir / "raw.db")
                                        : common::sql::openPostgres(newDatabaseBeside(postgresUrl)));
  const auto r0 = Stopwatch::now();
  for (const auto& kiosk : bodies)
    for (const auto& body : kiosk) raw.ingest(wire::parseBatch(body), wire::sha256Hex(body), "hall-01", 0, 0);
  const double rawSeconds = ms(Stopwatch::now() - r0) / 1000.0;
  const double batches = kKiosks * kBatchesEach;
  std::printf(
      "hub_ingest %s kiosks=%d batches=%.0f votes=%lld failures=%d | https batches/s=%.0f votes/s=%.0f p50_ms=%.1f "
      "p99_ms=%.1f | raw_%s batches/s=%.0f | ratio=%.2f\n",
      postgresUrl.empty() ? (signedBatches ? "signed" : "unsigned")
                          : (signedBatches ? "postgres_signed" : "postgres_unsigned"),
      kKiosks, batches, static_cast<long long>(votes), failures.load(), batches / hubSeconds,
      static_cast<double>(votes) / hubSeconds, percentile(all, 0.5), percentile(all, 0.99),
      postgresUrl.empty() ? "sqlite" : "libpq", batches / rawSeconds, rawSeconds / hubSeconds);
}

// 20,000 kiosks for 60 s: every request a new TLS connection, as kiosks that speak once a minute
// find the hub's 30 s keep-alive closed. Each kiosk's three schedules start at a random phase.
void fleet(const std::string& postgresUrl, const BenchCluster* cluster = nullptr) {
  constexpr int kKiosks = 20'000, kHalls = 200, kWorkers = 48;
  constexpr double kSeconds = 60;
  testing::HubProcess hub("zibo-zhangdian", postgresUrl);
  {
    // Tokens and a list for every hall, straight into the store before the hub starts.
    hub::HubStore store(postgresUrl.empty() ? common::sql::Database(hub.dir() / "hub.db")
                                            : common::sql::openPostgres(postgresUrl));
    common::sql::Transaction tx(store.database());
    common::sql::Statement token(
        store.database(),
        "INSERT INTO token(hash, role, kiosk_id, halls, created_unix) VALUES (?1, 'kiosk', ?2, ?3, 0)");
    for (int k = 0; k < kKiosks; ++k)
      token.bind(1, hub::tokenHash("fleet-token-" + std::to_string(k)))
          .bind(2, "fk" + std::to_string(k))
          .bind(3, "hall-" + std::to_string(k % kHalls))
          .run();
    tx.commit();
    const auto key = wire::Ed25519PrivateKey::generate();
    store.addAdminKey("bench", key.publicKey().toPem(), 0);
    nlohmann::json list =
        nlohmann::json::parse(testing::readFile(testing::sourceRoot() / "config/demo/commitments.json"));
    list["hall"] = "*";
    store.addList("zibo-zhangdian", "*", 1, wire::signList(list.dump(), "bench", key), 0);
    // A software update under way: a pilot ring of one kiosk, then every hall. Each kiosk's
    // updater asks every 5 minutes when idle; the pilot's answer is the manifest, everyone else's a 404.
    const std::string package(1024, 'p');
    wire::UpdateManifest m;
    m.deployment = "zibo-zhangdian";
    m.id = 1;
    m.version = "1.5.0-1";
    m.architecture = "amd64";
    m.sha256 = wire::sha256Hex(package);
    m.size = static_cast<std::int64_t>(package.size());
    m.notBeforeText = "2026-01-01T00:00:00+08:00";
    m.rings = {{"试点", {}, {"fk0"}}, {"全区", {"*"}, {}}};
    const std::string manifest = wire::encodeUpdateManifest(m);
    hub::update_store::publish(store.database(), wire::parseUpdateManifest(manifest),
                               wire::signUpdateManifest(manifest, "bench", key), 0, "bench");
    hub::update_store::storePackage(store.database(), m.sha256, package);
  }
  hub.start();
  enum Kind { Heartbeat, Batch, ListCheck, UpdateCheck };
  struct Event {
    double at;
    int kiosk;
    Kind kind;
    std::int64_t seq;
  };
  std::vector<Event> events;
  std::mt19937 random(20261126);
  std::uniform_real_distribution<double> phase(0, 1);
  for (int k = 0; k < kKiosks; ++k) {
    const std::pair<Kind, double> schedules[] = {{Heartbeat, 60}, {Batch, 300}, {ListCheck, 300}, {UpdateCheck, 300}};
    for (const auto& [kind, period] : schedules) {
      std::int64_t seq = 0;
      for (double t = phase(random) * period; t < kSeconds; t += period) events.push_back({t, k, kind, ++seq});
    }
  }
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.at < b.at; });
  std::vector<std::string> batchBodies(static_cast<std::size_t>(kKiosks));
  for (int k = 0; k < kKiosks; ++k) {
    auto b = makeBatch("fk" + std::to_string(k), 1);
    b.counts.resize(10);  // five minutes of an ordinary kiosk
    batchBodies[static_cast<std::size_t>(k)] = wire::encodeBatch(b);
  }
  // As today's kiosks send it in opening hours: with their health, touches and time open (which
  // the hub sums per day).
  const std::string heartbeat =
      R"({"app_version":"1.4.0","list_version":1,"queued_batches":0,"disk_free_bytes":5000000000,)"
      R"("uptime_s":3600,"starts":2,"unclean_exits":0,"touches":3,"open_s":60,"screen":"shown"})";
  const std::string etag = "If-None-Match: \"zibo-zhangdian/*/1\"";

  std::atomic<std::size_t> next{0};
  std::atomic<int> errors{0};
  std::mutex resultsMutex;
  std::vector<double> latencies[4];
  std::string firstError;
  const double cpu0 = hubCpuSeconds(hub.pid());
  const double dbCpu0 = cluster ? cluster->cpuSeconds() : 0;
  const auto t0 = Stopwatch::now();
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w)
    workers.emplace_back([&] {
      CURL* c = curl_easy_init();
      std::vector<double> mine[4];
      std::string body;
      for (std::size_t i = next++; i < events.size(); i = next++) {
        const Event& e = events[i];
        std::this_thread::sleep_until(t0 + std::chrono::duration_cast<Stopwatch::duration>(
                                               std::chrono::duration<double>(e.at)));  // pacing the replay
        curl_easy_reset(c);
        body.clear();
        const std::string path = e.kind == Heartbeat   ? "/api/v1/heartbeat"
                                 : e.kind == Batch     ? "/api/v1/batches"
                                 : e.kind == ListCheck ? "/api/v1/lists/current"
                                                       : "/api/v1/updates/current";
        const std::string url = hub.url(path);
        curl_easy_setopt(c, CURLOPT_URL, url.c_str());
        curl_easy_setopt(c, CURLOPT_CAINFO, hub.caFile().c_str());
        curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 1L);
        curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
        curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
        curl_easy_setopt(
            c, CURLOPT_WRITEFUNCTION, +[](char* d, size_t size, size_t n, void* out) {
              static_cast<std::string*>(out)->append(d, size * n);
              return size * n;
            });
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
        curl_slist* headers =
            curl_slist_append(nullptr, ("Authorization: Bearer fleet-token-" + std::to_string(e.kiosk)).c_str());
        headers = curl_slist_append(headers, "Content-Type: application/json");
        if (e.kind == ListCheck) headers = curl_slist_append(headers, etag.c_str());
        const std::string& payload = e.kind == Heartbeat ? heartbeat : batchBodies[static_cast<std::size_t>(e.kiosk)];
        if (e.kind == Heartbeat || e.kind == Batch) curl_easy_setopt(c, CURLOPT_POSTFIELDS, payload.c_str());
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
        const auto s = Stopwatch::now();
        const CURLcode rc = curl_easy_perform(c);
        mine[e.kind].push_back(ms(Stopwatch::now() - s));
        curl_slist_free_all(headers);
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        const bool ok = rc == CURLE_OK && (e.kind == Batch         ? status == 201
                                           : e.kind == ListCheck   ? status == 304
                                           : e.kind == UpdateCheck ? status == (e.kiosk == 0 ? 200 : 404)
                                                                   : status == 200);
        if (!ok && errors++ == 0) {
          std::lock_guard lock(resultsMutex);
          firstError = path + " -> " + std::to_string(status) + " " + curl_easy_strerror(rc) + " " + body;
        }
      }
      curl_easy_cleanup(c);
      std::lock_guard lock(resultsMutex);
      for (int k = 0; k < 4; ++k) latencies[k].insert(latencies[k].end(), mine[k].begin(), mine[k].end());
    });
  for (auto& t : workers) t.join();
  const double wall = ms(Stopwatch::now() - t0) / 1000.0;
  const double cpu = hubCpuSeconds(hub.pid()) - cpu0;
  const double dbCpu = cluster ? cluster->cpuSeconds() - dbCpu0 : 0;
  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::printf(
      "fleet_%s kiosks=%d seconds=%.0f requests=%zu (%.0f/s) errors=%d | hub_cpu=%.0f%% postgres_cpu=%.0f%% of one "
      "core | "
      "all p50_ms=%.1f "
      "p99_ms=%.1f | heartbeat p99_ms=%.1f batch p99_ms=%.1f list_check p99_ms=%.1f update_check p99_ms=%.1f%s%s\n",
      postgresUrl.empty() ? "sqlite" : "postgres", kKiosks, wall, all.size(), static_cast<double>(all.size()) / wall,
      errors.load(), 100.0 * cpu / wall, 100.0 * dbCpu / wall, percentile(all, 0.5), percentile(all, 0.99),
      percentile(latencies[0], 0.99), percentile(latencies[1], 0.99), percentile(latencies[2], 0.99),
      percentile(latencies[3], 0.99), firstError.empty() ? "" : " first_error=", firstError.c_str());
}

void drain() {
  testing::HubProcess hub;
  hub.start();
  testing::TempDir dir;
  auto store = std::make_shared<kiosk::store::VoteStore>(dir / "kiosk.db");
  // 100,000 counted votes over a week of hourly buckets, as an offline kiosk would hold them.
  std::int64_t votes = 0;
  {
    common::sql::Transaction tx(store->database());
    common::sql::Statement st(
        store->database(),
        "INSERT INTO tally(commitment_id, list_version, bucket, rating, n) VALUES (?1, 1, ?2, ?3, ?4)");
    static const char* ratings[] = {"good", "fair", "poor"};
    for (int h = 0; votes < 100'000; ++h)
      for (int c = 0; c < 30 && votes < 100'000; ++c) {
        const std::int64_t n = std::min<std::int64_t>(1 + (h + c) % 7, 100'000 - votes);
        st.bind(1, "c-" + std::to_string(c)).bind(2, kiosk::bucketLabel({1'795'226'400 + h * 3600LL, 8 * 3600}, 60min));
        st.bind(3, ratings[(h + c) % 3]).bind(4, n).run();
        votes += n;
      }
    tx.commit();
  }
  kiosk::ManualClock clock;
  kiosk::sync::CurlTransport transport(transportFor(hub, hub.token("kiosk")));
  kiosk::sync::SyncSettings settings;
  settings.kioskId = "hall-01-k1";
  settings.deployment = "zibo-zhangdian";
  settings.hall = "hall-01";
  settings.dataDir = dir.path();
  settings.batchVotes = 1;  // due at once
  kiosk::sync::SyncEngine engine(settings, transport, kiosk::link::outboxOver([&] { return store; }, settings.kioskId),
                                 clock, [](auto&, auto&) {});
  const auto t0 = Stopwatch::now();
  int rounds = 0;
  while (rounds < 20) {
    engine.runOnce();
    ++rounds;
    const auto s = engine.status();
    if (s.queuedBatches == 0 && s.openVotes == 0) break;
  }
  const double seconds = ms(Stopwatch::now() - t0) / 1000.0;
  const auto r = hub.get("/api/v1/tallies", hub.token("admin"));
  const nlohmann::json doc = nlohmann::json::parse(r.body);
  std::int64_t atHub = 0;
  for (const auto& row : doc["rows"]) atHub += row["total"].get<std::int64_t>();
  std::printf("drain_100k_votes seconds=%.2f rounds=%d votes_at_hub=%lld error=\"%s\"\n", seconds, rounds,
              static_cast<long long>(atHub), engine.status().lastError.c_str());
}

void tally() {
  testing::HubProcess hub;
  // 10 M votes (5 halls x 182 days x 30 commitments x 366), one day's batch per hall through the
  // store's own ingest, so the aggregates are the ones the hub keeps.
  std::int64_t votes = 0;
  {
    hub::HubStore store(hub.dir() / "hub.db");
    static const char* ratings[] = {"good", "fair", "poor"};
    for (int hall = 0; hall < 5; ++hall)
      for (int d = 0; d < 182; ++d) {
        const std::string day = common::isoDay(1'767'225'600LL + d * 86'400LL);  // from 2026-01-01
        wire::RatingBatch batch{"bench-k" + std::to_string(hall), "tally-epoch", d + 1, day + "T18:00:00+08:00", {}};
        for (int c = 0; c < 30; ++c)
          for (int r = 0; r < 3; ++r) {
            const std::int64_t n = r == 0 ? 270 : (r == 1 ? 66 : 30);  // 366 votes a commitment-day
            batch.counts.push_back({"c-" + std::to_string(c), 1, day + "T10:00+08:00", ratings[r], std::nullopt, n, 0});
            votes += n;
          }
        store.ingest(batch, wire::sha256Hex(wire::encodeBatch(batch)), "hall-0" + std::to_string(hall), 0, 0);
      }
  }
  hub.start();
  std::vector<double> jsonMs, csvMs;
  for (int i = 0; i < 10; ++i) {
    auto t0 = Stopwatch::now();
    auto r = hub.get("/api/v1/tallies?from=2026-01-01&to=2026-06-30", hub.token("admin"));
    jsonMs.push_back(ms(Stopwatch::now() - t0));
    if (r.status != 200) std::cerr << "tally failed: " << r.status << "\n";
    t0 = Stopwatch::now();
    hub.get("/api/v1/tallies?from=2026-01-01&to=2026-06-30&format=csv&hall=hall-01", hub.token("admin"));
    csvMs.push_back(ms(Stopwatch::now() - t0));
  }
  std::printf(
      "half_year_tally votes=%lld json_all_halls_ms p50=%.1f max=%.1f | csv_one_hall_ms p50=%.1f (over HTTPS, new "
      "connection each)\n",
      static_cast<long long>(votes), percentile(jsonMs, 0.5), percentile(jsonMs, 1.0), percentile(csvMs, 0.5));
}

// The benches' administrator "bench", signing in with a password only: they time pages and uploads,
// not the second factor the hub asks leaders and administrators for by default. Before hub.start().
void addBenchAdmin(const testing::HubProcess& hub) {
  testing::run("echo bench-password-1 | " + testing::hubBinary() + " user add --dir " + hub.dir().string() +
               " --login bench --role admin 2>/dev/null");
  const auto file = hub.dir() / "hub.toml";
  std::string toml = testing::readFile(file);
  const std::string line = "second_factor = [\"leader\", \"admin\"]";
  const auto at = toml.find(line);
  if (at == std::string::npos) throw std::runtime_error("hub.toml has no second_factor line to turn off");
  toml.replace(at, line.size(), "second_factor = []");
  testing::writeFile(file, toml);
}

// A logged-in console user: one keep-alive connection with its own cookie jar.
class ConsoleClient {
 public:
  ConsoleClient(const testing::HubProcess& hub, const std::string& login, const std::string& password) : hub_(hub) {
    curl_ = curl_easy_init();
    curl_easy_setopt(curl_, CURLOPT_CAINFO, hub.caFile().c_str());
    curl_easy_setopt(curl_, CURLOPT_COOKIEFILE, "");  // the cookie engine, in memory
    curl_easy_setopt(
        curl_, CURLOPT_WRITEFUNCTION, +[](char* data, size_t size, size_t n, void* out) {
          static_cast<std::string*>(out)->append(data, size * n);
          return size * n;
        });
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &body_);
    const std::string form = get("/console/login");
    const auto at = form.find("name=\"csrf\" value=\"") + 19;
    const std::string fields = "csrf=" + form.substr(at, 64) + "&login=" + login + "&password=" + password;
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, fields.c_str());
    perform("/console/login");
    curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
    if (status_ != 303) throw std::runtime_error("console login failed: " + std::to_string(status_));
  }
  ~ConsoleClient() { curl_easy_cleanup(curl_); }
  std::string get(const std::string& path) {
    perform(path);
    if (status_ != 200) throw std::runtime_error(path + " answered " + std::to_string(status_));
    return body_;
  }
  // A multipart form with the session's CSRF token (read from `formPage`) and one file; the status
  // and, for a 303, where it points.
  std::pair<long, std::string> upload(const std::string& formPage, const std::string& path,
                                      const std::vector<std::pair<std::string, std::string>>& fields,
                                      const std::string& fileName, const std::string& content) {
    const std::string page = get(formPage);
    const auto at = page.find("name=\"csrf\" value=\"") + 19;
    curl_mime* mime = curl_mime_init(curl_);
    const auto add = [&](const std::string& name, const std::string& value) {
      curl_mimepart* part = curl_mime_addpart(mime);
      curl_mime_name(part, name.c_str());
      curl_mime_data(part, value.data(), value.size());
      return part;
    };
    add("csrf", page.substr(at, page.find('"', at) - at));
    for (const auto& [name, value] : fields) add(name, value);
    curl_mime_filename(add("file", content), fileName.c_str());
    curl_easy_setopt(curl_, CURLOPT_MIMEPOST, mime);
    perform(path);
    curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
    curl_mime_free(mime);
    char* location = nullptr;
    curl_easy_getinfo(curl_, CURLINFO_REDIRECT_URL, &location);
    return {status_, location ? std::string(location) : std::string()};
  }

 private:
  void perform(const std::string& path) {
    body_.clear();
    const std::string url = hub_.url(path);
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    if (curl_easy_perform(curl_) != CURLE_OK) throw std::runtime_error("console request failed: " + path);
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status_);
  }
  const testing::HubProcess& hub_;
  CURL* curl_ = nullptr;
  std::string body_;
  long status_ = 0;
};

void console() {
  testing::HubProcess hub;
  const auto t0 = Stopwatch::now();
  // ~10 M votes: 5 halls x 200 commitments, 7,000 votes a weekday per hall (a quarter at weekends).
  const auto seeded = testing::run(std::string(HUB_SEED_BINARY) + " --dir " + hub.dir().string() +
                                   " --halls 5 --commitments 200 --days 365 --votes-per-day 7000 --end " +
                                   common::isoDay(std::time(nullptr) + 8 * 3600));
  if (seeded.status != 0) throw std::runtime_error("hub-seed failed");
  // Parsed into a named document: iterating items() of a temporary left the loop reading freed memory.
  const nlohmann::json summary = nlohmann::json::parse(seeded.out);
  std::int64_t votes = 0;
  for (const auto& [hall, n] : summary["halls"].items()) votes += n.get<std::int64_t>();
  const double seedSeconds = ms(Stopwatch::now() - t0) / 1000.0;
  addBenchAdmin(hub);
  std::vector<std::string> tokens;
  for (int k = 0; k < 10; ++k) {
    auto r = testing::run(testing::hubBinary() + " token create --dir " + hub.dir().string() +
                          " --role kiosk --kiosk-id bench-k" + std::to_string(k) + " --hall hall-01");
    tokens.push_back(r.out.substr(0, r.out.find('\n')));
  }
  hub.start();

  ConsoleClient admin(hub, "bench", "bench-password-1");
  const auto timePages = [&](const std::string& path, int n) {
    std::vector<double> times;
    for (int i = 0; i < n; ++i) {
      const auto s = Stopwatch::now();
      admin.get(path);
      times.push_back(ms(Stopwatch::now() - s));
    }
    return times;
  };
  timePages("/console/?period=half_year", 3);  // warm the page cache and the list catalog
  const auto overview = timePages("/console/?period=half_year", 40);
  const auto commitments = timePages("/console/commitments?period=half_year", 40);
  const auto ledger = timePages("/console/commitments?period=half_year&format=xlsx", 5);
  std::printf(
      "console votes=%lld commitments=1000 halls=5 (seeded in %.0f s) | overview_half_year_ms p50=%.1f p99=%.1f | "
      "commitments_half_year_ms p50=%.1f p99=%.1f | ledger_xlsx_1000_rows_ms p50=%.0f max=%.0f (client-side, "
      "keep-alive, all halls as admin)\n",
      static_cast<long long>(votes), seedSeconds, percentile(overview, 0.5), percentile(overview, 0.99),
      percentile(commitments, 0.5), percentile(commitments, 0.99), percentile(ledger, 0.5), percentile(ledger, 1.0));

  // A kiosk's batch latency: 10 kiosks posting back to back, alone and beside 10 staff sessions
  // loading pages and exports without pause, interleaved over three rounds so a slow spell of the
  // shared disk falls on both sides alike.
  constexpr std::int64_t kBatchesEach = 100;
  std::int64_t nextSeq = 1;
  const auto kioskRun = [&](std::vector<double>& into) {
    std::vector<std::vector<double>> latencies(tokens.size());
    std::vector<std::thread> kiosks;
    for (std::size_t k = 0; k < tokens.size(); ++k)
      kiosks.emplace_back([&, k, first = nextSeq] {
        kiosk::sync::CurlTransport transport(transportFor(hub, tokens[k]));
        for (std::int64_t s = 0; s < kBatchesEach; ++s) {
          const auto body = wire::encodeBatch(makeBatch("bench-k" + std::to_string(k), first + s));
          const auto t = Stopwatch::now();
          const auto r = transport.send({"POST", "/api/v1/batches", body, ""});
          latencies[k].push_back(ms(Stopwatch::now() - t));
          if (r.status != 201) std::fprintf(stderr, "batch answered %ld\n", r.status);
        }
      });
    for (auto& t : kiosks) t.join();
    nextSeq += kBatchesEach;
    for (const auto& l : latencies) into.insert(into.end(), l.begin(), l.end());
  };
  // The staff log in first (a login is a deliberate ~30 ms Argon2id check) and wait; `loading`
  // sets them going and stops them between rounds.
  std::mutex gate;
  std::condition_variable changed;
  bool loading = false, stop = false;
  std::atomic<int> staffRequests{0};
  std::latch loggedIn(10);
  std::vector<std::thread> staff;
  for (int i = 0; i < 10; ++i)
    staff.emplace_back([&, i] {
      ConsoleClient user(hub, "bench", "bench-password-1");
      loggedIn.count_down();
      const char* pages[] = {"/console/?period=half_year", "/console/commitments?period=half_year",
                             "/console/units?period=month", "/console/commitments?period=month&format=xlsx",
                             "/console/kiosks"};
      for (int n = i;; ++n) {
        {
          std::unique_lock lock(gate);
          changed.wait(lock, [&] { return loading || stop; });
          if (stop) return;
        }
        user.get(pages[n % 5]);
        ++staffRequests;
      }
    });
  loggedIn.wait();
  const auto setLoading = [&](bool on) {
    {
      std::lock_guard lock(gate);
      loading = on;
    }
    changed.notify_all();
  };
  std::vector<double> alone, withStaff;
  for (int round = 0; round < 3; ++round) {
    kioskRun(alone);
    setLoading(true);
    kioskRun(withStaff);
    setLoading(false);
  }
  {
    std::lock_guard lock(gate);
    stop = true;
  }
  changed.notify_all();
  for (auto& t : staff) t.join();
  std::printf(
      "ingest_beside_console batches=%zu+%zu (3 interleaved rounds) | alone p50_ms=%.1f p99_ms=%.1f | with 10 staff "
      "sessions p50_ms=%.1f p99_ms=%.1f (%d pages/exports served meanwhile) | ratio p50=%.2f p99=%.2f\n",
      alone.size(), withStaff.size(), percentile(alone, 0.5), percentile(alone, 0.99), percentile(withStaff, 0.5),
      percentile(withStaff, 0.99), staffRequests.load(), percentile(withStaff, 0.5) / percentile(alone, 0.5),
      percentile(withStaff, 0.99) / percentile(alone, 0.99));
}

// The hub's resident set in MB, and its peak since the last resetPeak().
long residentMb(pid_t pid, const char* field = "VmRSS:") {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::strlen(field))) / 1024;
  return -1;
}
void resetPeak(pid_t pid) { std::ofstream("/proc/" + std::to_string(pid) + "/clear_refs") << "5"; }

// uploads: the hub's memory while administrators upload list spreadsheets — one 5 MB CSV of 5,000
// commitments, six at once from six sessions, and two files that describe far more than they hold
// (4.6 MB of line breaks; a 0.3 MB workbook naming column 64 in 100,000 rows) — with what stays
// resident a moment later. Each upload is followed by its draft preview page, as a browser does.
void uploads() {
  testing::HubProcess hub;
  addBenchAdmin(hub);
  hub.start();
  std::string csv = "编号,承诺人,类型,单位,期限,承诺标题,承诺内容,开始日期,结束日期\n";
  for (int i = 0; i < 5000; ++i) {
    std::string text;
    for (int k = 0; k < 40; ++k) text += "为群众办实事，";
    csv += "c-" + std::to_string(10000 + i) + ",张三" + std::to_string(i) + ",党员,第" + std::to_string(i % 20) +
           "党支部,年度,承诺标题承诺标题承诺标题承诺标题," + text + ",2026-01-01,2026-12-31\n";
  }
  const double uploadMb = static_cast<double>(csv.size()) / 1e6;
  std::vector<std::unique_ptr<ConsoleClient>> admins;
  for (int i = 0; i < 6; ++i) admins.push_back(std::make_unique<ConsoleClient>(hub, "bench", "bench-password-1"));
  std::atomic<int> version{0}, refused{0};
  const auto uploadOnce = [&](ConsoleClient& admin, const std::string& name, const std::string& content) {
    const auto [status, location] = admin.upload(
        "/console/admin/lists", "/console/admin/lists/upload",
        {{"step", "draft"}, {"hall", "hall-01"}, {"version", std::to_string(++version)}, {"title", "清单"}}, name,
        content);
    if (status == 303) admin.get(location.substr(location.find("/console/")));
    else ++refused;
    return status;
  };
  const pid_t pid = hub.pid();
  const long base = residentMb(pid);
  resetPeak(pid);
  uploadOnce(*admins[0], "list.csv", csv);
  const long onePeak = residentMb(pid, "VmHWM:"), afterOne = residentMb(pid);
  resetPeak(pid);
  std::vector<std::thread> six;
  for (auto& admin : admins) six.emplace_back([&, a = admin.get()] { uploadOnce(*a, "list.csv", csv); });
  for (auto& t : six) t.join();
  const long sixPeak = residentMb(pid, "VmHWM:"), afterSix = residentMb(pid);
  resetPeak(pid);
  const std::string breaks = csv.substr(0, csv.find('\n', csv.find('\n') + 1) + 1) + std::string(4'600'000, '\n');
  const long breaksStatus = uploadOnce(*admins[0], "breaks.csv", breaks);
  std::string rows;
  for (int i = 1; i <= 100'000; ++i)
    rows += "<row r=\"" + std::to_string(i) + "\"><c r=\"BL" + std::to_string(i) + "\"><v>7</v></c></row>";
  const std::string bomb = common::zipArchive(
      {{"xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + rows + "</sheetData></worksheet>"}}, 0);
  const long bombStatus = uploadOnce(*admins[0], "rows.xlsx", bomb);
  const long bombsPeak = residentMb(pid, "VmHWM:");
  std::printf(
      "uploads list_csv_mb=%.1f (5,000 commitments) | rss_mb base=%ld one_peak=%ld after=%ld (peak %.0fx the upload) | "
      "six_at_once_peak=%ld after=%ld (%.1fx the six uploads) refused=%d | 4.6_mb_of_line_breaks status=%ld, "
      "%.1f_mb_row_bomb.xlsx status=%ld, peak of both=%ld\n",
      uploadMb, base, onePeak, afterOne, static_cast<double>(onePeak - base) / uploadMb, sixPeak, afterSix,
      static_cast<double>(sixPeak - base) / (6 * uploadMb), refused.load(), breaksStatus,
      static_cast<double>(bomb.size()) / 1e6, bombStatus, bombsPeak);
}

}  // namespace

int main(int argc, char** argv) {
  kiosk::sync::initTransportLibrary();
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each figure line appears as soon as it is measured
  const std::string what = argc > 1 ? argv[1] : "all";
  if (what == "ingest" || what == "all") {
    ingest(false);  // side by side in one run: what signing costs the hub
    ingest(true);
  }
  if (what == "postgres" || what == "fleet" || what == "all") {
    BenchCluster cluster;
    if (what != "fleet") {
      ingest(false, cluster.newDatabase("ingest_unsigned"));
      ingest(true, cluster.newDatabase("ingest_signed"));
    }
    if (what != "postgres") {
      fleet("");  // side by side in one run: the same fleet on SQLite, then on PostgreSQL
      fleet(cluster.newDatabase("fleet"), &cluster);
    }
  }
  if (what == "drain" || what == "all") drain();
  if (what == "tally" || what == "all") tally();
  if (what == "console" || what == "all") console();
  if (what == "uploads" || what == "all") uploads();
  if (what == "floods" || what == "all") bench::floods();
  return 0;
}
