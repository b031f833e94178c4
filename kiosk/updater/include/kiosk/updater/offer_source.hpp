// Where the updater finds an update: the hub (through the kiosk's own transport, its token and TLS
// policy) or a USB stick an administrator brought to an offline hall (`kioskctl update bundle`
// writes the same signed manifest and package there). Either way the updater trusts nothing it
// is given: it verifies the manifest's signature and the package's size and SHA-256 itself.
// Implementations are used from the updater's one thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "sync/transport.hpp"
#include "wire/update_manifest.hpp"

namespace kiosk::updater {

// The folder on a stick (kioskctl update bundle writes it): wire/update_manifest.hpp.
using wire::kBundleFolder;
using wire::kBundleManifest;

struct Offer {
  std::string envelope;  // signed-update-manifest/1, not yet verified
  bool ringDue = false;  // the hub says this kiosk's ring has started (a stick: always)
};

// Thrown when the source cannot be asked now (hub unreachable, stick unreadable): the updater
// keeps the offer it last knew rather than taking this for a withdrawal.
class SourceUnavailable : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

class OfferSource {
 public:
  virtual ~OfferSource() = default;
  // The manifest on offer now; nothing when none is.
  virtual std::optional<Offer> current() = 0;
  // Appends the next part of the package (from byte `from`) to `file`. Throws SourceUnavailable.
  virtual void fetch(const wire::UpdateManifest& manifest, const std::filesystem::path& file, std::int64_t from) = 0;
};

// The hub: GET /api/v1/updates/current, and the package in ranges of kChunk bytes.
class HubOffers final : public OfferSource {
 public:
  static constexpr std::int64_t kChunk = 4 * 1024 * 1024;
  explicit HubOffers(sync::HttpTransport& transport) : transport_(transport) {}
  std::optional<Offer> current() override;
  void fetch(const wire::UpdateManifest& manifest, const std::filesystem::path& file, std::int64_t from) override;

 private:
  sync::HttpTransport& transport_;
};

// A stick mounted at `mount` (nothing on offer while no bundle is there).
class BundleOffers final : public OfferSource {
 public:
  explicit BundleOffers(std::filesystem::path mount) : mount_(std::move(mount)) {}
  std::optional<Offer> current() override;
  void fetch(const wire::UpdateManifest& manifest, const std::filesystem::path& file, std::int64_t from) override;

 private:
  std::filesystem::path mount_;
};

}  // namespace kiosk::updater
