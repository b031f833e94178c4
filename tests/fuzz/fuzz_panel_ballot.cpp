// libFuzzer target: what a kiosk's panel mode reads from its hub (the ballot form) and what the hub
// reads from a kiosk (a ballot) — any text either refused with PanelBallotError or read into fields
// every check holds, and what is read encodes and reads back the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "wire/list_limits.hpp"
#include "wire/panel_ballot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto form = wire::parsePanelBallotForm(text);
    if (form.items.empty() || form.grades.size() < 3 || form.grades.size() > 4) std::abort();
    for (const auto& id : form.items)
      if (!wire::limits::isSafeId(id)) std::abort();
    for (const auto& g : form.grades)
      if (!wire::isPanelGradeName(g)) std::abort();
    const auto again = wire::parsePanelBallotForm(wire::encodePanelBallotForm(form));
    if (again.items != form.items || again.grades != form.grades || again.title != form.title) std::abort();
  } catch (const wire::PanelBallotError&) {
  }
  try {
    const auto ballot = wire::parsePanelBallot(text);
    for (const auto& [id, grade] : ballot.grades)
      if (!wire::limits::isSafeId(id) || (!wire::isPanelGradeName(grade) && grade != wire::kPanelSkip)) std::abort();
  } catch (const wire::PanelBallotError&) {
  }
  return 0;
}
