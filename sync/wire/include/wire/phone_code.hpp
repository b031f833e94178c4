// The code in a kiosk's QR (brief, "Phone votes and the public page"): proof that a phone was in
// front of one kiosk a moment ago. On the wire, base64url without padding of the payload's compact
// JSON {"k": kiosk id, "h": hall, "t": unix time, "n": nonce, "c": commitment id?} followed by the
// kiosk's Ed25519 signature of exactly those JSON bytes (the last 64 bytes). The kiosk makes one
// every refresh with its own key (the one enrolment registered); the hub reads the payload to find
// that key, then checks the signature and the age. Pure (the nonce comes from the caller); thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "wire/crypto.hpp"

namespace wire {

struct PhoneCode {
  std::string kiosk;
  std::string hall;
  std::int64_t issuedAt = 0;                   // unix seconds, the kiosk's clock
  std::string nonce;                           // base64url, 8-32 characters: no two codes alike
  std::optional<std::string> commitment = {};  // the commitment's page the code was shown on
  bool operator==(const PhoneCode&) const = default;
};

// A URL of at most ~300 characters still fits a QR code a phone reads across a hall.
inline constexpr std::size_t kMaxPhoneCodeChars = 300;
inline constexpr std::size_t kPhoneCodeNonceBytes = 12;

// What is wrong with a code, in words for the log; the phone only ever sees "scan again".
class PhoneCodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws PhoneCodeError when `code` holds what no code may (an id that is not one, a bad nonce).
std::string makePhoneCode(const PhoneCode& code, const Ed25519PrivateKey& kioskKey);

// A code read but not yet trusted: its payload (to find the kiosk's key) and what was signed.
struct UnverifiedPhoneCode {
  PhoneCode code;
  std::string signedBytes;
  std::string signature;
};
// Throws PhoneCodeError naming what is wrong: length, base64url, JSON, a field.
UnverifiedPhoneCode readPhoneCode(std::string_view text);

enum class PhoneCodeVerdict { Valid, Forged, Expired, FromTheFuture };
std::string_view nameOf(PhoneCodeVerdict v);

// Signed by `kioskKey`, issued no more than `lifetimeSeconds` before `now` and no more than
// `skewSeconds` after it (a kiosk clock a little ahead of the hub's).
PhoneCodeVerdict checkPhoneCode(const UnverifiedPhoneCode& code, const Ed25519PublicKey& kioskKey, std::int64_t now,
                                std::int64_t lifetimeSeconds, std::int64_t skewSeconds = 30);

// A printed poster's code (hub.toml [poster]): "p." and 22 base64url characters (16 random bytes).
// Not signed: the hub's poster table is what makes it valid, so it can be withdrawn. The dot,
// outside base64url's alphabet, tells it from a kiosk's code at a glance.
inline constexpr std::string_view kPosterCodePrefix = "p.";
inline constexpr std::size_t kPosterCodeChars = 24;
std::string newPosterCode();
bool isPosterCode(std::string_view text);

// base64url without padding (RFC 4648 §5), for codes and nonces.
std::string base64UrlEncode(std::string_view bytes);
// Strict: only the URL alphabet, no padding, canonical. Throws CryptoError.
std::string base64UrlDecode(std::string_view text);

}  // namespace wire
