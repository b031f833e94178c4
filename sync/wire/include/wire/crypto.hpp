// SHA-256, Ed25519 and base64 on OpenSSL 3 EVP, for signed lists and batch hashes. Keys are the
// ordinary PEM files `openssl genpkey -algorithm ed25519` writes. Key objects are immutable after
// construction and safe to share between threads; free functions are pure.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

struct evp_pkey_st;

namespace wire {

class CryptoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string sha256Hex(std::string_view data);

std::string base64Encode(std::string_view bytes);
// `n` bytes from the OS's random source (nonces, ids); throws CryptoError when there is none.
std::string randomBytes(std::size_t n);
// Strict: rejects anything but canonical padded base64 (whitespace included). Throws CryptoError.
std::string base64Decode(std::string_view text);

class Ed25519PublicKey {
 public:
  // Exactly one PEM "PUBLIC KEY" block holding an Ed25519 key, with nothing but white space around
  // it; throws CryptoError naming what is wrong.
  static Ed25519PublicKey fromPem(std::string_view pem);
  // The key's 32 bytes: what two keys are compared by (their PEM spellings may differ).
  std::string raw() const;
  // True only for a valid 64-byte signature of exactly `message` by this key.
  bool verify(std::string_view message, std::string_view signature) const;
  std::string toPem() const;

 private:
  friend class Ed25519PrivateKey;
  explicit Ed25519PublicKey(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}
  std::shared_ptr<evp_pkey_st> key_;
};

class Ed25519PrivateKey {
 public:
  static Ed25519PrivateKey generate();
  // A PEM "PRIVATE KEY" (PKCS#8) block holding an Ed25519 key; throws CryptoError.
  static Ed25519PrivateKey fromPem(std::string_view pem);
  std::string sign(std::string_view message) const;  // 64 raw bytes
  std::string toPem() const;
  Ed25519PublicKey publicKey() const;

 private:
  explicit Ed25519PrivateKey(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}
  std::shared_ptr<evp_pkey_st> key_;
};

}  // namespace wire
