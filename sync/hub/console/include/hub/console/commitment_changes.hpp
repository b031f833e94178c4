// What changed in a commitment from one published list version to the next, field by field, for
// its page's history (动态管理: commitments are revised and re-published). Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "wire/commitment_list.hpp"

namespace hub::console {

struct FieldChange {
  std::string field;  // the string table's key: "commitment", "text", "holder", "kind", "post", "unit", "term", "valid"
  std::string before, after;
};

// Holder kind and term are given as their codes ("person", "annual"); the page puts them in words.
std::vector<FieldChange> commitmentChanges(const wire::Commitment& before, const wire::Commitment& after);

}  // namespace hub::console
