// libFuzzer target: the update manifest as a kiosk's updater reads it, signed or not — a parsed
// manifest round-trips exactly — and Debian versions: whatever isDebianVersion accepts orders
// consistently (equal to itself, antisymmetric against another).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "wire/debian_version.hpp"
#include "wire/update_manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto half = text.substr(0, size / 2), rest = text.substr(size / 2);
  if (wire::isDebianVersion(half) && wire::isDebianVersion(rest)) {
    if (wire::compareDebianVersions(half, half) != 0) std::abort();
    if (wire::compareDebianVersions(half, rest) != -wire::compareDebianVersions(rest, half)) std::abort();
  }
  try {
    wire::updateManifestInEnvelope(text);
  } catch (const wire::ManifestError&) {
  }
  try {
    const auto m = wire::parseUpdateManifest(text);
    const auto again = wire::parseUpdateManifest(wire::encodeUpdateManifest(m));
    if (again.sha256 != m.sha256 || again.version != m.version || again.rings.size() != m.rings.size() ||
        again.notBefore != m.notBefore)
      std::abort();
    (void)wire::ringOf(m, "hall-01-k1", "hall-01");
  } catch (const wire::ManifestError&) {
  }
  return 0;
}
