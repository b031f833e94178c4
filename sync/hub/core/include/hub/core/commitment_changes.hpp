// What changed in a commitment from one published list version to the next, field by field, for
// its page's history (动态管理: commitments are revised and re-published), and between two whole
// versions of a list, reasons included (the administrators' 清单 page and a draft's preview). Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "wire/commitment_list.hpp"

namespace hub {

struct FieldChange {
  std::string field;  // the string table's key: "commitment", "text", "holder", "kind", "post", "unit", "term", "valid"
  std::string before, after;
};

// Holder kind and term are given as their codes ("person", "annual"); the page puts them in words.
std::vector<FieldChange> commitmentChanges(const wire::Commitment& before, const wire::Commitment& after);

// Two versions of a hall's list side by side: commitments added, removed, and changed (by id),
// each change field by field. Pointers into the two lists, in the newer list's order.
struct ListDiff {
  std::vector<const wire::Commitment*> added, removed;
  struct Changed {
    const wire::Commitment* commitment;  // as in the newer list
    std::vector<FieldChange> changes;
  };
  std::vector<Changed> changed;
  // The 差评原因 by code: added (before ""), removed (after "") or relabelled, in the newer order
  // and then the removed ones.
  struct Reason {
    std::string code, before, after;
  };
  std::vector<Reason> reasons;
  bool empty() const { return added.empty() && removed.empty() && changed.empty() && reasons.empty(); }
};
ListDiff listDiff(const wire::CommitmentList& before, const wire::CommitmentList& after);

}  // namespace hub
