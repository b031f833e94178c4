// A hub on PostgreSQL through the database's bad days, under load with reads running: its
// sessions terminated (a fail-over, a pooler restart), the server restarted, the server frozen.
// Each test has a PostgreSQL cluster of its own (tests/support/postgres_cluster.sh), so the faults
// never reach the run's shared one. What must hold: reads and uploads come back by themselves, no
// request is ever a 500 or left hanging, every batch acknowledged is counted exactly once, a frozen
// database is a 503 with Retry-After while /healthz still answers and /readyz says why, SIGTERM
// ends the hub in every state, and the log keeps one event per line.
#include <doctest/doctest.h>
#include <signal.h>

#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "common/postgres.hpp"
#include "hub_process.hpp"

using namespace std::chrono_literals;
using testing::HubProcess;

namespace {

using Clock = std::chrono::steady_clock;

class PrivateCluster {
 public:
  PrivateCluster() {
    const auto r = script("start");
    if (r.status != 0) throw std::runtime_error("cannot start a PostgreSQL cluster: " + r.out);
    std::ifstream in(file_.string());
    in >> folder_ >> port_;
    common::sql::openPostgres(url("postgres")).exec("CREATE DATABASE hub");
  }
  ~PrivateCluster() {
    script("thaw");
    script("stop");
  }
  PrivateCluster(const PrivateCluster&) = delete;
  PrivateCluster& operator=(const PrivateCluster&) = delete;

  std::string url(const std::string& database) const {
    return "postgresql:///" + database + "?host=" + folder_ + "&port=" + port_ + "&user=kiosk_test";
  }
  void restart() { REQUIRE(script("restart").status == 0); }
  void freeze() { REQUIRE(script("freeze").status == 0); }
  void thaw() { REQUIRE(script("thaw").status == 0); }
  // Ends every session of the hub's database: what a fail-over or a pooler restart does.
  std::int64_t terminateHubSessions() const {
    auto admin = common::sql::openPostgres(url("postgres"));
    common::sql::Statement end(admin,
                               "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               "WHERE datname = 'hub'");
    REQUIRE(end.step());
    return end.columnInt(0);
  }

 private:
  testing::CommandResult script(const std::string& command) const {
    return testing::run(std::string(POSTGRES_CLUSTER_SCRIPT) + " " + command + " " + file_.string() + " 2>&1");
  }

  testing::TempDir dir_;
  std::filesystem::path file_ = dir_ / "cluster.txt";
  std::string folder_, port_;
};

// Kiosks uploading and staff reading, each on its own thread, until stopped; what every request
// was answered is kept. A batch answered 201 or 200 is acknowledged; the others are sent again at
// the end, as a kiosk would, so the totals can be checked exactly.
class Load {
 public:
  explicit Load(const HubProcess& hub) : hub_(hub) {
    uploader_ = std::thread([this] {
      // As a kiosk does: the same batch again until the hub acknowledges it, then the next.
      for (std::int64_t seq = 1; !stop_;) {
        const auto r = hub_.post("/api/v1/batches", testing::goodBatch(seq, 1), hub_.token("kiosk"));
        record(r.status, "POST /api/v1/batches");
        std::lock_guard lock(mutex_);
        sent_ = seq;
        if (r.status == 201 || r.status == 200) acknowledged_.insert(seq++);
      }
    });
    reader_ = std::thread([this] {
      const std::pair<std::string, std::string> reads[] = {{"/api/v1/tallies", "admin"},
                                                           {"/api/v1/kiosks", "staff"},
                                                           {"/api/v1/results", "kiosk"},
                                                           {"/metrics", "admin"}};
      for (std::size_t i = 0; !stop_; ++i) {
        const auto& [path, role] = reads[i % 4];
        record(hub_.get(path, hub_.token(role)).status, "GET " + path);
      }
    });
  }
  ~Load() { stop(); }

  void stop() {
    stop_ = true;
    if (uploader_.joinable()) uploader_.join();
    if (reader_.joinable()) reader_.join();
  }
  // Sends every batch not yet acknowledged again until each is; the number of batches sent.
  std::int64_t settle() {
    stop();
    for (std::int64_t seq = 1; seq <= sent_; ++seq) {
      const auto deadline = Clock::now() + 60s;
      while (!acknowledged_.count(seq) && Clock::now() < deadline) {
        const auto status = hub_.post("/api/v1/batches", testing::goodBatch(seq, 1), hub_.token("kiosk")).status;
        if (status == 201 || status == 200) acknowledged_.insert(seq);
      }
      REQUIRE_MESSAGE(acknowledged_.count(seq), "batch " << seq << " never acknowledged");
    }
    return sent_;
  }
  // Each status and how often it was answered, e.g. {"GET /metrics 503": 3}.
  std::map<std::string, int> statuses() {
    std::lock_guard lock(mutex_);
    return statuses_;
  }

 private:
  void record(long status, const std::string& what) {
    std::lock_guard lock(mutex_);
    ++statuses_[what + " " + std::to_string(status)];
  }

  const HubProcess& hub_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::map<std::string, int> statuses_;
  std::set<std::int64_t> acknowledged_;
  std::int64_t sent_ = 0;
  std::thread uploader_, reader_;
};

// A hub on the cluster's database "hub", its kiosk's request budget lifted: these tests load it
// with one kiosk as fast as it answers, which the budget is there to refuse.
void prepare(const HubProcess& hub) {
  const auto file = hub.dir() / "hub.toml";
  std::string toml = testing::readFile(file);
  const std::string key = "kiosk_requests_per_minute = ";
  const auto at = toml.find(key);
  REQUIRE(at != std::string::npos);
  toml.replace(at, toml.find('\n', at) - at, key + "1000000");
  testing::writeFile(file, toml);
}

// Polls until every read route answers 200 several times in a row (more than the reader pool
// has connections, so a pool that leaks one per failure is caught), within a generous deadline.
bool readsRecover(const HubProcess& hub) {
  const auto deadline = Clock::now() + 90s;
  while (Clock::now() < deadline) {
    int inARow = 0;
    for (; inARow < 8; ++inARow) {
      const auto& [path, role] = std::pair<std::string, std::string>{inARow % 2 ? "/api/v1/tallies" : "/api/v1/kiosks",
                                                                     inARow % 2 ? "admin" : "staff"};
      if (hub.get(path, hub.token(role)).status != 200) break;
    }
    if (inARow == 8 && hub.get("/console/login").status == 200) return true;
    std::this_thread::sleep_for(100ms);  // between polls
  }
  return false;
}

// Every status answered is one a client knows what to do with: never a 500, never none at all
// (a request left hanging until the client gave up).
void checkNoInternalErrorsOrHangs(const std::map<std::string, int>& statuses) {
  for (const auto& [what, n] : statuses) {
    INFO(what << " × " << n);
    const auto status = what.substr(what.rfind(' ') + 1);
    CHECK((status == "200" || status == "201" || status == "503" || status == "429"));
  }
}

void checkOneEventPerLine(const std::string& log) {
  std::istringstream lines(log);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    ++n;
    INFO("log line " << n << ": " << line);
    CHECK(line.rfind("ts=", 0) == 0);
  }
  CHECK(n > 0);
}

}  // namespace

TEST_CASE("after its sessions are ended and the server restarts, a hub's reads and uploads come back") {
  PrivateCluster cluster;
  HubProcess hub("zibo-zhangdian", cluster.url("hub"));
  prepare(hub);
  hub.start();
  Load load(hub);
  REQUIRE(readsRecover(hub));

  CHECK(cluster.terminateHubSessions() >= 3);  // the writer, the readers, the console's stores
  CHECK(readsRecover(hub));

  cluster.restart();
  CHECK(readsRecover(hub));
  CHECK(hub.post("/api/v1/batches", testing::goodBatch(1'000'000, 1), hub.token("kiosk")).status == 201);

  const auto statuses = load.statuses();
  const std::int64_t sent = load.settle();
  CHECK(sent > 0);
  CHECK(hub.totalVotes() == sent + 1);  // every batch once, however often it was sent
  checkNoInternalErrorsOrHangs(statuses);
  checkOneEventPerLine(hub.log());
}

TEST_CASE("a frozen database is a 503 with Retry-After, /healthz still answers, and SIGTERM ends the hub") {
  PrivateCluster cluster;
  HubProcess hub("zibo-zhangdian", cluster.url("hub"));
  prepare(hub);
  hub.start();
  REQUIRE(hub.post("/api/v1/batches", testing::goodBatch(1, 1), hub.token("kiosk")).status == 201);
  REQUIRE(hub.get("/readyz").status == 200);

  cluster.freeze();
  {
    Load load(hub);  // requests keep coming while it is frozen
    // Liveness never touches the database.
    CHECK(hub.get("/healthz").status == 200);
    const auto upload = hub.post("/api/v1/batches", testing::goodBatch(2, 1), hub.token("kiosk"));
    CHECK(upload.status == 503);
    CHECK(upload.headers.count("retry-after") == 1);
    const auto tallies = hub.get("/api/v1/tallies", hub.token("admin"));
    CHECK(tallies.status == 503);
    CHECK(tallies.headers.count("retry-after") == 1);
    const auto ready = hub.get("/readyz");
    CHECK(ready.status == 503);
    CHECK(ready.body.find("\"database\":\"unavailable\"") != std::string::npos);
    CHECK(hub.get("/healthz").status == 200);
    cluster.thaw();
    CHECK(readsRecover(hub));
    checkNoInternalErrorsOrHangs(load.statuses());
    load.settle();
  }
  CHECK(hub.get("/readyz").status == 200);
  CHECK(hub.post("/api/v1/batches", testing::goodBatch(1'000'000, 1), hub.token("kiosk")).status == 201);

  // Frozen again, with requests in flight: SIGTERM still ends the hub (10 s is the promise; the
  // margin is for a loaded machine running an ASan build).
  cluster.freeze();
  std::thread inFlight([&] { hub.get("/api/v1/tallies", hub.token("admin")); });
  std::thread inFlightUpload(
      [&] { hub.post("/api/v1/batches", testing::goodBatch(1'000'001, 1), hub.token("kiosk")); });
  std::this_thread::sleep_for(500ms);  // not a wait for a condition: lets the requests reach the hub
  CHECK(hub.stopWithin(20s));
  inFlight.join();
  inFlightUpload.join();
  cluster.thaw();
  checkOneEventPerLine(hub.log());
}
