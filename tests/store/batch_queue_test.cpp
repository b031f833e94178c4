// The kiosk's outbox on a real database: a frozen batch's bytes never change, later votes open
// new rows, batches are handed out oldest first, and conflicts are kept aside, never dropped.
#include <doctest/doctest.h>

#include "kiosk/store/batch_queue.hpp"
#include "temp_dir.hpp"
#include "wire/crypto.hpp"
#include "wire/rating_batch.hpp"

using namespace kiosk;
using namespace kiosk::store;

namespace {
VoteRecord vote(const std::string& id, Rating r, const std::string& bucket = "2026-11-21T09:00+08:00") {
  return {id, 3, bucket, r, std::nullopt, true};
}
}  // namespace

TEST_CASE("freezing packs open counts into an immutable rating-batch/1") {
  testing::TempDir dir;
  VoteStore store(dir / "kiosk.db");
  BatchQueue queue(store, "hall-01-k1");
  CHECK_FALSE(queue.freeze("2026-11-21T10:00:00+08:00"));  // nothing to send

  for (int i = 0; i < 3; ++i) store.record(vote("c-0001", Rating::Good));
  store.record({"c-0002", 3, "2026-11-21T09:00+08:00", Rating::Poor, "attitude", true});
  store.record({"c-0002", 3, "2026-11-21T09:00+08:00", Rating::Poor, "attitude", false});
  auto first = queue.freeze("2026-11-21T10:00:00+08:00");
  REQUIRE(first);
  CHECK(first->seq == 1);
  CHECK(first->votes == 4);
  CHECK(first->sha256 == wire::sha256Hex(first->body));
  const auto batch = wire::parseBatch(first->body);
  CHECK(batch.kioskId == "hall-01-k1");
  CHECK(batch.epoch == store.epoch());
  REQUIRE(batch.counts.size() == 2);
  CHECK(batch.counts[1].reason == "attitude");
  CHECK(batch.counts[1].filtered == 1);

  // More votes for the same key go to a new open row; the frozen batch is untouched.
  store.record(vote("c-0001", Rating::Good));
  CHECK(queue.oldestQueued()->body == first->body);
  auto second = queue.freeze("2026-11-21T10:05:00+08:00");
  REQUIRE(second);
  CHECK(second->seq == 2);
  CHECK(wire::parseBatch(second->body).counts.at(0).n == 1);
  // local_tally still sums frozen and open rows.
  CHECK(store.localTally().at(0).n == 4);
  CHECK(queue.status().queued == 2);
}

TEST_CASE("batches go oldest first, sent leave the queue, conflicts are kept aside") {
  testing::TempDir dir;
  VoteStore store(dir / "kiosk.db");
  BatchQueue queue(store, "k");
  for (int b = 0; b < 3; ++b) {
    store.record(vote("c-000" + std::to_string(b), Rating::Fair));
    REQUIRE(queue.freeze("t"));
  }
  CHECK(queue.oldestQueued()->seq == 1);
  queue.markSent(1);
  CHECK(queue.oldestQueued()->seq == 2);
  queue.markConflict(2, "409: different body for the same batch");
  CHECK(queue.oldestQueued()->seq == 3);
  const auto s = queue.status();
  CHECK(s.queued == 1);
  CHECK(s.conflicts == 1);
  common::sql::Statement st(store.database(), "SELECT body, last_error FROM batch WHERE seq = 2");
  REQUIRE(st.step());
  CHECK_FALSE(st.columnText(0).empty());  // the conflicting batch's bytes are still there
  CHECK(st.columnText(1).find("409") != std::string::npos);
  // Unsent = everything the hub has not accepted, oldest first, with the exact frozen bytes.
  const auto unsent = queue.unsent();
  REQUIRE(unsent.size() == 2);
  CHECK(unsent[0].seq == 2);
  CHECK(unsent[0].body == st.columnText(0));
  CHECK(unsent[1].seq == 3);
}

TEST_CASE("a large backlog freezes in bounded batches") {
  testing::TempDir dir;
  VoteStore store(dir / "kiosk.db");
  BatchQueue queue(store, "k");
  for (int h = 0; h < 10; ++h)
    store.record(
        vote("c-0001", Rating::Good, "2026-11-21T" + std::string(h < 10 ? "0" : "") + std::to_string(h) + ":00+08:00"));
  CHECK(queue.freeze("t", 4)->votes == 4);
  CHECK(queue.freeze("t", 4)->votes == 4);
  CHECK(queue.freeze("t", 4)->votes == 2);
  CHECK_FALSE(queue.freeze("t", 4));
  CHECK(queue.status().openVotes == 0);
}

TEST_CASE("a frozen batch always fits the hub's 1 MiB request limit") {
  testing::TempDir dir;
  VoteStore store(dir / "kiosk.db");
  BatchQueue queue(store, std::string(64, 'k'));
  // Worst-case rows: the longest ids and reasons the formats allow, each in its own bucket.
  {
    common::sql::Transaction tx(store.database());
    common::sql::Statement st(
        store.database(),
        "INSERT INTO tally(commitment_id, list_version, bucket, rating, reason, n, filtered) "
        "VALUES (?1, 9223372036854775807, ?2, 'poor', ?3, 9223372036854775807, 9223372036854775807)");
    for (int i = 0; i < 5000; ++i) {
      char bucket[32];
      std::snprintf(bucket, sizeof bucket, "2026-%02d-%02dT%02d:00+08:00", 1 + i % 12, 1 + i % 28, i % 24);
      st.bind(1, std::string(58, 'c') + std::to_string(100000 + i)).bind(2, bucket).bind(3, std::string(64, 'r')).run();
    }
    tx.commit();
  }
  std::size_t batches = 0;
  while (auto b = queue.freeze("2026-11-21T10:00:00+08:00")) {
    CHECK(b->body.size() < 1024u * 1024u);
    ++batches;
  }
  CHECK(batches == 3);
}
