// Names a commitment's counts over a period as residents saw it when they rated it. Every vote
// carries the list version its kiosk showed; that version's list gives the wording (title and
// holder: name, post, unit, kind, and term). Versions with the same wording are summed into one
// row; a changed wording keeps its own row and counts, and a commitment removed from the list keeps
// the wording it had. Units and ranks follow the row's wording. Pure values and functions over
// parsed lists; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hub/core/tally_row.hpp"
#include "wire/commitment_list.hpp"

namespace hub {

// A hall's published lists (its own and those for every hall), in the order they were published.
using ListHistory = std::vector<std::shared_ptr<const wire::CommitmentList>>;
using HistoryByHall = std::map<std::string, ListHistory>;

enum class WordingStanding {
  Current,  // worded as the current list words it
  Earlier,  // an earlier wording of a commitment the current list still names
  Removed,  // the commitment is not in the current list
  Unknown,  // no published list names it
};

struct WordedRow {
  TallyRow counts;                            // summed over the row's versions; listVersion = the newest of them
  const wire::Commitment* wording = nullptr;  // as residents saw it (points into the history)
  const wire::Commitment* current = nullptr;  // the current list's entry, when it has one
  std::vector<std::int64_t> versions;         // list versions whose votes are in the row (0: not recorded)
  WordingStanding standing = WordingStanding::Unknown;
  std::int64_t removedIn = 0;  // Removed: the first version published without it (0 if unknown)
};

// The entry residents saw for votes given under `version`: that version's list if it names `id`,
// else the nearest earlier list that does, else the nearest later one; version 0 (from before
// versions were recorded) takes the newest list naming it. nullptr when no list names it.
const wire::Commitment* wordingAt(const ListHistory& history, std::string_view id, std::int64_t version);

// Whether residents read the two entries the same way (title, holder, term; not the longer text).
bool sameWording(const wire::Commitment& a, const wire::Commitment& b);

// Rows grouped by TallyGroup::CommitmentVersion (in hall, id, version order) → one row per hall,
// commitment and wording, in hall and id order, earlier wordings first. With `withUnrated`, each
// hall's current commitments without votes in `versioned` are added with zero counts.
std::vector<WordedRow> wordRows(const std::vector<TallyRow>& versioned, const HistoryByHall& history, bool withUnrated);

// The words of a row's note, with {versions}, {title}, {holder} and {version} to fill in. The
// defaults are the API's and exports' Chinese; the console passes its language's.
struct WordingWords {
  std::string earlier = "第{versions}版清单时的名称（现为：{holder}　{title}）";
  std::string removed = "已于第{version}版移出清单";
  std::string removedUnknown = "已移出清单";
  std::string unknown = "已发布的清单中没有此承诺";
};
// The row's note: "" for the current wording, else which wording it is and what it is now.
std::string wordingNote(const WordedRow& row, const WordingWords& words = {});

}  // namespace hub
