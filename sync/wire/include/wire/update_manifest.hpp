// update-manifest/1 and signed-update-manifest/1: a new build of the kiosk, published to the fleet.
// Signed offline with an administrator key like a list, so neither the hub nor anyone between it
// and the kiosk can make kiosks install a package: the manifest names the commitment-kiosk .deb by
// version, SHA-256 and size, the rings it goes to in order (halls or single kiosks; "*" is every
// hall), and the earliest time it may be installed. The updater on each kiosk verifies it, checks
// that the package is newer (dpkg's order) and the downloaded file's hash and size, and only then
// installs. Pure functions over values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "wire/signed_envelope.hpp"

namespace wire {

inline constexpr std::string_view kUpdateManifestFormat = "update-manifest/1";
inline constexpr std::string_view kSignedUpdateManifestFormat = "signed-update-manifest/1";
inline constexpr std::string_view kKioskPackage = "commitment-kiosk";
inline constexpr std::size_t kMaxManifestBytes = 32 * 1024;
inline constexpr std::int64_t kMaxPackageBytes = 256 * 1024 * 1024;
inline constexpr std::size_t kMaxRings = 16;
inline constexpr std::size_t kMaxRingMembers = 500;

// An update for an offline hall, on a USB stick: <mount>/commitment-kiosk-update/{manifest.json,
// <package file>} — written by `kioskctl update bundle`, read by the updater.
inline constexpr const char* kBundleFolder = "commitment-kiosk-update";
inline constexpr const char* kBundleManifest = "manifest.json";

// Names the field ("sha256", "rings[1].halls", …) and what is wrong with it.
class ManifestError : public std::runtime_error {
 public:
  ManifestError(std::string field, const std::string& problem);
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// A stage of the rollout: these halls ("*": all) and these kiosks. A kiosk is in the first ring
// that names it or its hall.
struct UpdateRing {
  std::string name;  // for people: 试点, 第二批, 全区
  std::vector<std::string> halls;
  std::vector<std::string> kiosks;
};

struct UpdateManifest {
  std::string deployment;
  std::int64_t id = 0;         // increases with each manifest of a deployment: an older one is never applied
  std::string version;         // the package's Debian version
  std::string architecture;    // "amd64", "arm64", …
  std::string sha256;          // 64 lowercase hex digits of the .deb
  std::int64_t size = 0;       // bytes of the .deb
  std::int64_t notBefore = 0;  // unix seconds: not installed before (from an ISO-8601 time with offset)
  std::string notBeforeText;   // as written
  std::vector<UpdateRing> rings;

  // commitment-kiosk_<version without epoch>_<architecture>.deb, as dpkg-deb names it.
  std::string fileName() const;
};

// Throws ManifestError naming the first field that is wrong.
UpdateManifest parseUpdateManifest(std::string_view json);
std::string encodeUpdateManifest(const UpdateManifest& manifest);
std::string signUpdateManifest(std::string_view manifestJson, std::string_view keyId, const Ed25519PrivateKey& key);
// Verified against the trusted administrator keys; throws ManifestError ("key_id", "signature", …).
UpdateManifest verifySignedUpdateManifest(std::string_view envelopeJson, const TrustedKeys& trusted);
// The manifest inside an envelope, without checking the signature (for display).
UpdateManifest updateManifestInEnvelope(std::string_view envelopeJson);

// The index of the ring `kioskId` of `hall` is in, or nothing when no ring names it.
std::optional<std::size_t> ringOf(const UpdateManifest& manifest, std::string_view kioskId, std::string_view hall);

}  // namespace wire
