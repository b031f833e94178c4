// The staff PIN is kept only as an Argon2id hash (libsodium's crypto_pwhash_str encoding), made
// by `kioskctl pin-hash` and checked by the kiosk. Stateless; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace kiosk::app {

enum class PinHashCost {
  // 19 MiB and 2 passes, OWASP's recommended Argon2id floor: what kioskctl writes. Not libsodium's
  // 64 MiB "interactive": the kiosk checks the PIN on its UI thread and should not triple its
  // memory to do it; a 4-12 digit PIN's real guard is the lockout, the hash keeps it out of files.
  Interactive,
  Minimal,  // the smallest libsodium allows: for tests only
};

// A PIN is 4-12 digits; anything else is refused with a message naming the rule.
bool validPin(std::string_view pin, std::string* why = nullptr);

// Throws std::runtime_error if the PIN is not valid or hashing fails (out of memory).
std::string hashPin(std::string_view pin, PinHashCost cost = PinHashCost::Interactive);

// True only if `encoded` is an Argon2id hash and `pin` matches it. Takes as long as the hash's
// cost says (tens of milliseconds at Interactive), which is part of the point.
bool verifyPin(std::string_view encoded, std::string_view pin);

}  // namespace kiosk::app
