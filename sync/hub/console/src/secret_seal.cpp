#include "hub/console/secret_seal.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>

#include "common/durable_file.hpp"
#include "common/text_file.hpp"
#include "wire/crypto.hpp"

namespace hub::console {

namespace {

constexpr std::size_t kNonceBytes = 12, kTagBytes = 16;

using Context = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

Context newContext() {
  Context ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx) throw std::bad_alloc();
  return ctx;
}

}  // namespace

SecretSeal SecretSeal::fromKeyFile(const std::filesystem::path& keyFile) {
  SecretSeal seal;
  std::error_code ec;
  if (!std::filesystem::exists(keyFile, ec)) {
    if (RAND_bytes(seal.key_.data(), static_cast<int>(seal.key_.size())) != 1)
      throw std::runtime_error("no random bytes for " + keyFile.string());
    const std::string text = wire::base64Encode(std::string_view(reinterpret_cast<const char*>(seal.key_.data()), 32));
    common::writeFileDurably(keyFile, text + "\n", common::FileMode::Secret);
    return seal;
  }
  std::string key;
  try {
    key = wire::base64Decode(common::readFirstLine(keyFile));
  } catch (const wire::CryptoError&) {
  }
  if (key.size() != seal.key_.size())
    throw std::runtime_error(keyFile.string() + ": not a second-factor key (32 bytes in base64 on one line)");
  std::copy(key.begin(), key.end(), seal.key_.begin());
  return seal;
}

SecretSeal SecretSeal::random() {
  SecretSeal seal;
  if (RAND_bytes(seal.key_.data(), static_cast<int>(seal.key_.size())) != 1)
    throw std::runtime_error("no random bytes for a key");
  return seal;
}

std::string SecretSeal::seal(std::string_view plain) const {
  std::string out(kNonceBytes + plain.size() + kTagBytes, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  if (RAND_bytes(bytes, kNonceBytes) != 1) throw std::runtime_error("no random bytes for a nonce");
  Context ctx = newContext();
  int length = 0;
  if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), bytes) != 1 ||
      EVP_EncryptUpdate(ctx.get(), bytes + kNonceBytes, &length, reinterpret_cast<const unsigned char*>(plain.data()),
                        static_cast<int>(plain.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), bytes + kNonceBytes + length, &length) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, bytes + kNonceBytes + plain.size()) != 1)
    throw std::runtime_error("AES-256-GCM failed");
  return wire::base64Encode(out);
}

std::optional<std::string> SecretSeal::open(std::string_view sealed) const {
  std::string raw;
  try {
    raw = wire::base64Decode(sealed);
  } catch (const wire::CryptoError&) {
    return std::nullopt;
  }
  if (raw.size() < kNonceBytes + kTagBytes) return std::nullopt;
  auto* bytes = reinterpret_cast<unsigned char*>(raw.data());
  const std::size_t n = raw.size() - kNonceBytes - kTagBytes;
  std::string plain(n, '\0');
  Context ctx = newContext();
  int length = 0;
  if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), bytes) != 1 ||
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &length, bytes + kNonceBytes,
                        static_cast<int>(n)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, bytes + kNonceBytes + n) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + length, &length) != 1)
    return std::nullopt;  // another key, or altered
  return plain;
}

}  // namespace hub::console
