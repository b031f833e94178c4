#include "hub/core/principal.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "wire/crypto.hpp"

namespace hub {

std::string_view nameOf(Role r) { return kRoleNames.nameOf(r); }
std::optional<Role> roleFromString(std::string_view s) { return kRoleNames.parse(s); }

bool Principal::mayReadHall(std::string_view hall) const {
  if (role == Role::Admin) return true;
  return std::find(halls.begin(), halls.end(), hall) != halls.end();
}

std::string newToken() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("no randomness for a token");
  std::string b64 = wire::base64Encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  // base64url without padding: safe in headers, shell and config files.
  std::replace(b64.begin(), b64.end(), '+', '-');
  std::replace(b64.begin(), b64.end(), '/', '_');
  b64.erase(std::remove(b64.begin(), b64.end(), '='), b64.end());
  return "kh_" + b64;
}

std::string joinHalls(const std::vector<std::string>& halls) {
  std::string s;
  for (const auto& h : halls) s += (s.empty() ? "" : ",") + h;
  return s;
}

std::vector<std::string> splitHalls(std::string_view column) {
  std::vector<std::string> halls;
  std::size_t pos = 0;
  while (pos <= column.size()) {
    const auto comma = column.find(',', pos);
    const auto part = column.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    if (!part.empty()) halls.emplace_back(part);
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return halls;
}

std::string tokenHash(std::string_view token) { return wire::sha256Hex(token); }

}  // namespace hub
