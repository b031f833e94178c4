// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP: HMAC-SHA1, 6 digits, 30-second
// steps), the second factor leaders and administrators sign in with, and the base32 and otpauth://
// forms authenticator apps read. Pure functions (HMAC through OpenSSL); thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hub::console::totp {

inline constexpr std::int64_t kStepSeconds = 30;
inline constexpr std::size_t kSecretBytes = 20;  // 160 bits, as RFC 4226 recommends

// RFC 4648 base32 without padding (what authenticator apps take), and back (letters of either case,
// spaces ignored); nullopt for anything else.
std::string base32(std::string_view bytes);
std::optional<std::string> fromBase32(std::string_view text);

// The 6-digit code of `step` (HOTP's counter).
std::string code(std::string_view secret, std::int64_t step);
inline std::int64_t stepAt(std::int64_t unixSeconds) { return unixSeconds / kStepSeconds; }

// The step `typed` is the code of — this step, the one before or the one after (a phone's clock a
// little off, a code typed as it changes) — provided it is later than `lastUsedStep`, so a code is
// good only once. Spaces in `typed` are ignored. nullopt when it matches none.
std::optional<std::int64_t> matchingStep(std::string_view secret, std::string_view typed, std::int64_t nowUnix,
                                         std::int64_t lastUsedStep);

// otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=ISSUER&algorithm=SHA1&digits=6&period=30
std::string otpauthUri(const std::string& issuer, const std::string& account, std::string_view secret);

}  // namespace hub::console::totp
