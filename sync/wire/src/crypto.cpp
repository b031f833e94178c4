#include "wire/crypto.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>

namespace wire {

namespace {

std::string opensslError(std::string_view what) {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return std::string(what);
  std::array<char, 256> buf{};
  ERR_error_string_n(code, buf.data(), buf.size());
  return std::string(what) + " (" + buf.data() + ")";
}

std::shared_ptr<evp_pkey_st> own(EVP_PKEY* key) { return {key, EVP_PKEY_free}; }

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
Bio memoryBio(std::string_view pem) { return {BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free}; }

std::string bioText(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}

EVP_PKEY* requireEd25519(EVP_PKEY* key, std::string_view kind) {
  if (!key) throw CryptoError(opensslError(std::string(kind) + " is not a PEM key"));
  if (EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
    EVP_PKEY_free(key);
    throw CryptoError(std::string(kind) + " is not an Ed25519 key");
  }
  return key;
}

}  // namespace

std::string sha256Hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  if (!EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_sha256(), nullptr))
    throw CryptoError(opensslError("SHA-256 failed"));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    hex.push_back(kHex[md[i] >> 4]);
    hex.push_back(kHex[md[i] & 0x0f]);
  }
  return hex;
}

std::string base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) throw CryptoError("base64 length is not a multiple of 4");
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    const bool pad = c == '=' && i + 2 >= text.size() && (i + 1 == text.size() || text[i + 1] == '=');
    if (!alnum && c != '+' && c != '/' && !pad)
      throw CryptoError("base64 has an invalid character at " + std::to_string(i));
  }
  std::string out(3 * (text.size() / 4), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) throw CryptoError("base64 does not decode");
  // EVP_DecodeBlock counts padding as zero bytes; drop them.
  std::size_t len = static_cast<std::size_t>(n);
  if (!text.empty() && text.back() == '=') --len;
  if (text.size() >= 2 && text[text.size() - 2] == '=') --len;
  out.resize(len);
  // One byte string has one encoding: "QR==" also decodes to "A" (its unused bits are set), and
  // accepting both would let the same signature or payload travel in two spellings.
  if (base64Encode(out) != text) throw CryptoError("base64 is not in canonical form (padding bits set)");
  return out;
}

Ed25519PublicKey Ed25519PublicKey::fromPem(std::string_view pem) {
  // Exactly one key and nothing else: OpenSSL would read the first block and ignore what follows
  // (a second key, garbage), so that a file could say one thing to a reader and another to us.
  const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  Bio bio = memoryBio(pem);
  auto key = own(requireEd25519(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), "public key"));
  const auto begin = pem.find("-----BEGIN");
  if (begin == std::string_view::npos ||
      !std::all_of(pem.begin(), pem.begin() + static_cast<std::ptrdiff_t>(begin), isSpace))
    throw CryptoError("public key: other text before the key");
  char rest[256];
  for (int n; (n = BIO_read(bio.get(), rest, sizeof rest)) > 0;)
    if (!std::all_of(rest, rest + n, isSpace))
      throw CryptoError("public key: more than one key, or other text after the key");
  return Ed25519PublicKey(std::move(key));
}

std::string Ed25519PublicKey::raw() const {
  std::string bytes(32, '\0');
  std::size_t size = bytes.size();
  if (EVP_PKEY_get_raw_public_key(key_.get(), reinterpret_cast<unsigned char*>(bytes.data()), &size) != 1 || size != 32)
    throw CryptoError(opensslError("cannot read the raw public key"));
  return bytes;
}

bool Ed25519PublicKey::verify(std::string_view message, std::string_view signature) const {
  if (signature.size() != 64) return false;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  // Ed25519 is one-shot: no digest, no Update calls.
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1) {
    ERR_clear_error();
    return false;
  }
  const int ok = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                                  reinterpret_cast<const unsigned char*>(message.data()), message.size());
  ERR_clear_error();
  return ok == 1;
}

std::string Ed25519PublicKey::toPem() const {
  Bio bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!PEM_write_bio_PUBKEY(bio.get(), key_.get())) throw CryptoError(opensslError("cannot write public key"));
  return bioText(bio.get());
}

Ed25519PrivateKey Ed25519PrivateKey::generate() {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (!key) throw CryptoError(opensslError("Ed25519 key generation failed"));
  return Ed25519PrivateKey(own(key));
}

Ed25519PrivateKey Ed25519PrivateKey::fromPem(std::string_view pem) {
  Bio bio = memoryBio(pem);
  return Ed25519PrivateKey(
      own(requireEd25519(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), "private key")));
}

std::string Ed25519PrivateKey::sign(std::string_view message) const {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::string sig(64, '\0');
  std::size_t len = sig.size();
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1)
    throw CryptoError(opensslError("Ed25519 signing failed"));
  sig.resize(len);
  return sig;
}

std::string Ed25519PrivateKey::toPem() const {
  Bio bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr))
    throw CryptoError(opensslError("cannot write private key"));
  return bioText(bio.get());
}

Ed25519PublicKey Ed25519PrivateKey::publicKey() const {
  std::array<unsigned char, 32> raw{};
  std::size_t len = raw.size();
  if (EVP_PKEY_get_raw_public_key(key_.get(), raw.data(), &len) != 1)
    throw CryptoError(opensslError("cannot read the public half of the key"));
  EVP_PKEY* pub = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw.data(), len);
  if (!pub) throw CryptoError(opensslError("cannot build the public key"));
  return Ed25519PublicKey(own(pub));
}

std::string randomBytes(std::size_t n) {
  std::string out(n, '\0');
  if (n > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
    throw CryptoError("no random bytes from the OS");
  return out;
}

}  // namespace wire
