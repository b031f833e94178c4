#include "hub/store/panel_store.hpp"

#include <algorithm>
#include <stdexcept>

#include "hub/store/console_schema.hpp"
#include "wire/crypto.hpp"

namespace hub {

namespace sql = common::sql;

namespace {

constexpr std::string_view kColumns =
    "id, hall, title, scale, threshold_permille, created_by, created_unix, closed_unix, kind, unit";

// Commitment ids never hold a comma (wire/list_limits.hpp's safe ids).
std::string joinIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

std::vector<std::string> splitIds(const std::string& column) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < column.size()) {
    const std::size_t end = std::min(column.find(',', start), column.size());
    out.push_back(column.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string codeHash(const std::string& code) { return wire::sha256Hex("panel-code/" + code); }

PanelInfo panelOf(sql::Statement& st) {
  PanelInfo p;
  p.id = st.columnInt(0);
  p.hall = st.columnText(1);
  p.title = st.columnText(2);
  p.scale = st.columnText(3) == "three" ? panel::Scale::Three : panel::Scale::Four;
  p.thresholdPermille = st.columnInt(4);
  p.createdBy = st.columnText(5);
  p.createdUnix = st.columnInt(6);
  p.closedUnix = st.columnInt(7);
  p.kind = st.columnText(8) == "peer" ? panel::Kind::Peer : panel::Kind::Panel;
  p.unit = st.columnText(9);
  return p;
}

void readItems(sql::Database& db, PanelInfo& p) {
  sql::Statement st(db, "SELECT commitment_id FROM panel_item WHERE panel_id = ?1 ORDER BY position");
  st.bind(1, p.id);
  while (st.step()) p.items.push_back(st.columnText(0));
}

}  // namespace

std::vector<std::string> PanelStore::CodeSeat::ballotItems() const {
  std::vector<std::string> out;
  for (const auto& id : panel.items)
    if (std::find(ownItems.begin(), ownItems.end(), id) == ownItems.end()) out.push_back(id);
  return out;
}

PanelStore::PanelStore(const std::filesystem::path& consoleDatabase) : PanelStore(sql::Database(consoleDatabase)) {}

PanelStore::PanelStore(sql::Database db) : db_(std::move(db)) { openConsoleDatabase(db_); }

std::int64_t PanelStore::create(const PanelInfo& p, const std::vector<PanelSeat>& seats,
                                const std::vector<std::string>& codes) {
  if (codes.size() != seats.size()) throw std::invalid_argument("one code per seat");
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement add(db_, R"sql(INSERT INTO panel(hall, title, scale, threshold_permille, created_by, created_unix,
                                                  closed_unix, kind, unit)
                                VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8) RETURNING id)sql");
  add.bind(1, p.hall).bind(2, p.title).bind(3, std::string(p.scale == panel::Scale::Three ? "three" : "four"));
  add.bind(4, p.thresholdPermille).bind(5, p.createdBy).bind(6, p.createdUnix);
  add.bind(7, std::string(p.kind == panel::Kind::Peer ? "peer" : "panel")).bind(8, p.unit);
  if (!add.step()) throw sql::Error(0, "a panel was not stored");
  const std::int64_t id = add.columnInt(0);
  add.reset();
  sql::Statement item(db_, "INSERT INTO panel_item(panel_id, commitment_id, position) VALUES (?1, ?2, ?3)");
  for (std::size_t i = 0; i < p.items.size(); ++i) {
    item.bind(1, id).bind(2, p.items[i]).bind(3, static_cast<std::int64_t>(i));
    item.run();
    item.reset();
  }
  sql::Statement seat(db_, R"sql(INSERT INTO panel_seat(panel_id, seat, category, name, code_hash, used_unix, own_items)
                                 VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6))sql");
  for (std::size_t i = 0; i < seats.size(); ++i) {
    seat.bind(1, id).bind(2, static_cast<std::int64_t>(i + 1)).bind(3, seats[i].category).bind(4, seats[i].name);
    seat.bind(5, codeHash(codes[i])).bind(6, joinIds(seats[i].ownItems));
    seat.run();
    seat.reset();
  }
  tx.commit();
  return id;
}

std::optional<PanelInfo> PanelStore::panel(std::int64_t id) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT " + std::string(kColumns) + " FROM panel WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  PanelInfo p = panelOf(st);
  st.reset();
  readItems(db_, p);
  return p;
}

std::vector<PanelInfo> PanelStore::list(const std::optional<std::vector<std::string>>& halls) {
  std::lock_guard lock(mutex_);
  std::vector<PanelInfo> out;
  {
    sql::Statement st(db_, "SELECT " + std::string(kColumns) + " FROM panel ORDER BY id DESC");
    while (st.step()) {
      PanelInfo p = panelOf(st);
      if (!halls || std::find(halls->begin(), halls->end(), p.hall) != halls->end()) out.push_back(std::move(p));
    }
  }
  for (auto& p : out) readItems(db_, p);
  return out;
}

std::vector<PanelSeat> PanelStore::seats(std::int64_t id) {
  std::lock_guard lock(mutex_);
  sql::Statement st(
      db_, "SELECT seat, category, name, used_unix, own_items FROM panel_seat WHERE panel_id = ?1 ORDER BY seat");
  st.bind(1, id);
  std::vector<PanelSeat> out;
  while (st.step())
    out.push_back({st.columnInt(0), st.columnText(1), st.columnText(2), st.columnInt(3), splitIds(st.columnText(4))});
  return out;
}

std::optional<PanelStore::CodeSeat> PanelStore::findCode(const std::string& code) {
  std::int64_t id = 0;
  CodeSeat out;
  {
    std::lock_guard lock(mutex_);
    sql::Statement st(db_, "SELECT panel_id, category, used_unix, own_items FROM panel_seat WHERE code_hash = ?1");
    st.bind(1, codeHash(code));
    if (!st.step()) return std::nullopt;
    id = st.columnInt(0);
    out.category = st.columnText(1);
    out.used = st.columnInt(2) != 0;
    out.ownItems = splitIds(st.columnText(3));
  }
  auto p = panel(id);
  if (!p) return std::nullopt;
  out.panel = std::move(*p);
  return out;
}

BallotOutcome PanelStore::cast(const std::string& code,
                               const std::map<std::string, std::optional<panel::Grade>>& grades, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  std::int64_t id = 0;
  std::string category;
  {
    sql::Statement st(db_, R"sql(SELECT s.panel_id, s.category, p.closed_unix, s.own_items FROM panel_seat s
                                 JOIN panel p ON p.id = s.panel_id WHERE s.code_hash = ?1)sql");
    st.bind(1, codeHash(code));
    if (!st.step()) return BallotOutcome::UnknownCode;
    id = st.columnInt(0);
    category = st.columnText(1);
    if (st.columnInt(2) != 0) return BallotOutcome::Closed;
    // 互评: nobody rates their own commitments — not even as skipped.
    for (const auto& own : splitIds(st.columnText(3)))
      if (grades.count(own)) return BallotOutcome::OwnCommitment;
  }
  // The code is spent by the same statement that checks it is unspent: a second ballot racing
  // this one finds no row to change and counts nothing.
  sql::Statement spend(db_, "UPDATE panel_seat SET used_unix = ?2 WHERE code_hash = ?1 AND used_unix = 0");
  spend.bind(1, codeHash(code)).bind(2, nowUnix);
  spend.run();
  if (db_.changes() != 1) return BallotOutcome::AlreadyUsed;
  sql::Statement count(db_, R"sql(INSERT INTO panel_count(panel_id, commitment_id, category, grade, n)
                                  VALUES (?1, ?2, ?3, ?4, 1)
                                  ON CONFLICT (panel_id, commitment_id, category, grade) DO UPDATE SET n = panel_count.n + 1)sql");
  for (const auto& [commitment, grade] : grades) {
    count.bind(1, id).bind(2, commitment).bind(3, category);
    count.bind(4, grade ? std::string(panel::nameOf(*grade)) : std::string("skipped"));
    count.run();
    count.reset();
  }
  tx.commit();
  return BallotOutcome::Counted;
}

panel::PanelTally PanelStore::tally(std::int64_t id) {
  std::lock_guard lock(mutex_);
  panel::PanelTally out;
  {
    sql::Statement st(db_, "SELECT commitment_id, category, grade, n FROM panel_count WHERE panel_id = ?1");
    st.bind(1, id);
    while (st.step()) {
      auto& c = out.counts[{st.columnText(0), st.columnText(1)}];
      const std::string grade = st.columnText(2);
      if (const auto g = panel::gradeFromName(grade)) c.byGrade[static_cast<std::size_t>(*g)] += st.columnInt(3);
      else c.skipped += st.columnInt(3);
    }
  }
  sql::Statement used(
      db_, "SELECT category, COUNT(*) FROM panel_seat WHERE panel_id = ?1 AND used_unix <> 0 GROUP BY category");
  used.bind(1, id);
  while (used.step()) out.ballotsByCategory[used.columnText(0)] = used.columnInt(1);
  return out;
}

std::map<std::string, std::int64_t> PanelStore::issuedByCategory(std::int64_t id) {
  std::lock_guard lock(mutex_);
  std::map<std::string, std::int64_t> out;
  sql::Statement st(db_, "SELECT category, COUNT(*) FROM panel_seat WHERE panel_id = ?1 GROUP BY category");
  st.bind(1, id);
  while (st.step()) out[st.columnText(0)] = st.columnInt(1);
  return out;
}

void PanelStore::close(std::int64_t id, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement st(db_, "UPDATE panel SET closed_unix = ?2 WHERE id = ?1 AND closed_unix = 0");
  st.bind(1, id).bind(2, nowUnix);
  st.run();
  tx.commit();
}

}  // namespace hub
