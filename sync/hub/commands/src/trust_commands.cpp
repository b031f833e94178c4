// `key add`, `token create` and `token revoke`: who the hub trusts.
#include "hub/commands/commands.hpp"

#include <iostream>

#include "common/text_file.hpp"
#include "hub/config/hub_config.hpp"
#include "hub/core/principal.hpp"
#include "hub/store/hub_store.hpp"
#include "hub/store/store_connections.hpp"
#include "wire/crypto.hpp"

namespace fs = std::filesystem;

namespace hub::commands {

int keyAdd(const fs::path& dir, const std::string& keyId, const fs::path& pemFile) {
  const std::string pem = common::readTextFile(pemFile);
  wire::Ed25519PublicKey::fromPem(pem);  // refuse anything that is not an Ed25519 public key
  hub::HubStore store(hub::connectHubStore(hub::loadHubConfig(dir)));
  store.addAdminKey(keyId, pem, unixNow());
  std::cerr << "kiosk-hub: trusting administrator key " << keyId << "\n";
  return 0;
}

int tokenCreate(const fs::path& dir, const std::string& roleName, const std::string& kioskId,
                const std::vector<std::string>& halls) {
  const auto role = hub::roleFromString(roleName);
  if (!role) {
    std::cerr << "kiosk-hub: --role must be kiosk, staff, admin or metrics\n";
    return kExitUsage;
  }
  if (*role == hub::Role::Kiosk && (kioskId.empty() || halls.size() != 1)) {
    std::cerr << "kiosk-hub: a kiosk token needs --kiosk-id and exactly one --hall\n";
    return kExitUsage;
  }
  if (*role == hub::Role::Staff && halls.empty()) {
    std::cerr << "kiosk-hub: a staff token needs at least one --hall\n";
    return kExitUsage;
  }
  hub::HubStore store(hub::connectHubStore(hub::loadHubConfig(dir)));
  const std::string token = hub::newToken();
  store.addToken(hub::tokenHash(token), {*role, kioskId, halls}, unixNow());
  std::cout << token << "\n";  // the only time it is ever shown
  return 0;
}

// Revokes one token (given in a file, as `token create` printed it) or every token of a kiosk.
int tokenRevoke(const fs::path& dir, const std::string& tokenFile, const std::string& kioskId) {
  if (tokenFile.empty() == kioskId.empty()) {
    std::cerr << "kiosk-hub: token revoke needs exactly one of --token-file or --kiosk-id\n";
    return kExitUsage;
  }
  hub::HubStore store(hub::connectHubStore(hub::loadHubConfig(dir)));
  // A kiosk revoked by id loses its registered signing key too, as from the console.
  const std::int64_t n = tokenFile.empty() ? store.revokeKiosk(kioskId)
                                           : store.revokeToken(hub::tokenHash(common::readFirstLine(tokenFile)));
  if (n == 0) {
    std::cerr << "kiosk-hub: no such token" << (kioskId.empty() ? "" : " for kiosk " + kioskId)
              << "; nothing revoked\n";
    return kExitUsage;
  }
  std::cerr << "kiosk-hub: revoked " << n << " token" << (n == 1 ? "" : "s") << "\n";
  return 0;
}

}  // namespace hub::commands
