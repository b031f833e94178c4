// How many wrong passwords an account and an address get before they are locked out (each more
// doubles the lock, up to 15 minutes: AccountStore::recordFailure), and the keys they are counted
// under. Shared by the login form and the password page, so a wrong current password on the
// password page counts against the same account as a wrong login. Constants; thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace hub::console {

inline constexpr std::int64_t kFreeFailuresPerAccount = 4;
inline constexpr std::int64_t kFreeFailuresPerAddress = 20;

inline std::string accountLockKey(const std::string& login) { return "login:" + login; }
inline std::string addressLockKey(const std::string& peer) { return "addr:" + peer; }

}  // namespace hub::console
