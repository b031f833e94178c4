// The alerts' memory in console.db: the last state seen per subject (a case, a kiosk), so each
// change is told once, and the outbox of messages to webhooks, so none is lost when a receiver is
// down or the hub restarts. A state change and its messages are written in one transaction.
// Thread-safe: one connection behind a mutex.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "hub/core/alerts.hpp"

namespace hub {

struct OutboxMessage {
  std::int64_t id = 0;
  AlertKind kind = AlertKind::CaseOpened;
  std::string subject;
  std::string url;   // the webhook as configured when the message was queued
  std::string body;  // in that webhook's format
  std::int64_t createdUnix = 0;
  std::int64_t attempts = 0;
};

class AlertStore {
 public:
  explicit AlertStore(const std::filesystem::path& consoleDatabase);
  explicit AlertStore(common::sql::Database db);  // SQLite or PostgreSQL, already open

  // Every subject's remembered state ("case:12" -> "open").
  std::map<std::string, std::string> states();
  // Remembers `state` for `subject` and queues each alert for every webhook that wants its hall,
  // all at once: after a crash either the change and its messages are there, or neither is.
  // Returns the number of messages queued.
  std::int64_t record(const std::string& subject, const std::string& state, const std::vector<Alert>& alerts,
                      const std::vector<WebhookTarget>& webhooks, std::int64_t nowUnix);

  // Messages due at `nowUnix`, oldest first (at most `limit`).
  std::vector<OutboxMessage> due(std::int64_t nowUnix, std::int64_t limit);
  // When the next pending message is due; nullopt when none is pending.
  std::optional<std::int64_t> nextDue();
  void delivered(std::int64_t id, std::int64_t nowUnix);
  void failed(std::int64_t id, const std::string& error, std::int64_t retryAtUnix);
  void gaveUp(std::int64_t id, const std::string& error, std::int64_t nowUnix);
  // How many messages are delivered / pending / given up (the kiosks page and tests).
  struct Counts {
    std::int64_t delivered = 0, pending = 0, gaveUp = 0;
  };
  Counts counts();

 private:
  std::mutex mutex_;
  common::sql::Database db_;
};

}  // namespace hub
