// Filter chips and the page range of the list screen, as pure functions.
#include <doctest/doctest.h>

#include "kiosk/core/list_filter.hpp"

using namespace kiosk;

namespace {
// 6 commitments: two units, three terms (no long_term in 区医保局).
std::vector<Facets> sample() {
  return {{"annual", "区人社局"}, {"immediate", "区人社局"}, {"long_term", "区人社局"},
          {"annual", "区医保局"}, {"annual", "区医保局"},    {"immediate", ""}};
}

// "*" marks the selected chip; "t:" and "u:" the term and unit chips.
std::vector<std::pair<std::string, std::size_t>> summary(const std::vector<Chip>& chips) {
  std::vector<std::pair<std::string, std::size_t>> out;
  for (const Chip& c : chips) {
    const char* row = c.row == Chip::Row::Term ? "t:" : c.row == Chip::Row::Unit ? "u:" : "all";
    out.emplace_back((c.selected ? "*" : "") + std::string(row) + c.value, c.count);
  }
  return out;
}
}  // namespace

TEST_CASE("no filter shows every commitment in list order") {
  const auto items = sample();
  CHECK(applyFilter(items, {}) == std::vector<std::size_t>{0, 1, 2, 3, 4, 5});
}

TEST_CASE("term and unit filters apply together") {
  const auto items = sample();
  CHECK(applyFilter(items, {"annual", std::nullopt}) == std::vector<std::size_t>{0, 3, 4});
  CHECK(applyFilter(items, {std::nullopt, "区医保局"}) == std::vector<std::size_t>{3, 4});
  CHECK(applyFilter(items, {"annual", "区人社局"}) == std::vector<std::size_t>{0});
  CHECK(applyFilter(items, {"long_term", "区医保局"}).empty());
}

TEST_CASE("the strip counts what each chip would show under the other row's choice") {
  const auto items = sample();
  using V = std::vector<std::pair<std::string, std::size_t>>;
  CHECK(summary(filterStrip(items, {})) ==
        V{{"*all", 6}, {"t:long_term", 1}, {"t:annual", 3}, {"t:immediate", 2}, {"u:区人社局", 3}, {"u:区医保局", 2}});
  // Under 区医保局 the long-term chip stays (the list has long-term commitments) but shows 0.
  CHECK(summary(filterStrip(items, {std::nullopt, "区医保局"})) ==
        V{{"all", 6}, {"t:long_term", 0}, {"t:annual", 2}, {"t:immediate", 0}, {"u:区人社局", 3}, {"*u:区医保局", 2}});
  CHECK(summary(filterStrip(items, {"annual", "区人社局"})) ==
        V{{"all", 6}, {"t:long_term", 1}, {"*t:annual", 1}, {"t:immediate", 1}, {"*u:区人社局", 1}, {"u:区医保局", 2}});
}

TEST_CASE("a term the list never uses and an unnamed unit get no chip") {
  const std::vector<Facets> items{{"annual", "a"}, {"annual", ""}};
  const auto strip = filterStrip(items, {});
  REQUIRE(strip.size() == 3);
  CHECK(strip[1].value == "annual");
  CHECK(strip[2].value == "a");
}

TEST_CASE("tapping chips chooses, switches, toggles off, and all clears both rows") {
  const Chip annual{Chip::Row::Term, "annual"}, immediate{Chip::Row::Term, "immediate"};
  const Chip unit{Chip::Row::Unit, "区医保局"}, all{};
  ListFilter f = choose({}, annual);
  CHECK(f == ListFilter{"annual", std::nullopt});
  f = choose(f, unit);
  CHECK(f == ListFilter{"annual", "区医保局"});
  f = choose(f, immediate);
  CHECK(f == ListFilter{"immediate", "区医保局"});
  f = choose(f, immediate);  // the selected chip again: that row shows everything
  CHECK(f == ListFilter{std::nullopt, "区医保局"});
  CHECK_FALSE(choose(f, all).any());
}

TEST_CASE("an empty list has only the all chip, at zero") {
  const std::vector<Facets> none;
  const auto strip = filterStrip(none, {});
  REQUIRE(strip.size() == 1);
  CHECK(strip[0].count == 0);
  CHECK(applyFilter(none, {"annual", std::nullopt}).empty());
}

TEST_CASE("the shown range counts rows whose middle is on screen") {
  const GridMetrics grid{2, 200, 20};  // pitch 220
  // 30 cards in 15 rows; a 700 px view at the top shows rows 0..2 (row 3's middle is at 780).
  CHECK(shownRange(grid, 0, 700, 30) == ShownRange{1, 6});
  // Scrolled by one row and a bit: row 0's middle (120) is above the view.
  CHECK(shownRange(grid, 230, 700, 30) == ShownRange{3, 8});
  // At the end (rows 12..14 on screen) the last row is partial: the range stops at the count.
  CHECK(shownRange(grid, 15 * 220 + 20 - 700, 700, 29) == ShownRange{25, 29});
  // Scrolled past the top (rubber band): still starts at the first card.
  CHECK(shownRange(grid, -150, 700, 30).first == 1);
}

TEST_CASE("the shown range of one column, an empty grid and a view smaller than a card") {
  CHECK(shownRange({1, 200, 20}, 0, 1000, 3) == ShownRange{1, 3});
  CHECK(shownRange({3, 200, 20}, 0, 1000, 0) == ShownRange{0, 0});
  // A view shorter than half a card still names the card it shows.
  CHECK(shownRange({1, 200, 20}, 0, 50, 5) == ShownRange{1, 1});
}
