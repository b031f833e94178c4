#include "hub/core/commitment_changes.hpp"

#include <map>

namespace hub {

std::vector<FieldChange> commitmentChanges(const wire::Commitment& before, const wire::Commitment& after) {
  std::vector<FieldChange> out;
  const auto compare = [&](const char* field, const std::string& a, const std::string& b) {
    if (a != b) out.push_back({field, a, b});
  };
  compare("commitment", before.title, after.title);
  compare("text", before.text, after.text);
  compare("holder", before.holder.name, after.holder.name);
  compare("kind", std::string(wire::nameOf(before.holder.kind)), std::string(wire::nameOf(after.holder.kind)));
  compare("post", before.holder.post, after.holder.post);
  compare("unit", before.holder.unit, after.holder.unit);
  compare("term", std::string(wire::nameOf(before.term)), std::string(wire::nameOf(after.term)));
  compare("valid", before.valid_from + " — " + before.valid_to, after.valid_from + " — " + after.valid_to);
  // 群众意见: citing a suggestion is a change the signer should see before signing.
  const auto cited = [](const wire::Commitment& c) {
    std::string text;
    for (const auto& a : c.answers) text += (text.empty() ? "" : "；") + std::to_string(a.number) + " " + a.text;
    return text;
  };
  compare("answers", cited(before), cited(after));
  return out;
}

ListDiff listDiff(const wire::CommitmentList& before, const wire::CommitmentList& after) {
  ListDiff diff;
  std::map<std::string_view, const wire::Commitment*> old;
  for (const auto& c : before.commitments) old[c.id] = &c;
  for (const auto& c : after.commitments) {
    const auto it = old.find(c.id);
    if (it == old.end()) {
      diff.added.push_back(&c);
      continue;
    }
    if (auto changes = commitmentChanges(*it->second, c); !changes.empty())
      diff.changed.push_back({&c, std::move(changes)});
    old.erase(it);
  }
  for (const auto& c : before.commitments)
    if (old.count(c.id)) diff.removed.push_back(&c);
  std::map<std::string_view, std::string_view> oldReasons;
  for (const auto& r : before.reasons) oldReasons[r.code] = r.label;
  for (const auto& r : after.reasons) {
    const auto it = oldReasons.find(r.code);
    if (it == oldReasons.end()) diff.reasons.push_back({r.code, "", r.label});
    else if (it->second != r.label) diff.reasons.push_back({r.code, std::string(it->second), r.label});
    if (it != oldReasons.end()) oldReasons.erase(it);
  }
  for (const auto& r : before.reasons)
    if (oldReasons.count(r.code)) diff.reasons.push_back({r.code, r.label, ""});
  return diff;
}

}  // namespace hub
