// signed-commitment-list/1: sign and verify round trip, a list signed with the openssl CLI, and
// every way a list must be refused (flipped byte, wrong key, older version, other deployment/hall,
// malformed, oversized), each with its reason.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cstdlib>

#include "temp_dir.hpp"
#include "wire/signed_list.hpp"

using namespace wire;

namespace {

std::string demoList() { return testing::readFile(testing::sourceRoot() / "config/demo/commitments.json"); }

std::string refusal(const std::string& envelope, const TrustedKeys& keys) {
  try {
    verifySignedList(envelope, keys);
  } catch (const ListError& e) {
    return e.what();
  }
  FAIL("a list that should be refused was accepted");
  return {};
}

struct Signed {
  Ed25519PrivateKey key = Ed25519PrivateKey::generate();
  TrustedKeys trusted{{"admin-2026", key.publicKey()}};
};

}  // namespace

TEST_CASE("a signed list verifies and parses") {
  Signed s;
  const auto list = verifySignedList(signList(demoList(), "admin-2026", s.key), s.trusted);
  CHECK(list.commitments.size() == 30);
}

TEST_CASE("a list signed with the openssl command line verifies") {
  testing::TempDir dir;
  testing::writeFile(dir / "list.json", demoList());
  const std::string d = dir.path().string();
  const std::string cmd = "openssl genpkey -algorithm ed25519 -out " + d + "/k.pem 2>/dev/null && openssl pkey -in " +
                          d + "/k.pem -pubout -out " + d + "/pub.pem && openssl pkeyutl -sign -rawin -inkey " + d +
                          "/k.pem -in " + d + "/list.json -out " + d + "/sig.bin";
  REQUIRE(std::system(cmd.c_str()) == 0);
  const nlohmann::json envelope{{"format", "signed-commitment-list/1"},
                                {"key_id", "ops"},
                                {"payload", base64Encode(demoList())},
                                {"signature", base64Encode(testing::readFile(dir / "sig.bin"))}};
  TrustedKeys trusted{{"ops", Ed25519PublicKey::fromPem(testing::readFile(dir / "pub.pem"))}};
  CHECK(verifySignedList(envelope.dump(), trusted).version == 1);
  // And our key PEMs are ones openssl reads.
  const auto ours = Ed25519PrivateKey::generate();
  testing::writeFile(dir / "ours.pem", ours.toPem());
  CHECK(std::system(("openssl pkey -in " + d + "/ours.pem -noout 2>/dev/null").c_str()) == 0);
}

TEST_CASE("tampering and unknown keys are refused with the reason") {
  Signed s;
  auto env = nlohmann::json::parse(signList(demoList(), "admin-2026", s.key));

  std::string payload = base64Decode(env["payload"].get<std::string>());
  payload[payload.find("王丽")] ^= 0x01;  // one flipped bit
  auto flipped = env;
  flipped["payload"] = base64Encode(payload);
  CHECK(refusal(flipped.dump(), s.trusted).find("signature: does not match") != std::string::npos);

  Signed other;
  CHECK(refusal(signList(demoList(), "admin-2026", other.key), s.trusted).find("signature") != std::string::npos);
  CHECK(refusal(signList(demoList(), "someone", s.key), s.trusted).find("key_id") != std::string::npos);

  auto shortSig = env;
  shortSig["signature"] = base64Encode("abc");
  CHECK(refusal(shortSig.dump(), s.trusted).find("64-byte") != std::string::npos);
  auto badBase64 = env;
  badBase64["payload"] = "not*base64";
  CHECK(refusal(badBase64.dump(), s.trusted).find("payload") != std::string::npos);
  CHECK(refusal("{\"format\": \"signed-commitment-list/1\"", s.trusted).find("not valid JSON") != std::string::npos);
  CHECK(refusal(std::string(20u * 1024u * 1024u, ' '), s.trusted).find("too large") != std::string::npos);
  // A validly signed but malformed list is still refused by the list validator.
  CHECK(refusal(signList("{\"format\": \"commitment-list/1\"}", "admin-2026", s.key), s.trusted).find("deployment") !=
        std::string::npos);
}

TEST_CASE("only a newer list for this deployment and hall may replace the shown one") {
  const auto list = parseCommitmentList(demoList());  // zibo-zhangdian / hall-01 / v1
  CHECK_FALSE(whyListIsNotFor(list, {"zibo-zhangdian", "hall-01", 0}));
  CHECK(whyListIsNotFor(list, {"zibo-zhangdian", "hall-01", 1})->find("not newer") != std::string::npos);
  CHECK(whyListIsNotFor(list, {"zibo-zhangdian", "hall-01", 7})->find("not newer") != std::string::npos);
  CHECK(whyListIsNotFor(list, {"jinan", "hall-01", 0})->find("deployment") != std::string::npos);
  CHECK(whyListIsNotFor(list, {"zibo-zhangdian", "hall-02", 0})->find("hall") != std::string::npos);
  auto everyHall = list;
  everyHall.hall = "*";
  CHECK_FALSE(whyListIsNotFor(everyHall, {"zibo-zhangdian", "hall-02", 0}));
}

TEST_CASE("keys that are not Ed25519 PEMs are refused by name") {
  CHECK_THROWS_WITH_AS(Ed25519PublicKey::fromPem("hello"), doctest::Contains("public key is not a PEM key"),
                       CryptoError);
  CHECK_THROWS_AS(Ed25519PrivateKey::fromPem(Ed25519PrivateKey::generate().publicKey().toPem()), CryptoError);
}

TEST_CASE("a public key is exactly one key: a second key or other text around it is refused") {
  const std::string pem = Ed25519PrivateKey::generate().publicKey().toPem();
  const std::string other = Ed25519PrivateKey::generate().publicKey().toPem();
  CHECK_THROWS_WITH_AS(Ed25519PublicKey::fromPem(pem + other), doctest::Contains("more than one key"), CryptoError);
  CHECK_THROWS_WITH_AS(Ed25519PublicKey::fromPem(pem + "garbage"), doctest::Contains("after the key"), CryptoError);
  CHECK_THROWS_WITH_AS(Ed25519PublicKey::fromPem("a note above the key\n" + pem), doctest::Contains("before the key"),
                       CryptoError);
  // White space and CRLF line ends (a key carried through Windows) are the same key, byte for byte.
  std::string crlf;
  for (char c : pem) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const auto key = Ed25519PublicKey::fromPem("\n" + crlf + "\r\n\n");
  CHECK(key.raw().size() == 32);
  CHECK(key.raw() == Ed25519PublicKey::fromPem(pem).raw());
  CHECK(key.raw() != Ed25519PublicKey::fromPem(other).raw());
}

TEST_CASE("sha256 and base64 match known vectors") {
  CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(base64Encode("foob") == "Zm9vYg==");
  CHECK(base64Decode("Zm9vYg==") == "foob");
  CHECK(base64Decode("Zm9vYmFy") == "foobar");
  CHECK_THROWS_AS(base64Decode("Zm9vYg="), CryptoError);
  CHECK_THROWS_AS(base64Decode("Zm9v\nYg=="), CryptoError);
  CHECK_THROWS_AS(base64Decode("Zm=vYg=="), CryptoError);
}

TEST_CASE("base64 has one spelling per byte string: non-canonical padding is refused") {
  CHECK(wire::base64Decode("QQ==") == "A");
  CHECK(wire::base64Decode("QUI=") == "AB");
  CHECK(wire::base64Decode("") == "");
  for (const char* odd : {"QR==", "QUJ=", "Q===", "QQ=A", "=QQ=", "QQ"})
    CHECK_THROWS_AS_MESSAGE(wire::base64Decode(odd), wire::CryptoError, odd);
}
