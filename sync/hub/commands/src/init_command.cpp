// `kiosk-hub init`: a new hub folder with its config, database and development TLS files.
#include "hub/commands/commands.hpp"

#include <iostream>

#include "common/durable_file.hpp"
#include "hub/config/hub_config.hpp"
#include "hub/server/dev_certificates.hpp"
#include "hub/store/hub_store.hpp"

namespace fs = std::filesystem;

namespace hub::commands {

int init(const fs::path& dir, const std::string& deployment) {
  if (fs::exists(dir / "hub.toml")) {
    std::cerr << "kiosk-hub: " << (dir / "hub.toml").string() << " already exists; refusing to overwrite a hub\n";
    return kExitUsage;
  }
  using common::FileMode;
  fs::create_directories(dir / "tls");
  common::writeFileDurably(dir / "hub.toml", hub::defaultHubToml(deployment));
  hub::HubStore store(dir / "hub.db");
  const auto ca = hub::makeCertificateAuthority("kiosk-hub development CA (" + deployment + ")");
  const auto server = hub::makeServerCertificate(ca, {});
  // Keys are created 0600: they are never readable by others, not even between write and chmod.
  common::writeFileDurably(dir / "tls/ca.key", ca.keyPem, FileMode::Secret);
  common::writeFileDurably(dir / "tls/ca.pem", ca.certificatePem);
  common::writeFileDurably(dir / "tls/server.key", server.keyPem, FileMode::Secret);
  common::writeFileDurably(dir / "tls/server.pem", server.certificatePem);
  std::cerr << "kiosk-hub: initialised " << dir.string() << " for deployment " << deployment << "\n  kiosks trust "
            << (dir / "tls/ca.pem").string() << " (development CA; use your own PKI in a hall)\n";
  return 0;
}

}  // namespace hub::commands
