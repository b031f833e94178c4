#include "hub/store/command_store.hpp"

#include <map>
#include <optional>

namespace hub::command_store {

namespace sql = common::sql;

std::string add(sql::Database& db, const std::string& kioskId, wire::CommandKind kind, std::int64_t nowUnix,
                std::int64_t expiresUnix, const std::string& createdBy) {
  sql::Transaction tx(db);
  sql::Statement st(db, R"sql(INSERT INTO kiosk_command(kiosk_id, kind, created_unix, expires_unix, created_by)
                              VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id)sql");
  st.bind(1, kioskId).bind(2, std::string(wire::nameOf(kind))).bind(3, nowUnix).bind(4, expiresUnix).bind(5, createdBy);
  if (!st.step()) throw std::runtime_error("the command was not stored");
  const std::string id = "cmd-" + std::to_string(st.columnInt(0));
  st.reset();
  tx.commit();
  return id;
}

std::vector<wire::KioskCommand> deliver(sql::Database& db, const std::string& kioskId, std::int64_t nowUnix) {
  std::vector<wire::KioskCommand> out;
  std::vector<std::int64_t> ids;
  {
    sql::Statement st(db, R"sql(SELECT id, kind, expires_unix FROM kiosk_command
                                WHERE kiosk_id = ?1 AND done_unix IS NULL AND expires_unix > ?2
                                ORDER BY id LIMIT ?3)sql");
    st.bind(1, kioskId).bind(2, nowUnix).bind(3, static_cast<std::int64_t>(wire::kMaxCommandsPerAnswer));
    while (st.step()) {
      const auto kind = wire::commandKindFromString(st.columnText(1));
      if (!kind) continue;
      ids.push_back(st.columnInt(0));
      out.push_back({"cmd-" + std::to_string(st.columnInt(0)), *kind, st.columnInt(2)});
    }
  }
  if (ids.empty()) return out;
  sql::Transaction tx(db);
  sql::Statement mark(db, "UPDATE kiosk_command SET delivered_unix = ?1 WHERE id = ?2 AND delivered_unix IS NULL");
  for (const auto id : ids) {
    mark.bind(1, nowUnix).bind(2, id);
    mark.run();
    mark.reset();
  }
  tx.commit();
  return out;
}

namespace {

// "cmd-17" → 17; nothing for ids the hub did not make.
std::optional<std::int64_t> rowOf(const std::string& id) {
  if (id.rfind("cmd-", 0) != 0) return std::nullopt;
  const std::string digits = id.substr(4);
  if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(digits);
}

}  // namespace

bool awaitsScreenshot(sql::Database& db, const std::string& kioskId, const std::string& commandId,
                      std::int64_t nowUnix) {
  const auto row = rowOf(commandId);
  if (!row) return false;
  sql::Statement st(db, R"sql(SELECT 1 FROM kiosk_command WHERE id = ?1 AND kiosk_id = ?2 AND kind = ?3
                                AND done_unix IS NULL AND expires_unix + 60 > ?4)sql");
  st.bind(1, *row).bind(2, kioskId).bind(3, std::string(wire::nameOf(wire::CommandKind::Screenshot))).bind(4, nowUnix);
  return st.step();
}

void acknowledge(sql::Database& db, const std::string& kioskId, const wire::CommandAck& ack, std::int64_t nowUnix) {
  const auto row = rowOf(ack.id);
  if (!row) return;
  sql::Transaction tx(db);
  sql::Statement st(db, R"sql(UPDATE kiosk_command SET done_unix = ?1, outcome = ?2
                              WHERE id = ?3 AND kiosk_id = ?4 AND done_unix IS NULL)sql");
  st.bind(1, nowUnix).bind(2, ack.outcome.substr(0, 200)).bind(3, *row).bind(4, kioskId);
  st.run();
  tx.commit();
}

std::vector<StoredCommand> recent(sql::Database& db, std::size_t perKiosk) {
  sql::Statement st(db, R"sql(SELECT id, kind, expires_unix, kiosk_id, created_unix, created_by,
                                     COALESCE(delivered_unix, 0), COALESCE(done_unix, 0), COALESCE(outcome, '')
                              FROM kiosk_command ORDER BY id DESC LIMIT 2000)sql");
  std::map<std::string, std::size_t> seen;
  std::vector<StoredCommand> out;
  while (st.step()) {
    const std::string kioskId = st.columnText(3);
    if (seen[kioskId]++ >= perKiosk) continue;
    const auto kind = wire::commandKindFromString(st.columnText(1));
    if (!kind) continue;
    out.push_back({{"cmd-" + std::to_string(st.columnInt(0)), *kind, st.columnInt(2)},
                   kioskId,
                   st.columnInt(4),
                   st.columnText(5),
                   st.columnInt(6),
                   st.columnInt(7),
                   st.columnText(8)});
  }
  return out;
}

}  // namespace hub::command_store
