// wire::PhoneCode: the QR code's payload signed by the kiosk, read back and checked — and every
// code a phone could bring that is not a fresh one from that kiosk refused: forged, from another
// kiosk's key, tampered, expired, from the future, malformed in each field.
#include <doctest/doctest.h>

#include "wire/phone_code.hpp"

using namespace wire;

namespace {

const Ed25519PrivateKey& kioskKey() {
  static const auto key = Ed25519PrivateKey::generate();
  return key;
}

PhoneCode sample() {
  return {.kiosk = "hall-01-k1",
          .hall = "hall-01",
          .issuedAt = 1'800'000'000,
          .nonce = "AbCdEf012345-_xy",
          .commitment = "c-0001"};
}

std::string refusal(std::string_view text) {
  try {
    readPhoneCode(text);
  } catch (const PhoneCodeError& e) {
    return e.what();
  }
  return "accepted";
}

// A code whose payload is `json`, signed by the kiosk's key (to feed readPhoneCode's field checks).
std::string signedPayload(const std::string& json) { return base64UrlEncode(json + kioskKey().sign(json)); }

}  // namespace

TEST_CASE("a kiosk's code reads back as it was made and is valid for its lifetime") {
  const std::string text = makePhoneCode(sample(), kioskKey());
  CHECK(text.size() <= kMaxPhoneCodeChars);
  CHECK(text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
        std::string::npos);
  const auto read = readPhoneCode(text);
  CHECK(read.code == sample());
  const auto key = kioskKey().publicKey();
  const std::int64_t t = sample().issuedAt;
  CHECK(checkPhoneCode(read, key, t, 120) == PhoneCodeVerdict::Valid);
  CHECK(checkPhoneCode(read, key, t + 120, 120) == PhoneCodeVerdict::Valid);
  CHECK(checkPhoneCode(read, key, t + 121, 120) == PhoneCodeVerdict::Expired);  // photographed and shared later
  CHECK(checkPhoneCode(read, key, t - 30, 120) == PhoneCodeVerdict::Valid);     // the kiosk's clock a little ahead
  CHECK(checkPhoneCode(read, key, t - 31, 120) == PhoneCodeVerdict::FromTheFuture);

  PhoneCode plain = sample();
  plain.commitment.reset();  // the attract screen's code names no commitment
  CHECK_FALSE(readPhoneCode(makePhoneCode(plain, kioskKey())).code.commitment);
}

TEST_CASE("a code signed by another key, or changed after signing, is forged") {
  const auto other = Ed25519PrivateKey::generate();
  const auto read = readPhoneCode(makePhoneCode(sample(), other));
  CHECK(checkPhoneCode(read, kioskKey().publicKey(), sample().issuedAt, 120) == PhoneCodeVerdict::Forged);

  // Another hall's name put into a genuine code: the payload no longer matches its signature.
  const std::string genuine = base64UrlDecode(makePhoneCode(sample(), kioskKey()));
  std::string tampered = genuine;
  tampered.replace(tampered.find("hall-01\""), 7, "hall-02");
  const auto changed = readPhoneCode(base64UrlEncode(tampered));
  CHECK(changed.code.hall == "hall-02");
  CHECK(checkPhoneCode(changed, kioskKey().publicKey(), sample().issuedAt, 120) == PhoneCodeVerdict::Forged);
}

TEST_CASE("malformed codes are refused by what is wrong") {
  CHECK(refusal("") == "empty");
  CHECK(refusal(std::string(kMaxPhoneCodeChars + 1, 'A')) == "longer than any code");
  CHECK(refusal("abc+def/") == "not base64url (+, / or = found)");
  CHECK(refusal("abcde") == "not base64url (impossible length)");
  CHECK(refusal(base64UrlEncode(std::string(64, 'x'))) == "too short to hold a payload and a signature");
  CHECK(refusal(signedPayload("not json")).starts_with("the code's payload is not valid JSON"));
  CHECK(refusal(signedPayload("[1,2]")) == "the code's payload is not an object");
  CHECK(refusal(signedPayload(R"({"k":"k1","h":"hall-01","t":1,"n":"abcdefgh","x":1})")) == "x: not a field of a code");
  CHECK(refusal(signedPayload(R"({"h":"hall-01","t":1,"n":"abcdefgh"})")) == "k: missing or not a text");
  CHECK(refusal(signedPayload(R"({"k":"a b","h":"hall-01","t":1,"n":"abcdefgh"})")) == "k: not a kiosk id");
  CHECK(refusal(signedPayload(R"({"k":"k1","h":"../x","t":1,"n":"abcdefgh"})")) == "h: not a hall id");
  CHECK(refusal(signedPayload(R"({"k":"k1","h":"hall-01","t":"1","n":"abcdefgh"})")) ==
        "t: missing or not a whole number");
  CHECK(refusal(signedPayload(R"({"k":"k1","h":"hall-01","t":0,"n":"abcdefgh"})")) == "t: not a time");
  CHECK(refusal(signedPayload(R"({"k":"k1","h":"hall-01","t":1,"n":"short"})")) ==
        "n: not a nonce (8-32 base64url characters)");
  CHECK(refusal(signedPayload(R"({"k":"k1","h":"hall-01","t":1,"n":"abcdefgh","c":5})")) == "c: missing or not a text");
  CHECK(refusal(signedPayload(std::string(40, '[') + std::string(40, ']'))).starts_with("the code's payload nests"));
}

TEST_CASE("a kiosk cannot make a code no hub would read") {
  PhoneCode bad = sample();
  bad.nonce = "x";
  CHECK_THROWS_WITH_AS(makePhoneCode(bad, kioskKey()), "n: not a nonce (8-32 base64url characters)", PhoneCodeError);
  bad = sample();
  bad.kiosk = "";
  CHECK_THROWS_AS(makePhoneCode(bad, kioskKey()), PhoneCodeError);
}

TEST_CASE("base64url round-trips every byte and refuses the other alphabet") {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (std::size_t n = 0; n < 8; ++n) CHECK(base64UrlDecode(base64UrlEncode(all.substr(n))) == all.substr(n));
  CHECK(base64UrlEncode("\xfb\xff") == "-_8");
  CHECK_THROWS_AS(base64UrlDecode("-_8="), CryptoError);
}
