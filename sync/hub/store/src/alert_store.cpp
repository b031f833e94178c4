#include "hub/store/alert_store.hpp"

#include "hub/store/console_schema.hpp"

namespace hub {

namespace sql = common::sql;

AlertStore::AlertStore(const std::filesystem::path& consoleDatabase) : AlertStore(sql::Database(consoleDatabase)) {}

AlertStore::AlertStore(sql::Database db) : db_(std::move(db)) { openConsoleDatabase(db_); }

std::map<std::string, std::string> AlertStore::states() {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_, "SELECT subject, state FROM alert_subject");
  std::map<std::string, std::string> out;
  while (st.step()) out.emplace(st.columnText(0), st.columnText(1));
  return out;
}

std::int64_t AlertStore::record(const std::string& subject, const std::string& state, const std::vector<Alert>& alerts,
                                const std::vector<WebhookTarget>& webhooks, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(db_);
  sql::Statement(db_,
                 "INSERT INTO alert_subject(subject, state, updated_unix) VALUES (?1, ?2, ?3) "
                 "ON CONFLICT(subject) DO UPDATE SET state = excluded.state, updated_unix = excluded.updated_unix")
      .bind(1, subject)
      .bind(2, state)
      .bind(3, nowUnix)
      .run();
  std::int64_t queued = 0;
  sql::Statement insert(db_,
                        "INSERT INTO alert_outbox(kind, hall, subject, url, body, created_unix, next_unix) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
  for (const Alert& alert : alerts) {
    for (const WebhookTarget& hook : webhooks) {
      if (!hook.wants(alert.hall)) continue;
      insert.reset();
      insert.bind(1, nameOf(alert.kind))
          .bind(2, alert.hall)
          .bind(3, alert.subject)
          .bind(4, hook.url)
          .bind(5, webhookBody(alert, hook.format))
          .bind(6, nowUnix)
          .run();
      ++queued;
    }
  }
  tx.commit();
  return queued;
}

std::vector<OutboxMessage> AlertStore::due(std::int64_t nowUnix, std::int64_t limit) {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_,
                    "SELECT id, kind, subject, url, body, created_unix, attempts FROM alert_outbox "
                    "WHERE delivered_unix IS NULL AND gave_up_unix IS NULL AND next_unix <= ?1 ORDER BY id LIMIT ?2");
  st.bind(1, nowUnix).bind(2, limit);
  std::vector<OutboxMessage> out;
  static constexpr AlertKind kKinds[] = {AlertKind::CaseOpened, AlertKind::CaseOverdue, AlertKind::KioskSilent,
                                         AlertKind::KioskBack};
  while (st.step()) {
    OutboxMessage m{st.columnInt(0),  AlertKind::CaseOpened, st.columnText(2), st.columnText(3),
                    st.columnText(4), st.columnInt(5),       st.columnInt(6)};
    for (AlertKind k : kKinds)
      if (nameOf(k) == st.columnText(1)) m.kind = k;
    out.push_back(std::move(m));
  }
  return out;
}

std::optional<std::int64_t> AlertStore::nextDue() {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_,
                    "SELECT min(next_unix) FROM alert_outbox WHERE delivered_unix IS NULL AND gave_up_unix IS NULL");
  if (!st.step() || st.columnIsNull(0)) return std::nullopt;
  return st.columnInt(0);
}

void AlertStore::delivered(std::int64_t id, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Statement(db_, "UPDATE alert_outbox SET delivered_unix = ?2, attempts = attempts + 1 WHERE id = ?1")
      .bind(1, id)
      .bind(2, nowUnix)
      .run();
}

void AlertStore::failed(std::int64_t id, const std::string& error, std::int64_t retryAtUnix) {
  std::lock_guard lock(mutex_);
  sql::Statement(db_, "UPDATE alert_outbox SET attempts = attempts + 1, last_error = ?2, next_unix = ?3 WHERE id = ?1")
      .bind(1, id)
      .bind(2, error)
      .bind(3, retryAtUnix)
      .run();
}

void AlertStore::gaveUp(std::int64_t id, const std::string& error, std::int64_t nowUnix) {
  std::lock_guard lock(mutex_);
  sql::Statement(db_,
                 "UPDATE alert_outbox SET attempts = attempts + 1, last_error = ?2, gave_up_unix = ?3 WHERE id = ?1")
      .bind(1, id)
      .bind(2, error)
      .bind(3, nowUnix)
      .run();
}

AlertStore::Counts AlertStore::counts() {
  std::lock_guard lock(mutex_);
  sql::Statement st(db_,
                    "SELECT count(delivered_unix), count(gave_up_unix), "
                    "sum(delivered_unix IS NULL AND gave_up_unix IS NULL) FROM alert_outbox");
  Counts c;
  if (st.step()) {
    c.delivered = st.columnInt(0);
    c.gaveUp = st.columnInt(1);
    c.pending = st.columnIsNull(2) ? 0 : st.columnInt(2);
  }
  return c;
}

}  // namespace hub
