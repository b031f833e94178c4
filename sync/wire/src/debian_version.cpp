#include "wire/debian_version.hpp"

#include <cctype>
#include <cstdint>
#include <string>

namespace wire {

namespace {

struct Parts {
  std::uint64_t epoch = 0;
  std::string_view upstream, revision;
};

bool isAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

Parts split(std::string_view v) {
  Parts p;
  if (const auto colon = v.find(':'); colon != std::string_view::npos) {
    for (char c : v.substr(0, colon)) p.epoch = p.epoch * 10 + static_cast<std::uint64_t>(c - '0');
    v.remove_prefix(colon + 1);
  }
  if (const auto dash = v.rfind('-'); dash != std::string_view::npos) {
    p.revision = v.substr(dash + 1);
    v = v.substr(0, dash);
  }
  p.upstream = v;
  return p;
}

// dpkg's order of a non-digit character: ~ before everything (even the end), then the end, then
// letters, then the rest.
int order(char c) {
  if (isDigit(c)) return 0;
  if (std::isalpha(static_cast<unsigned char>(c))) return c;
  if (c == '~') return -1;
  if (c) return c + 256;
  return 0;
}

// dpkg's verrevcmp: alternating runs of non-digits (compared by order()) and digits (as numbers).
int compareParts(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  const auto at = [](std::string_view s, std::size_t k) { return k < s.size() ? s[k] : '\0'; };
  while (i < a.size() || j < b.size()) {
    int firstDiff = 0;
    while ((i < a.size() && !isDigit(a[i])) || (j < b.size() && !isDigit(b[j]))) {
      const int ac = order(at(a, i)), bc = order(at(b, j));
      if (ac != bc) return ac - bc;
      ++i;
      ++j;
    }
    while (at(a, i) == '0') ++i;
    while (at(b, j) == '0') ++j;
    while (isDigit(at(a, i)) && isDigit(at(b, j))) {
      if (!firstDiff) firstDiff = at(a, i) - at(b, j);
      ++i;
      ++j;
    }
    if (isDigit(at(a, i))) return 1;
    if (isDigit(at(b, j))) return -1;
    if (firstDiff) return firstDiff;
  }
  return 0;
}

}  // namespace

bool isDebianVersion(std::string_view v) {
  if (v.empty() || v.size() > 128) return false;
  const auto colon = v.find(':');
  if (colon != std::string_view::npos) {
    const auto epoch = v.substr(0, colon);
    if (epoch.empty() || epoch.size() > 9) return false;
    for (char c : epoch)
      if (!isDigit(c)) return false;
  }
  const Parts p = split(v);
  const bool hasRevision =
      v.substr(colon == std::string_view::npos ? 0 : colon + 1).find('-') != std::string_view::npos;
  if (p.upstream.empty() || !isDigit(p.upstream[0])) return false;
  for (char c : p.upstream)
    if (!isAlnum(c) && c != '.' && c != '+' && c != '~' && !(c == '-' && hasRevision) &&
        !(c == ':' && colon != std::string_view::npos))
      return false;
  if (hasRevision && p.revision.empty()) return false;
  for (char c : p.revision)
    if (!isAlnum(c) && c != '+' && c != '.' && c != '~') return false;
  return true;
}

int compareDebianVersions(std::string_view a, std::string_view b) {
  const Parts pa = split(a), pb = split(b);
  if (pa.epoch != pb.epoch) return pa.epoch < pb.epoch ? -1 : 1;
  if (const int c = compareParts(pa.upstream, pb.upstream)) return c < 0 ? -1 : 1;
  const int c = compareParts(pa.revision, pb.revision);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace wire
