#include "hub/console/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <stdexcept>

#include "common/url_encode.hpp"

namespace hub::console::totp {

namespace {
constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
}

std::string base32(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> fromBase32(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == ' ' || c == '=') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const auto at = kAlphabet.find(c);
    if (at == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(at);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

std::string code(std::string_view secret, std::int64_t step) {
  std::array<unsigned char, 8> counter{};
  for (int i = 7; i >= 0; --i, step >>= 8)
    counter[static_cast<std::size_t>(i)] = static_cast<unsigned char>(step & 0xFF);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), counter.data(), counter.size(), mac, &length) ||
      length < 20)
    throw std::runtime_error("HMAC-SHA1 failed");
  // RFC 4226 §5.3: dynamic truncation.
  const unsigned offset = mac[length - 1] & 0x0F;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  std::string digits = std::to_string(binary % 1'000'000);
  return std::string(6 - digits.size(), '0') + digits;
}

std::optional<std::int64_t> matchingStep(std::string_view secret, std::string_view typed, std::int64_t nowUnix,
                                         std::int64_t lastUsedStep) {
  std::string digits;
  for (const char c : typed)
    if (c != ' ') digits += c;
  if (digits.size() != 6) return std::nullopt;
  const std::int64_t now = stepAt(nowUnix);
  for (const std::int64_t step : {now, now - 1, now + 1}) {
    if (step <= lastUsedStep) continue;
    // Compared in full whatever the first difference: no timing to learn from.
    const std::string expected = code(secret, step);
    unsigned char diff = 0;
    for (std::size_t i = 0; i < 6; ++i) diff |= static_cast<unsigned char>(expected[i] ^ digits[i]);
    if (diff == 0) return step;
  }
  return std::nullopt;
}

std::string otpauthUri(const std::string& issuer, const std::string& account, std::string_view secret) {
  const std::string label = common::urlEncode(issuer) + ":" + common::urlEncode(account);
  return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + common::urlEncode(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace hub::console::totp
