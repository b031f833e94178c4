// The kiosk's own Ed25519 key, which signs every batch it freezes (uploads and USB exports alike)
// so the hub can tell its counts from anyone else's: made on first start in the data folder,
// private part 0600 and never copied off the kiosk; the public part beside it, for enrolment.
// Plain functions; call once at start, before any thread.
#pragma once

#include <filesystem>
#include <stdexcept>

#include "wire/crypto.hpp"

namespace kiosk::app {

inline constexpr const char* kKioskKeyFile = "kiosk-key.pem";
inline constexpr const char* kKioskPublicKeyFile = "kiosk-key.pub.pem";

class KioskKeyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads <dataDir>/kiosk-key.pem, or makes it (and kiosk-key.pub.pem) when absent. A file that is
// there but unreadable is never replaced — the hub knows the old key — and throws KioskKeyError
// naming the file and what to do.
wire::Ed25519PrivateKey loadOrCreateKioskKey(const std::filesystem::path& dataDir);

}  // namespace kiosk::app
