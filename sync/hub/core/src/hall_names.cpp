#include "hub/core/hall_names.hpp"

#include <algorithm>
#include <tuple>

namespace hub {

HallNames::HallNames(const std::vector<HallName>& names) {
  for (const auto& n : names) byHall_[n.hall] = n;
}

std::string HallNames::nameOf(const std::string& hall) const {
  auto it = byHall_.find(hall);
  return it == byHall_.end() ? hall : it->second.name;
}

std::vector<std::string> HallNames::ordered(std::vector<std::string> halls) const {
  const auto key = [this](const std::string& hall) {
    auto it = byHall_.find(hall);
    // Unnamed halls after every named one: a new hall shows up, at the end, until someone names it.
    return it == byHall_.end() ? std::make_tuple(1, std::int64_t{0}, hall, hall)
                               : std::make_tuple(0, it->second.order, it->second.name, hall);
  };
  std::stable_sort(halls.begin(), halls.end(),
                   [&](const std::string& a, const std::string& b) { return key(a) < key(b); });
  return halls;
}

std::string hallNameProblem(const std::string& name) {
  std::size_t characters = 0;
  bool onlySpaces = true;
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) != 0x80) ++characters;  // a UTF-8 lead byte starts a character
    if (c < 0x20 || c == 0x7F) return "err_hall_name_control";
    if (c != ' ') onlySpaces = false;
  }
  if (characters == 0 || onlySpaces) return "err_hall_name_empty";
  if (characters > 40) return "err_hall_name_long";
  return "";
}

}  // namespace hub
