// One way to name an enum's values, for every enum that meets text (wire formats, config keys,
// journal lines, roles): a constexpr table of (value, name) pairs, read both ways. Header-only
// and pure; a table is immutable, so any thread may use it.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace common {

template <typename Enum, std::size_t N>
class NameTable {
 public:
  constexpr explicit NameTable(std::array<std::pair<Enum, std::string_view>, N> entries) : entries_(entries) {}

  // The value's name; every value of the enum must be in the table (tests check each table).
  constexpr std::string_view nameOf(Enum value) const {
    for (const auto& [e, name] : entries_)
      if (e == value) return name;
    return {};
  }
  // The value with this exact name, or nullopt.
  constexpr std::optional<Enum> parse(std::string_view name) const {
    for (const auto& [e, text] : entries_)
      if (text == name) return e;
    return std::nullopt;
  }
  // "a, b, c": for error messages that list what would have been accepted.
  std::string joined(std::string_view separator = ", ") const {
    std::string out;
    for (std::size_t i = 0; i < N; ++i) {
      if (i) out += separator;
      out += entries_[i].second;
    }
    return out;
  }
  constexpr const auto& entries() const { return entries_; }

 private:
  std::array<std::pair<Enum, std::string_view>, N> entries_;
};

}  // namespace common
