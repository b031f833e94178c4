// The folder a technician copies onto a kiosk to join it to the hub: its token, the CA and the
// administrator keys it trusts, the hall's current list, and a complete kiosk.toml with Chinese
// comments (the hall's opening hours and staff PIN left for the hall to fill in). Built by the
// console's enrolment page and by `kioskctl kiosk enrol` alike. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wire/enrolment.hpp"

namespace wire {

// One file of an enrolment bundle, its path relative to the bundle's folder.
struct BundleFile {
  std::string path;
  std::string content;
  bool secret = false;  // the token: written 0600, never world-readable
};

// Where the commitment-kiosk package installs its shared files (strings, assets, the example list).
inline constexpr std::string_view kKioskInstalledShare = "/usr/share/commitment-kiosk";

struct BundleOptions {
  std::string hubUrl;    // how kiosks reach the hub; several, comma-separated, for hubs sharing a database
  std::string caPem;     // the CA kiosks trust for the hub
  std::string hallName;  // what people call the hall; "" when it has no display name
  std::string listJson;  // the hall's current list (the signed payload); "" when none is published yet
  std::int64_t listVersion = 0;
  std::string installedShare = std::string(kKioskInstalledShare);  // tests point it at the source tree
};

// Whether `urls` is one or more https:// addresses, comma-separated (spaces around commas allowed),
// each at most 200 bytes, with no quote, backslash, space or line break inside: what kiosk.toml's
// [sync] hub_url takes, and what hub.toml's public_url and the enrolment form may give it.
bool isHubUrlList(std::string_view urls);

// kiosk.toml (everything relative to its folder), hub/kiosk-token (secret), hub/ca.pem,
// hub/keys/<key_id>.pem, hub/commitments.json (when the hall has a list) and 安装说明.txt.
std::vector<BundleFile> enrolmentBundle(const Enrolment& e, const BundleOptions& options);

}  // namespace wire
