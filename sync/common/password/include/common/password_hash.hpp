// Secrets people type — the kiosk's staff PIN, console passwords — are kept only as Argon2id hashes
// (libsodium's crypto_pwhash_str encoding). The PIN is made by `kioskctl pin-hash` and checked by
// the kiosk; passwords by `kiosk-hub user add|passwd` and the console's login. Stateless; any thread.
#pragma once

#include <string>
#include <string_view>

namespace common {

enum class HashCost {
  // 19 MiB and 2 passes, OWASP's recommended Argon2id floor. Not libsodium's 64 MiB
  // "interactive": the kiosk checks the PIN on its UI thread and should not triple its memory to
  // do it; a 4-12 digit PIN's real guard is the lockout, the hash keeps it out of files.
  Interactive,
  Minimal,  // the smallest libsodium allows: for tests only
};

// A PIN is 4-12 digits; anything else is refused with a message naming the rule.
bool validPin(std::string_view pin, std::string* why = nullptr);
// A password is UTF-8 text of at least 10 characters (not bytes) and at most 256 bytes, without
// control characters (it is typed, not pasted binary), not one character repeated and not one of
// the commonest leaked passwords.
bool validPassword(std::string_view password, std::string* why = nullptr);
// Which of those rules a password breaks, for messages in the reader's language: "" when none, else
// too_long, not_text, control, too_short, common or repeated.
std::string_view passwordProblem(std::string_view password);

// Throws std::runtime_error if the PIN / password is not valid or hashing fails (out of memory).
std::string hashPin(std::string_view pin, HashCost cost = HashCost::Interactive);
std::string hashPassword(std::string_view password, HashCost cost = HashCost::Interactive);

// True only if `encoded` is an Argon2id hash and `secret` matches it. Takes as long as the hash's
// cost says (tens of milliseconds at Interactive), which is part of the point.
bool verifySecret(std::string_view encoded, std::string_view secret);
inline bool verifyPin(std::string_view encoded, std::string_view pin) { return verifySecret(encoded, pin); }

}  // namespace common
