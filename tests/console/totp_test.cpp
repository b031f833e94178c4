// TOTP as RFC 6238 specifies it (its SHA-1 test vectors, truncated to the 6 digits apps show), the
// base32 of RFC 4648, a code good once and only near its time, and the otpauth:// address.
#include <doctest/doctest.h>

#include "hub/console/totp.hpp"

namespace totp = hub::console::totp;

TEST_CASE("RFC 6238's SHA-1 test vectors, as 6-digit codes") {
  const std::string secret = "12345678901234567890";
  const std::pair<std::int64_t, const char*> vectors[] = {{59, "287082"},         {1111111109, "081804"},
                                                          {1111111111, "050471"}, {1234567890, "005924"},
                                                          {2000000000, "279037"}, {20000000000, "353130"}};
  for (const auto& [unix, expected] : vectors) {
    CAPTURE(unix);
    CHECK(totp::code(secret, totp::stepAt(unix)) == expected);
  }
}

TEST_CASE("base32 both ways, as RFC 4648 and authenticator apps write it") {
  CHECK(totp::base32("foobar") == "MZXW6YTBOI");
  CHECK(totp::base32("12345678901234567890") == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  CHECK(totp::fromBase32("mzxw 6ytb oi") == std::optional<std::string>("foobar"));
  CHECK(totp::fromBase32("MZXW6YTBOI======") == std::optional<std::string>("foobar"));
  CHECK_FALSE(totp::fromBase32("MZXW1"));  // 1 is not a base32 letter
}

TEST_CASE("a code matches its step, the one before or after, and only once") {
  const std::string secret = "12345678901234567890";
  const std::int64_t now = 1111111111, step = totp::stepAt(now);
  CHECK(totp::matchingStep(secret, totp::code(secret, step), now, 0) == step);
  CHECK(totp::matchingStep(secret, totp::code(secret, step - 1), now, 0) == step - 1);  // typed as it changed
  CHECK(totp::matchingStep(secret, totp::code(secret, step + 1), now, 0) == step + 1);  // a phone a little ahead
  CHECK_FALSE(totp::matchingStep(secret, totp::code(secret, step - 2), now, 0));        // a minute old
  CHECK_FALSE(totp::matchingStep(secret, totp::code(secret, step), now, step));         // used already
  CHECK(totp::matchingStep(secret, "050 471", now, 0) == step);                         // spaces as typed
  CHECK_FALSE(totp::matchingStep(secret, "05047", now, 0));
  CHECK_FALSE(totp::matchingStep(secret, "", now, 0));
  CHECK_FALSE(totp::matchingStep("another secret", "050471", now, 0));
}

TEST_CASE("the otpauth address names the issuer and the account, the key in base32") {
  CHECK(
      totp::otpauthUri("公开承诺群众评议", "li.na", "foobar") ==
      "otpauth://totp/%E5%85%AC%E5%BC%80%E6%89%BF%E8%AF%BA%E7%BE%A4%E4%BC%97%E8%AF%84%E8%AE%AE:li.na?secret=MZXW6YTBOI"
      "&issuer=%E5%85%AC%E5%BC%80%E6%89%BF%E8%AF%BA%E7%BE%A4%E4%BC%97%E8%AF%84%E8%AE%AE&algorithm=SHA1&digits=6&"
      "period=30");
}
