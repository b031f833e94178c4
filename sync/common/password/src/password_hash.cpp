#include "common/password_hash.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace common {

namespace {
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19 * 1024 * 1024;

void initSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

bool refuse(std::string* why, const char* rule) {
  if (why) *why = rule;
  return false;
}

std::string hashSecret(std::string_view secret, HashCost cost) {
  initSodium();
  const bool minimal = cost == HashCost::Minimal;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, secret.data(), secret.size(), minimal ? crypto_pwhash_OPSLIMIT_MIN : kOpsLimit,
                            minimal ? crypto_pwhash_MEMLIMIT_MIN : kMemLimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("hashing ran out of memory");
  return out;
}
}  // namespace

bool validPin(std::string_view pin, std::string* why) {
  if (pin.size() < 4 || pin.size() > 12) return refuse(why, "a PIN has 4 to 12 digits");
  if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return refuse(why, "a PIN has digits only (the kiosk's pad has no letters)");
  return true;
}

bool validPassword(std::string_view password, std::string* why) {
  if (password.size() < 10) return refuse(why, "a password has at least 10 characters");
  if (password.size() > 256) return refuse(why, "a password has at most 256 bytes");
  if (std::any_of(password.begin(), password.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
    return refuse(why, "a password may not contain control characters");
  return true;
}

std::string hashPin(std::string_view pin, HashCost cost) {
  std::string why;
  if (!validPin(pin, &why)) throw std::runtime_error(why);
  return hashSecret(pin, cost);
}

std::string hashPassword(std::string_view password, HashCost cost) {
  std::string why;
  if (!validPassword(password, &why)) throw std::runtime_error(why);
  return hashSecret(password, cost);
}

bool verifySecret(std::string_view encoded, std::string_view secret) {
  if (encoded.rfind("$argon2id$", 0) != 0 || encoded.size() >= crypto_pwhash_STRBYTES) return false;
  initSodium();
  const std::string hash(encoded);  // crypto_pwhash_str_verify wants a NUL-terminated string
  return crypto_pwhash_str_verify(hash.c_str(), secret.data(), secret.size()) == 0;
}

}  // namespace common
