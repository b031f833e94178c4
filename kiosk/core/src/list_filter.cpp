#include "kiosk/core/list_filter.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {

namespace {

bool passes(const Facets& f, const std::optional<std::string>& term, const std::optional<std::string>& unit) {
  return (!term || f.term == *term) && (!unit || f.unit == *unit);
}

std::size_t countWhere(std::span<const Facets> items, const std::optional<std::string>& term,
                       const std::optional<std::string>& unit) {
  return static_cast<std::size_t>(
      std::count_if(items.begin(), items.end(), [&](const Facets& f) { return passes(f, term, unit); }));
}

}  // namespace

std::vector<std::size_t> applyFilter(std::span<const Facets> items, const ListFilter& filter) {
  std::vector<std::size_t> shown;
  shown.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    if (passes(items[i], filter.term, filter.unit)) shown.push_back(i);
  return shown;
}

std::vector<Chip> filterStrip(std::span<const Facets> items, const ListFilter& filter,
                              std::span<const std::string_view> termOrder) {
  std::vector<Chip> strip{{Chip::Row::All, "", items.size(), !filter.any()}};
  for (const std::string_view termName : termOrder) {
    const std::string term(termName);
    if (countWhere(items, term, std::nullopt) == 0) continue;
    strip.push_back({Chip::Row::Term, term, countWhere(items, term, filter.unit), filter.term == term});
  }
  std::vector<std::string_view> seen;
  for (const Facets& f : items) {
    if (f.unit.empty() || std::find(seen.begin(), seen.end(), f.unit) != seen.end()) continue;
    seen.push_back(f.unit);
    strip.push_back({Chip::Row::Unit, f.unit, countWhere(items, filter.term, f.unit), filter.unit == f.unit});
  }
  return strip;
}

ListFilter choose(const ListFilter& current, const Chip& chip) {
  ListFilter next = current;
  switch (chip.row) {
    case Chip::Row::All: return {};
    case Chip::Row::Term: next.term = current.term == chip.value ? std::nullopt : std::optional(chip.value); break;
    case Chip::Row::Unit: next.unit = current.unit == chip.value ? std::nullopt : std::optional(chip.value); break;
  }
  return next;
}

ShownRange shownRange(const GridMetrics& grid, float scroll, float viewHeight, std::size_t count) {
  if (count == 0 || grid.rowPitch() <= 0) return {};
  const std::size_t columns = std::max<std::size_t>(1, grid.columns);
  const std::size_t rows = (count + columns - 1) / columns;
  // Row r spans [gap + r*pitch, gap + r*pitch + cardHeight) in content coordinates; it counts as
  // shown when its middle is inside [scroll, scroll + viewHeight).
  const auto rowAt = [&](float y) { return static_cast<std::size_t>(std::max(0.0f, std::floor(y / grid.rowPitch()))); };
  const std::size_t top = std::min(rows - 1, rowAt(scroll - grid.gap + grid.cardHeight / 2));
  const float bottomEdge = scroll + viewHeight - grid.gap - grid.cardHeight / 2;
  const std::size_t bottom = bottomEdge < 0 ? top : std::max(top, std::min(rows - 1, rowAt(bottomEdge)));
  return {std::min(count, top * columns + 1), std::min(count, (bottom + 1) * columns)};
}

}  // namespace kiosk
