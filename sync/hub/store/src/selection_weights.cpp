#include "hub/store/selection_weights.hpp"

#include <stdexcept>

#include "hub/store/console_schema.hpp"

namespace hub {

namespace sql = common::sql;

SelectionWeightsStore::SelectionWeightsStore(const std::filesystem::path& consoleDatabase)
    : SelectionWeightsStore(sql::Database(consoleDatabase)) {}

SelectionWeightsStore::SelectionWeightsStore(sql::Database db) : db_(std::move(db)) { openConsoleDatabase(db_); }

HallWeights SelectionWeightsStore::forHall(const std::string& hall) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, R"sql(SELECT public_pct, panel_pct, peer_pct, min_votes, set_by, set_unix
                               FROM selection_weights WHERE hall = ?1)sql");
  st.bind(1, hall);
  HallWeights out;
  if (!st.step()) return out;
  out.weights = {st.columnInt(0), st.columnInt(1), st.columnInt(2), st.columnInt(3)};
  out.setBy = st.columnText(4);
  out.setUnix = st.columnInt(5);
  return out;
}

void SelectionWeightsStore::set(const std::string& hall, const selection::Weights& w, const std::string& login,
                                std::int64_t nowUnix) {
  if (!w.valid()) throw std::invalid_argument("weights must each be 0-100 and sum to 100; minimum votes 1-1000000");
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement st(db_, R"sql(INSERT INTO selection_weights(hall, public_pct, panel_pct, peer_pct, min_votes, set_by,
                                                             set_unix) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                               ON CONFLICT (hall) DO UPDATE SET public_pct = ?2, panel_pct = ?3, peer_pct = ?4,
                                 min_votes = ?5, set_by = ?6, set_unix = ?7)sql");
  st.bind(1, hall).bind(2, w.publicPct).bind(3, w.panelPct).bind(4, w.peerPct).bind(5, w.minVotes);
  st.bind(6, login).bind(7, nowUnix);
  st.run();
  tx.commit();
}

}  // namespace hub
