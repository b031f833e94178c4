#include "kiosk/app/pin_hash.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace kiosk::app {

namespace {
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19 * 1024 * 1024;

void initSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}
}  // namespace

bool validPin(std::string_view pin, std::string* why) {
  const auto fail = [&](const char* rule) {
    if (why) *why = rule;
    return false;
  };
  if (pin.size() < 4 || pin.size() > 12) return fail("a PIN has 4 to 12 digits");
  if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return fail("a PIN has digits only (the kiosk's pad has no letters)");
  return true;
}

std::string hashPin(std::string_view pin, PinHashCost cost) {
  std::string why;
  if (!validPin(pin, &why)) throw std::runtime_error(why);
  initSodium();
  const bool minimal = cost == PinHashCost::Minimal;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, pin.data(), pin.size(),
                            minimal ? crypto_pwhash_OPSLIMIT_MIN : kOpsLimit,
                            minimal ? crypto_pwhash_MEMLIMIT_MIN : kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("hashing the PIN ran out of memory");
  return out;
}

bool verifyPin(std::string_view encoded, std::string_view pin) {
  if (encoded.rfind("$argon2id$", 0) != 0 || encoded.size() >= crypto_pwhash_STRBYTES) return false;
  initSodium();
  const std::string hash(encoded);  // crypto_pwhash_str_verify wants a NUL-terminated string
  return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace kiosk::app
