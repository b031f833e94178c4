#include "hub/console/commitment_changes.hpp"

namespace hub::console {

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
  return out;
}

}  // namespace hub::console
