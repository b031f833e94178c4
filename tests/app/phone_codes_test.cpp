// The codes the kiosk shows for phones: signed with its key and naming it, its hall and the
// commitment; the same code while under half its lifetime, a new one after (or for another
// screen, or when the clock went back); and the QR code of the address. Time and nonces injected.
#include <doctest/doctest.h>

#include "kiosk/app/phone_codes.hpp"
#include "wire/endpoints.hpp"
#include "wire/phone_code.hpp"

namespace {
constexpr std::int64_t kNow = 1'795'000'000;
const wire::Ed25519PrivateKey& key() {
  static const auto k = wire::Ed25519PrivateKey::generate();
  return k;
}
kiosk::app::PhoneCodes codes() {
  auto counter = std::make_shared<int>(0);
  return kiosk::app::PhoneCodes("https://hub.example.cn:8443/", "hall-01-k1", "hall-01", 120, key(),
                                [counter] { return "nonce-" + std::to_string(++*counter) + "-abcdefgh"; });
}
wire::PhoneCode codeIn(const std::string& url) {
  const std::string prefix = "https://hub.example.cn:8443/v/";
  REQUIRE(url.rfind(prefix, 0) == 0);
  const auto read = wire::readPhoneCode(url.substr(prefix.size()));
  CHECK(wire::checkPhoneCode(read, key().publicKey(), kNow + 1, 120) == wire::PhoneCodeVerdict::Valid);
  return read.code;
}
}  // namespace

TEST_CASE("the attract screen's code names the kiosk and hall, a commitment's page names it too") {
  auto phone = codes();
  const auto attract = codeIn(phone.codeFor(std::nullopt, kNow).url);
  CHECK(attract.kiosk == "hall-01-k1");
  CHECK(attract.hall == "hall-01");
  CHECK(attract.issuedAt == kNow);
  CHECK_FALSE(attract.commitment);
  const auto detail = codeIn(phone.codeFor(std::string("c-0002"), kNow).url);
  CHECK(detail.commitment == "c-0002");
  CHECK(detail.nonce != attract.nonce);
}

TEST_CASE("a code is shown until half its lifetime has passed, then replaced once") {
  auto phone = codes();
  const std::string first = phone.codeFor(std::nullopt, kNow).url;
  CHECK(phone.refreshAt() == kNow + 60);
  CHECK(phone.codeFor(std::nullopt, kNow + 59).url == first);  // no new picture within the minute
  const auto& next = phone.codeFor(std::nullopt, kNow + 60);
  CHECK(next.url != first);
  CHECK(next.issuedAt == kNow + 60);
  CHECK(phone.refreshAt() == kNow + 120);
  // A clock corrected backwards (NTP after a cold start) does not keep a code from the "future".
  CHECK(phone.codeFor(std::nullopt, kNow + 10).issuedAt == kNow + 10);
}

TEST_CASE("the address becomes a QR code of the size its length needs") {
  auto phone = codes();
  const auto& view = phone.codeFor(std::string("c-0002"), kNow);
  CHECK(view.url.size() < 300);
  CHECK(view.qr.size >= 21);
  CHECK((view.qr.size - 17) % 4 == 0);  // a QR version's side: 17 + 4 × version
  CHECK(view.qr.dark.size() == static_cast<std::size_t>(view.qr.size * view.qr.size));
  // The three finder patterns: dark corners, top-left, top-right and bottom-left.
  CHECK(view.qr.at(0, 0));
  CHECK(view.qr.at(view.qr.size - 1, 0));
  CHECK(view.qr.at(0, view.qr.size - 1));
  CHECK_FALSE(view.qr.at(1, 1));                                                      // the finder's light ring
  CHECK_THROWS_AS(kiosk::app::encodeQr(std::string(8000, 'x')), std::runtime_error);  // no QR holds that much
}

TEST_CASE("a nonce from the OS is 16 base64url characters and never the same twice") {
  const std::string a = kiosk::app::randomNonce(), b = kiosk::app::randomNonce();
  CHECK(a.size() == 16);
  CHECK(a != b);
  CHECK(wire::base64UrlDecode(a).size() == wire::kPhoneCodeNonceBytes);
}
