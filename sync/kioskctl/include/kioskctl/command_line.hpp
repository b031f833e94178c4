// kioskctl's command line: which command was asked for and with what, or how to exit when it was
// asked wrongly (usage mistakes exit 2; --help and --version exit 0 after printing). Parsing only —
// no file is read and no hub is called here — so every mistake has a test. A plain function; main
// calls it once.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "list_sheet/list_sheet.hpp"
#include "wire/update_manifest.hpp"

namespace kioskctl {

inline constexpr int kExitUsage = 2;

// How to reach the hub: its URL, the CA that signed its certificate, the file with one's token.
struct HubOptions {
  std::string url, ca, tokenFile;
};

struct Keygen {
  std::string out, publicOut;
};
struct BuildList {
  std::string sheetFile;  // .xlsx, or CSV (UTF-8, BOM or GB18030)
  list_sheet::ListHeader header;
  std::string out;
};
struct SignList {
  std::string listFile, keyFile, keyId, out;
};
struct PublishList {
  HubOptions hub;
  std::string signedFile;
};
// Kiosk settings (kiosk-settings/1) are signed and published like lists, with the same keys.
struct SignSettings {
  std::string settingsFile, keyFile, keyId, out;
};
struct PublishSettings {
  HubOptions hub;
  std::string signedFile;
};
struct Tallies {
  HubOptions hub;
  std::string from, to, hall, format = "csv", out;
};
struct Enrol {
  HubOptions hub;
  std::string kioskId, hall, kioskKeyFile, out;
};
struct Import {
  HubOptions hub;
  std::string dir;
};
struct PinHash {};
// Software updates (update-manifest/1): the manifest is built from the .deb itself (its version,
// architecture, SHA-256 and size), so nobody types a hash; signed with the list keys.
struct SignUpdate {
  std::string packageFile, deployment, notBefore, keyFile, keyId, out;
  std::int64_t id = 0;
  std::vector<wire::UpdateRing> rings;
};
struct PublishUpdate {
  HubOptions hub;
  std::string signedFile, packageFile;
};
// The same signed manifest and package on a USB stick, for an offline hall's updater.
struct BundleUpdate {
  std::string signedFile, packageFile, out;
};

using Command = std::variant<Keygen, BuildList, SignList, PublishList, SignSettings, PublishSettings, Tallies, Enrol,
                             Import, PinHash, SignUpdate, PublishUpdate, BundleUpdate>;

// One --ring: "NAME=ITEM,ITEM…", each item a hall id, "*" (every hall) or "kiosk:ID". Nothing,
// with *why set, when it is not that.
std::optional<wire::UpdateRing> parseRing(const std::string& spec, std::string* why);

// The command, or the exit status to end with (messages already printed to stdout/stderr).
std::variant<Command, int> parseCommandLine(int argc, const char* const* argv, const std::string& version);

// --reasons "code=label;code=label" → the list's reasons, or nothing with `why` naming the item.
std::optional<std::vector<wire::ReasonCode>> parseReasons(const std::string& text, std::string* why);

}  // namespace kioskctl
