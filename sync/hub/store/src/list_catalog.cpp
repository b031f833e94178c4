#include "hub/store/list_catalog.hpp"

#include "hub/store/tally_queries.hpp"
#include "wire/signed_list.hpp"

namespace hub {

std::shared_ptr<const wire::CommitmentList> ListCatalog::parsed(const std::string& etag, const std::string& envelope) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = byEtag_.find(etag); it != byEtag_.end()) return it->second;
  }
  std::shared_ptr<const wire::CommitmentList> list;
  try {
    list = std::make_shared<const wire::CommitmentList>(
        wire::parseCommitmentList(wire::parseSignedEnvelope(envelope).payload));
  } catch (const std::exception&) {
    // Verified when published; if it no longer parses (a newer format), rows go unlabelled.
  }
  std::lock_guard lock(mutex_);
  byEtag_.emplace(etag, list);
  return list;
}

std::shared_ptr<const wire::CommitmentList> ListCatalog::current(common::sql::Database& db, const std::string& hall) {
  const auto stored = queries::currentList(db, deployment_, hall);
  return stored ? parsed(stored->etag, stored->envelope) : nullptr;
}

std::vector<ListCatalog::Version> ListCatalog::history(common::sql::Database& db, const std::string& hall) {
  std::vector<Version> out;
  for (const auto& v : queries::listVersions(db, deployment_, hall)) {
    const std::string etag = "\"" + deployment_ + "/" + v.hall + "/" + std::to_string(v.version) + "\"";
    if (auto list = parsed(etag, v.envelope)) out.push_back({list, v.receivedUnix, v.publishedBy});
  }
  return out;
}

}  // namespace hub
