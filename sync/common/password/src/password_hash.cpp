#include "common/password_hash.hpp"

#include <sodium.h>

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <string>

#include "common/utf8.hpp"

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

namespace {

// The passwords of at least 10 characters that lists of leaked passwords (and those of Chinese
// sites) put first; lower-cased. A guesser tries these before anything else.
constexpr std::string_view kCommonPasswords[] = {
    "0123456789",   "1234567890",    "0987654321",  "9876543210",   "1234567890a",  "123456789a",   "a123456789",
    "a1234567890",  "12345678910",   "1234567890q", "1q2w3e4r5t",   "1q2w3e4r5t6y", "1qaz2wsx3edc", "1qaz2wsx3e",
    "qazwsxedc123", "qwertyuiop",    "qwerty1234",  "qwerty123456", "asdfghjkl1",   "zxcvbnm123",   "password12",
    "password123",  "password1!",    "passw0rd123", "abc1234567",   "abcd123456",   "abcd1234567",  "admin12345",
    "admin123456",  "administrator", "iloveyou12",  "woaini1314",   "woaini520",    "5201314520",   "1314520520",
    "qq123456789",  "aa12345678",    "a12345678b",  "147258369a",   "1472583690",   "zhangwei123",  "wangwei123",
};

}  // namespace

std::string_view passwordProblem(std::string_view password) {
  if (password.size() > 256) return "too_long";
  if (!isValidUtf8(password)) return "not_text";
  if (std::any_of(password.begin(), password.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
    return "control";
  // Characters as a person counts them: "密码密码" is 4, not 12 bytes.
  if (countCharacters(password) < 10) return "too_short";
  std::string lower(password);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  if (std::find(std::begin(kCommonPasswords), std::end(kCommonPasswords), lower) != std::end(kCommonPasswords))
    return "common";
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; })) return "repeated";
  return "";
}

bool validPassword(std::string_view password, std::string* why) {
  const std::string_view problem = passwordProblem(password);
  if (problem.empty()) return true;
  if (problem == "too_long") return refuse(why, "a password has at most 256 bytes");
  if (problem == "not_text") return refuse(why, "a password is text (UTF-8)");
  if (problem == "control") return refuse(why, "a password may not contain control characters");
  if (problem == "too_short") return refuse(why, "a password has at least 10 characters");
  if (problem == "common")
    return refuse(why, "this password is among the commonest ones guessed first: choose another");
  return refuse(why, "a password is not one character repeated");
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
