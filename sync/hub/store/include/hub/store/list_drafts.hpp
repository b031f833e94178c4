// Commitment lists on their way to publication: built from an administrator's spreadsheet, kept in
// console.db while they are previewed and signed offline, marked when the signed envelope is
// published. The unsigned payload is kept byte for byte: what is signed must be what was previewed.
// Thread-safe: one connection behind a mutex (pages run on several reader threads).
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include "common/sqlite.hpp"

namespace hub {

struct ListDraft {
  std::int64_t id = 0;
  std::string hall;
  std::int64_t version = 0;
  std::string payload;  // commitment-list/1 JSON, exactly as downloaded for signing
  std::string source;   // the uploaded file's name
  std::string login;
  std::int64_t createdUnix = 0;
  std::int64_t publishedUnix = 0;  // 0 while not published
};

class ListDraftStore {
 public:
  explicit ListDraftStore(const std::filesystem::path& consoleDatabase);
  explicit ListDraftStore(common::sql::Database db);  // SQLite or PostgreSQL, already open
  ListDraft add(const std::string& hall, std::int64_t version, const std::string& payload, const std::string& source,
                const std::string& login, std::int64_t nowUnix);
  std::optional<ListDraft> get(std::int64_t id);
  void markPublished(std::int64_t id, std::int64_t nowUnix);
  // Drafts uploaded since `sinceUnix` and not published yet: an administrator's to-do.
  std::int64_t unpublishedSince(std::int64_t sinceUnix);

 private:
  std::mutex mutex_;
  common::sql::Database db_;
};

}  // namespace hub
