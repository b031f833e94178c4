#include "hub/core/byte_range.hpp"

#include <algorithm>
#include <charconv>

namespace hub {

namespace {

std::optional<std::int64_t> number(std::string_view digits) {
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return n;
}

}  // namespace

RangeAnswer byteRange(std::string_view header, std::int64_t size, ByteRange& range) {
  constexpr std::string_view kUnit = "bytes=";
  if (header.substr(0, kUnit.size()) != kUnit) return RangeAnswer::Whole;
  const std::string_view spec = header.substr(kUnit.size());
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos || spec.find(',') != std::string_view::npos) return RangeAnswer::Whole;
  const auto first = number(spec.substr(0, dash));
  if (!first) return RangeAnswer::Whole;  // a suffix range ("-500") or not a number: ignored, per RFC 9110
  std::int64_t last = size - 1;
  if (dash + 1 < spec.size()) {
    const auto given = number(spec.substr(dash + 1));
    if (!given || *given < *first) return RangeAnswer::Whole;
    last = std::min(*given, size - 1);
  }
  if (*first >= size) return RangeAnswer::Unsatisfiable;
  range = {*first, last};
  return RangeAnswer::Part;
}

}  // namespace hub
