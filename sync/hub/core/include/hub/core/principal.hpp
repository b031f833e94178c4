// Who is calling the hub: the role and scope of a bearer token. Tokens are random 256-bit
// strings shown once; the hub stores only their SHA-256. Pure values and functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/names.hpp"

namespace hub {

// Metrics: a Prometheus server's token; it may read /metrics and nothing else.
enum class Role { Kiosk, Staff, Admin, Metrics };
inline constexpr common::NameTable<Role, 4> kRoleNames(
    {{{Role::Kiosk, "kiosk"}, {Role::Staff, "staff"}, {Role::Admin, "admin"}, {Role::Metrics, "metrics"}}});

std::string_view nameOf(Role r);
std::optional<Role> roleFromString(std::string_view s);

struct Principal {
  Role role = Role::Kiosk;
  std::string kioskId;             // role kiosk: the kiosk this token belongs to
  std::vector<std::string> halls;  // kiosk: its hall; staff: the halls they may see; admin: ignored
  std::string name = {};           // for records: "token:<hash prefix>", "user:<login>"
  bool mayReadHall(std::string_view hall) const;
};

// Halls as stored in one column: "hall-01,hall-02" (hall ids never hold a comma).
std::string joinHalls(const std::vector<std::string>& halls);
std::vector<std::string> splitHalls(std::string_view column);

// A new random token ("kh_" + 43 base64url characters) and the hash to store for it.
std::string newToken();
std::string tokenHash(std::string_view token);

}  // namespace hub
