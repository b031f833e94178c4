#include "kiosk/store/batch_queue.hpp"

#include <limits>

#include "wire/crypto.hpp"
#include "wire/rating_batch.hpp"

namespace kiosk::store {

std::optional<FrozenBatch> BatchQueue::freeze(const std::string& createdAt, std::size_t maxRows) {
  const std::string epoch = store_.epoch();
  return store_.withDatabase([&](common::sql::Database& db) -> std::optional<FrozenBatch> {
    common::sql::Transaction tx(db);
    common::sql::Statement open(db, R"sql(
      SELECT rowid, commitment_id, list_version, bucket, rating, reason, n, filtered
      FROM tally WHERE batch_seq IS NULL ORDER BY rowid LIMIT ?1)sql");
    open.bind(1, static_cast<std::int64_t>(maxRows));
    wire::RatingBatch batch{kioskId_, epoch, 0, createdAt, {}};
    std::vector<std::int64_t> rowids;
    std::int64_t votes = 0;
    while (open.step()) {
      rowids.push_back(open.columnInt(0));
      const std::string reason = open.columnText(5);
      batch.counts.push_back({open.columnText(1), open.columnInt(2), open.columnText(3), open.columnText(4),
                              reason.empty() ? std::nullopt : std::optional(reason), open.columnInt(6),
                              open.columnInt(7)});
      // Saturating: a corrupted or hostile count must not overflow (UB) the batch's vote figure.
      const std::int64_t n = open.columnInt(6);
      votes =
          n > std::numeric_limits<std::int64_t>::max() - votes ? std::numeric_limits<std::int64_t>::max() : votes + n;
    }
    if (rowids.empty()) return std::nullopt;

    common::sql::Statement next(db, "SELECT COALESCE(MAX(seq), 0) + 1 FROM batch");
    next.step();
    batch.batchSeq = next.columnInt(0);
    FrozenBatch frozen{batch.batchSeq, wire::encodeBatch(batch), "", votes};
    frozen.sha256 = wire::sha256Hex(frozen.body);
    common::sql::Statement insert(
        db, "INSERT INTO batch(seq, created_at, body, sha256, votes) VALUES (?1, ?2, ?3, ?4, ?5)");
    insert.bind(1, frozen.seq).bind(2, createdAt).bind(3, frozen.body).bind(4, frozen.sha256).bind(5, votes).run();
    common::sql::Statement mark(db, "UPDATE tally SET batch_seq = ?1 WHERE rowid = ?2");
    for (std::int64_t rowid : rowids) mark.bind(1, frozen.seq).bind(2, rowid).run();
    tx.commit();
    return frozen;
  });
}

std::optional<FrozenBatch> BatchQueue::oldestQueued() {
  return store_.withDatabase([](common::sql::Database& db) -> std::optional<FrozenBatch> {
    common::sql::Statement st(db,
                              "SELECT seq, body, sha256, votes FROM batch WHERE state = 'queued' ORDER BY seq LIMIT 1");
    if (!st.step()) return std::nullopt;
    return FrozenBatch{st.columnInt(0), st.columnText(1), st.columnText(2), st.columnInt(3)};
  });
}

std::vector<FrozenBatch> BatchQueue::unsent() {
  return store_.withDatabase([](common::sql::Database& db) {
    std::vector<FrozenBatch> batches;
    common::sql::Statement st(db, "SELECT seq, body, sha256, votes FROM batch WHERE state <> 'sent' ORDER BY seq");
    while (st.step()) batches.push_back({st.columnInt(0), st.columnText(1), st.columnText(2), st.columnInt(3)});
    return batches;
  });
}

std::vector<FrozenBatch> BatchQueue::conflicts(std::size_t limit) {
  return store_.withDatabase([limit](common::sql::Database& db) {
    std::vector<FrozenBatch> batches;
    common::sql::Statement st(
        db, "SELECT seq, body, sha256, votes FROM batch WHERE state = 'conflict' ORDER BY seq LIMIT ?1");
    st.bind(1, static_cast<std::int64_t>(limit));
    while (st.step()) batches.push_back({st.columnInt(0), st.columnText(1), st.columnText(2), st.columnInt(3)});
    return batches;
  });
}

void BatchQueue::markSent(std::int64_t seq) {
  store_.withDatabase([&](common::sql::Database& db) {
    common::sql::Transaction tx(db);
    common::sql::Statement st(db, "UPDATE batch SET state = 'sent', last_error = NULL WHERE seq = ?1");
    st.bind(1, seq).run();
    tx.commit();
  });
}

void BatchQueue::markConflict(std::int64_t seq, const std::string& why) {
  store_.withDatabase([&](common::sql::Database& db) {
    common::sql::Transaction tx(db);
    common::sql::Statement st(db, "UPDATE batch SET state = 'conflict', last_error = ?2 WHERE seq = ?1");
    st.bind(1, seq).bind(2, why).run();
    tx.commit();
  });
}

QueueStatus BatchQueue::status() {
  return store_.withDatabase([](common::sql::Database& db) {
    QueueStatus s;
    common::sql::Statement st(db, R"sql(SELECT
      (SELECT COUNT(*) FROM batch WHERE state = 'queued'),
      (SELECT COUNT(*) FROM batch WHERE state = 'conflict'),
      (SELECT COALESCE(SUM(n), 0) FROM tally WHERE batch_seq IS NULL))sql");
    st.step();
    s.queued = st.columnInt(0);
    s.conflicts = st.columnInt(1);
    s.openVotes = st.columnInt(2);
    return s;
  });
}

}  // namespace kiosk::store
