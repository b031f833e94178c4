// Three kiosk-hub processes on one PostgreSQL (the test run's real cluster), as a province runs
// them: kiosks spread across the hubs with every hub in their hub_url, one hub killed mid-run with
// a batch it committed but never answered, that batch re-sent to another hub — and the totals are
// exact, the repeat answered 200. Plus the race the database must settle: the same batches posted
// to all three hubs at once count once.
#include <doctest/doctest.h>

#include <atomic>
#include <csignal>
#include <thread>

#include "common/postgres.hpp"
#include "hub/store/background_leader.hpp"
#include "hub_process.hpp"
#include "kiosk/core/time_bucket.hpp"
#include "kiosk/link/store_outbox.hpp"
#include "kiosk_transport.hpp"
#include "store_under_test.hpp"
#include "sync/curl_transport.hpp"
#include "sync/failover_transport.hpp"
#include "sync/sync_engine.hpp"
#include "wire/rating_batch.hpp"

using namespace kiosk;
using namespace std::chrono_literals;
using testing::HubProcess;

namespace {

struct Province {
  std::string url = testing::newPostgresDatabase();
  HubProcess a{"zibo-zhangdian", url}, b{"zibo-zhangdian", url}, c{"zibo-zhangdian", url};
  Province() {
    b.shareTlsFrom(a);  // one name, one certificate, as behind a load balancer
    c.shareTlsFrom(a);
    a.start();
    b.start();
    c.start();
  }
  HubProcess* hubs[3] = {&a, &b, &c};
};

// Passes requests on, but can lose the next batch answer: the hub committed, then died.
struct AnswerLost final : sync::HttpTransport {
  std::unique_ptr<sync::HttpTransport> real;
  std::function<void()> afterCommit;  // runs once, after the lost answer's hub committed
  explicit AnswerLost(std::unique_ptr<sync::HttpTransport> r) : real(std::move(r)) {}
  sync::HttpResponse send(const sync::HttpRequest& req) override {
    sync::HttpResponse res = real->send(req);
    if (afterCommit && req.path == "/api/v1/batches" && res.status == 201) {
      std::exchange(afterCommit, nullptr)();
      return {0, "", "", std::nullopt, sync::Failure::Connect, "hub died before answering"};
    }
    return res;
  }
};

struct Kiosk {
  testing::TempDir dir;
  std::shared_ptr<store::VoteStore> store = std::make_shared<store::VoteStore>(dir / "kiosk.db");
  ManualClock clock;
  AnswerLost* first = nullptr;
  std::unique_ptr<sync::FailoverTransport> transport;
  std::unique_ptr<sync::SyncEngine> engine;

  Kiosk(const std::string& id, const std::string& token, Province& p, int preferred) {
    std::vector<std::unique_ptr<sync::HttpTransport>> hubs;
    for (int i = 0; i < 3; ++i) {
      auto t = std::make_unique<sync::CurlTransport>(testing::kioskTransportTo(*p.hubs[(preferred + i) % 3], token));
      if (i == 0) {
        auto lossy = std::make_unique<AnswerLost>(std::move(t));
        first = lossy.get();
        hubs.push_back(std::move(lossy));
      } else {
        hubs.push_back(std::move(t));
      }
    }
    transport = std::make_unique<sync::FailoverTransport>(std::move(hubs));
    sync::SyncSettings s;
    s.kioskId = id;
    s.deployment = "zibo-zhangdian";
    s.hall = "hall-01";
    s.appVersion = "test";
    s.dataDir = dir.path();
    s.batchInterval = 5min;
    s.batchVotes = 10;
    engine = std::make_unique<sync::SyncEngine>(
        s, *transport, link::outboxOver([this] { return store; }, id), clock,
        [](const wire::CommitmentList&, const std::string&) {}, [] { return 0.5; });
  }
  std::int64_t vote(int n) {
    for (int i = 0; i < n; ++i)
      store->record({"c-000" + std::to_string(1 + i % 5), 1, bucketLabel(clock.wallNow(), 60min),
                     i % 3 == 0 ? Rating::Poor : Rating::Good, std::nullopt, true});
    clock.advance(1h);
    return n;
  }
  void drain() {
    for (int i = 0; i < 50; ++i) {
      engine->runOnce();
      const auto s = engine->status();
      if (s.lastError.empty() && s.queuedBatches == 0 && s.openVotes == 0) return;
      clock.advance(6min);
    }
    FAIL("sync did not drain: " << engine->status().lastError);
  }
};

}  // namespace

TEST_CASE("three hubs on one PostgreSQL: one dies after committing a batch, its repeat elsewhere is a duplicate") {
  Province p;
  const std::string admin = p.a.token("admin");
  // Four kiosks of hall-01, each preferring another hub and listing all three.
  std::vector<std::unique_ptr<Kiosk>> kiosks;
  for (int i = 0; i < 4; ++i) {
    const std::string id = "hall-01-m" + std::to_string(i);
    auto minted = testing::run(testing::hubBinary() + " token create --dir '" + p.a.dir().string() +
                               "' --role kiosk --kiosk-id " + id + " --hall hall-01");
    REQUIRE(minted.status == 0);
    minted.out.erase(minted.out.find_last_not_of('\n') + 1);
    kiosks.push_back(std::make_unique<Kiosk>(id, minted.out, p, i % 3));
  }
  std::int64_t votes = 0;
  for (int round = 0; round < 6; ++round) {
    for (auto& k : kiosks) votes += k->vote(25);
    // Round 2: hub A commits kiosk 0's next batch and is killed before it answers.
    if (round == 2) kiosks[0]->first->afterCommit = [&] { p.a.stop(SIGKILL); };
    for (auto& k : kiosks) {
      k->engine->runOnce();
      k->clock.advance(6min);
    }
  }
  CHECK_FALSE(p.a.running());
  for (auto& k : kiosks) k->drain();
  // Exact on every surviving hub: they read one database.
  CHECK(p.b.totalVotes() == votes);
  CHECK(p.c.totalVotes() == votes);
  // The batch A committed reached B (kiosk 0's next hub) again and was answered as a duplicate.
  CHECK(p.b.log().find("path=/api/v1/batches status=200") != std::string::npos);
  CHECK(kiosks[0]->transport->current() != 0);
  // A comes back: it sees the same totals.
  p.a.start();
  CHECK(p.a.totalVotes() == votes);
}

TEST_CASE("the same batches posted to three hubs at once count once: the database settles the race") {
  Province p;
  const std::string kiosk = p.a.token("kiosk");
  constexpr int kBatches = 40;
  std::atomic<int> created{0}, duplicate{0}, other{0};
  std::vector<std::thread> senders;
  for (HubProcess* hub : p.hubs)
    senders.emplace_back([&, hub] {
      for (int seq = 1; seq <= kBatches; ++seq) {
        wire::RatingBatch b{"hall-01-k1", "epoch-1", seq, "2026-11-21T10:00:00+08:00", {}};
        b.counts.push_back({"c-0001", 1, "2026-11-21T09:00+08:00", "good", std::nullopt, 3, 0});
        b.counts.push_back({"c-0002", 1, "2026-11-21T10:00+08:00", "poor", std::string("attitude"), 1, 0});
        const long status = hub->post("/api/v1/batches", wire::encodeBatch(b), kiosk).status;
        (status == 201 ? created : status == 200 ? duplicate : other)++;
      }
    });
  for (auto& t : senders) t.join();
  CHECK(other == 0);
  CHECK(created == kBatches);
  CHECK(duplicate == 2 * kBatches);
  for (HubProcess* hub : p.hubs) CHECK(hub->totalVotes() == 4 * kBatches);
}

TEST_CASE("one hub leads the background work, and another takes over when it is gone") {
  const std::string url = testing::newPostgresDatabase();
  const auto connect = [url] { return common::sql::openPostgres(url); };
  auto first = std::make_unique<hub::BackgroundLeader>(connect);
  hub::BackgroundLeader second(connect);
  CHECK(first->lead());
  CHECK_FALSE(second.lead());
  CHECK(first->lead());  // kept, not taken again
  CHECK_FALSE(second.lead());
  first.reset();  // the leading hub dies: its connection, and the lock, go with it
  // The server frees the lock when it has seen the connection close, a moment later: hubs try
  // again each cycle, the test for up to 10 s.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  bool took = second.lead();
  while (!took && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // between polls, not the wait itself
    took = second.lead();
  }
  CHECK(took);
  CHECK(hub::BackgroundLeader().lead());  // SQLite: a hub alone always leads
}

TEST_CASE("a leader whose session the server ended does not lead on a new one") {
  const std::string url = testing::newPostgresDatabase();
  const auto connect = [url] { return common::sql::openPostgres(url); };
  hub::BackgroundLeader first(connect), second(connect);
  REQUIRE(first.lead());
  {  // a fail-over or pooler restart ends the leader's session, and with it the lock
    auto admin = common::sql::openPostgres(url);
    common::sql::Statement end(admin,
                               "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               "WHERE datname = current_database() AND pid <> pg_backend_pid()");
    REQUIRE(end.step());
    REQUIRE(end.columnInt(0) >= 1);
  }
  CHECK(second.lead());       // the lock is free: another hub takes it
  CHECK_FALSE(first.lead());  // and the first, reconnected, knows it no longer holds it
  CHECK(second.lead());
}
