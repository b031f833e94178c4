#include "kiosk/app/kiosk_key.hpp"

#include "common/durable_file.hpp"
#include "common/text_file.hpp"

namespace kiosk::app {

wire::Ed25519PrivateKey loadOrCreateKioskKey(const std::filesystem::path& dataDir) {
  const auto file = dataDir / kKioskKeyFile;
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) {
    try {
      auto key = wire::Ed25519PrivateKey::fromPem(common::readTextFile(file));
      // The public half is only a convenience for enrolment: restore it if someone removed it.
      if (!std::filesystem::exists(dataDir / kKioskPublicKeyFile, ec))
        common::writeFileDurably(dataDir / kKioskPublicKeyFile, key.publicKey().toPem());
      return key;
    } catch (const std::exception& e) {
      throw KioskKeyError("the kiosk's signing key " + file.string() + " cannot be read (" + e.what() +
                          "); the hub knows this kiosk by that key: restore the file, or remove it and have an "
                          "administrator revoke and enrol the kiosk again");
    }
  }
  auto key = wire::Ed25519PrivateKey::generate();
  try {
    std::filesystem::create_directories(dataDir);
    // Public half first: a kiosk that dies between the two writes makes a new pair next start.
    common::writeFileDurably(dataDir / kKioskPublicKeyFile, key.publicKey().toPem());
    common::writeFileDurably(file, key.toPem(), common::FileMode::Secret);
  } catch (const std::exception& e) {
    throw KioskKeyError("cannot store the kiosk's new signing key in " + dataDir.string() + ": " + e.what());
  }
  return key;
}

}  // namespace kiosk::app
