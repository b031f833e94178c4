#include "hub/core/commitment_wording.hpp"

#include <algorithm>
#include <tuple>

namespace hub {

namespace {

auto wordingKey(const wire::Commitment& c) {
  return std::tie(c.title, c.holder.name, c.holder.post, c.holder.unit, c.holder.kind, c.term);
}

const wire::Commitment* named(const ListHistory& history, std::size_t i, std::string_view id) {
  return history[i] ? history[i]->find(id) : nullptr;
}

}  // namespace

bool sameWording(const wire::Commitment& a, const wire::Commitment& b) { return wordingKey(a) == wordingKey(b); }

const wire::Commitment* wordingAt(const ListHistory& history, std::string_view id, std::int64_t version) {
  // The list the kiosk showed: the last published with that version (a hall's own list and one
  // for every hall may share a number; the later one is what kiosks fetched after it), or, for a
  // version the hub never received, the last one before it.
  std::ptrdiff_t at = -1;
  for (std::size_t i = 0; i < history.size(); ++i)
    if (history[i] && (version == 0 || history[i]->version <= version)) at = static_cast<std::ptrdiff_t>(i);
  for (std::ptrdiff_t i = at; i >= 0; --i)
    if (const auto* c = named(history, static_cast<std::size_t>(i), id)) return c;
  for (std::size_t i = static_cast<std::size_t>(at + 1); i < history.size(); ++i)
    if (const auto* c = named(history, i, id)) return c;
  return nullptr;
}

std::vector<WordedRow> wordRows(const std::vector<TallyRow>& versioned, const HistoryByHall& history,
                                bool withUnrated) {
  static const ListHistory kNone;
  const auto historyOf = [&](const std::string& hall) -> const ListHistory& {
    const auto it = history.find(hall);
    return it == history.end() ? kNone : it->second;
  };
  std::map<std::pair<std::string, std::string>, std::vector<WordedRow>> rows;  // (hall, id), earliest first
  for (const auto& t : versioned) {
    const ListHistory& lists = historyOf(t.hall);
    const wire::Commitment* wording = wordingAt(lists, t.commitmentId, t.listVersion);
    auto& same = rows[{t.hall, t.commitmentId}];
    auto row = std::find_if(same.begin(), same.end(), [&](const WordedRow& r) {
      return r.wording == wording || (r.wording && wording && sameWording(*r.wording, *wording));
    });
    if (row == same.end()) {
      same.push_back({{t.hall, t.commitmentId}, wording, nullptr, {}, WordingStanding::Unknown, 0});
      row = std::prev(same.end());
    }
    row->counts.good += t.good;
    row->counts.fair += t.fair;
    row->counts.poor += t.poor;
    row->counts.filtered += t.filtered;
    row->counts.listVersion = std::max(row->counts.listVersion, t.listVersion);
    row->versions.push_back(t.listVersion);
  }
  if (withUnrated)
    for (const auto& [hall, lists] : history) {
      if (lists.empty() || !lists.back()) continue;
      for (const auto& c : lists.back()->commitments) {
        auto& same = rows[{hall, c.id}];
        const bool rated = std::any_of(same.begin(), same.end(),
                                       [&](const WordedRow& r) { return r.wording && sameWording(*r.wording, c); });
        if (!rated) same.push_back({{hall, c.id}, &c, nullptr, {}, WordingStanding::Unknown, 0});
      }
    }
  std::vector<WordedRow> out;
  for (auto& [key, same] : rows) {
    const ListHistory& lists = historyOf(key.first);
    const wire::Commitment* current = lists.empty() || !lists.back() ? nullptr : lists.back()->find(key.second);
    for (auto& row : same) {
      row.current = current;
      if (!row.wording) row.standing = WordingStanding::Unknown;
      else if (!current) row.standing = WordingStanding::Removed;
      else row.standing = sameWording(*row.wording, *current) ? WordingStanding::Current : WordingStanding::Earlier;
      if (row.standing == WordingStanding::Removed)
        for (std::size_t i = lists.size(); i-- > 0;)
          if (named(lists, i, key.second)) {
            if (i + 1 < lists.size() && lists[i + 1]) row.removedIn = lists[i + 1]->version;
            break;
          }
      out.push_back(std::move(row));
    }
  }
  return out;
}

namespace {

std::string filled(std::string text, std::string_view what, const std::string& with) {
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
    text.replace(at, what.size(), with);
  return text;
}

// "1", "1、2", "1–3": the recorded versions, runs folded.
std::string versionList(std::vector<std::int64_t> versions) {
  std::erase(versions, 0);
  std::sort(versions.begin(), versions.end());
  versions.erase(std::unique(versions.begin(), versions.end()), versions.end());
  std::string out;
  for (std::size_t i = 0; i < versions.size();) {
    std::size_t j = i;
    while (j + 1 < versions.size() && versions[j + 1] == versions[j] + 1) ++j;
    out += (out.empty() ? "" : "、") + std::to_string(versions[i]) +
           (j > i ? "–" + std::to_string(versions[j]) : std::string());
    i = j + 1;
  }
  return out;
}

}  // namespace

std::string wordingNote(const WordedRow& row, const WordingWords& words) {
  switch (row.standing) {
    case WordingStanding::Current: return "";
    case WordingStanding::Earlier: {
      std::string versions = versionList(row.versions);
      if (versions.empty()) versions = "?";
      return filled(filled(filled(words.earlier, "{versions}", versions), "{holder}", row.current->holder.name),
                    "{title}", row.current->title);
    }
    case WordingStanding::Removed:
      return row.removedIn > 0 ? filled(words.removed, "{version}", std::to_string(row.removedIn))
                               : words.removedUnknown;
    case WordingStanding::Unknown: return words.unknown;
  }
  return "";
}

}  // namespace hub
