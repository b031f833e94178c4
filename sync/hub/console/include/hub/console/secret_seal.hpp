// Sealing the second-factor secrets kept in console.db: AES-256-GCM under a key that lives in its
// own file beside hub.toml (0600, made on first use), never in the database — a copy of console.db
// alone (a backup, a PostgreSQL dump) does not give away anyone's authenticator. Hubs sharing one
// PostgreSQL database share the key file, as they share the TLS files. Immutable after loading;
// thread-safe.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace hub::console {

class SecretSeal {
 public:
  // The key in `keyFile` (32 random bytes, base64), created 0600 when the file does not exist.
  // Throws std::runtime_error naming the file when it cannot be read, written or is not a key.
  static SecretSeal fromKeyFile(const std::filesystem::path& keyFile);
  // A key that lives only in this process (tools and tests without a key file): what it seals
  // cannot be opened after a restart.
  static SecretSeal random();

  // base64(nonce ‖ ciphertext ‖ tag), a fresh random nonce each time.
  std::string seal(std::string_view plain) const;
  // The plain text, or nullopt when `sealed` was not sealed with this key (or was altered).
  std::optional<std::string> open(std::string_view sealed) const;

 private:
  std::array<unsigned char, 32> key_{};
};

}  // namespace hub::console
