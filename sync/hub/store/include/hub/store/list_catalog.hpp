// Parsed commitment lists by hall, for labelling rows with holder, unit, kind and term. Published
// lists never change, so each is parsed once and kept (keyed by its ETag). Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "wire/commitment_list.hpp"

namespace hub {

class ListCatalog {
 public:
  explicit ListCatalog(std::string deployment) : deployment_(std::move(deployment)) {}
  // The hall's current list, or nullptr when none was published (or it no longer parses).
  std::shared_ptr<const wire::CommitmentList> current(common::sql::Database& db, const std::string& hall);
  // Every version published for the hall (or for every hall), oldest first, with when.
  struct Version {
    std::shared_ptr<const wire::CommitmentList> list;
    std::int64_t receivedUnix = 0;
    std::string publishedBy;
  };
  std::vector<Version> history(common::sql::Database& db, const std::string& hall);

 private:
  std::shared_ptr<const wire::CommitmentList> parsed(const std::string& etag, const std::string& envelope);
  std::string deployment_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const wire::CommitmentList>> byEtag_;
};

}  // namespace hub
