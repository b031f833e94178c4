// Which commitments the list screen shows: filter chips by term and by unit with the count each
// chip would show, and the "first–last / total" range a scrolled grid has on screen.
// Pure functions over plain values; no state, any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// What a commitment can be filtered by, in list order.
struct Facets {
  std::string term;  // "long_term", "annual", "immediate"
  std::string unit;  // the holder's unit; "" when the list names none
};

// The order term chips appear in: as the brief lists them, longest promise first.
inline constexpr std::string_view kTermOrder[] = {"long_term", "annual", "immediate"};

// A resident's chip choices; an empty optional means "all" for that dimension. Both apply at once.
struct ListFilter {
  std::optional<std::string> term;
  std::optional<std::string> unit;
  bool any() const { return term || unit; }
  bool operator==(const ListFilter&) const = default;
};

// Indices (into the list) of the commitments the filter lets through, in list order.
std::vector<std::size_t> applyFilter(std::span<const Facets> items, const ListFilter& filter);

// One chip of the strip above the list. Tapping "all" clears both choices; tapping a term or unit
// chip chooses it, and tapping it again (while selected) lets that row go back to everything.
struct Chip {
  enum class Row { All, Term, Unit };
  Row row = Row::All;
  std::string value;      // the term or unit; "" for All
  std::size_t count = 0;  // how many would show if it were chosen, given the other row's choice
  bool selected = false;
};

// The strip: "all", then each of `termOrder` the list uses at all, then each named unit in order
// of first appearance. A chip whose count is 0 under the other row's choice stays (so chips do not
// jump about) and the view shows it disabled.
std::vector<Chip> filterStrip(std::span<const Facets> items, const ListFilter& filter,
                              std::span<const std::string_view> termOrder = kTermOrder);
// The filter after tapping `chip` while `current` applies.
ListFilter choose(const ListFilter& current, const Chip& chip);

// A grid of cards scrolled by `scroll` pixels: which of `count` cards are on screen, 1-based and
// inclusive (a row counts once half of it shows). {0, 0} for an empty grid.
struct GridMetrics {
  std::size_t columns = 1;
  float cardHeight = 0;
  float gap = 0;  // above the first row and between rows
  float rowPitch() const { return cardHeight + gap; }
};
struct ShownRange {
  std::size_t first = 0;
  std::size_t last = 0;
  bool operator==(const ShownRange&) const = default;
};
ShownRange shownRange(const GridMetrics& grid, float scroll, float viewHeight, std::size_t count);

}  // namespace kiosk
