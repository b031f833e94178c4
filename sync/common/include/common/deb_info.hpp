// What a .deb file's own control file says it is (Package, Version, Architecture), read with
// dpkg-deb: the updater checks a download against its manifest with it, and kioskctl builds a
// manifest from it so an administrator never types a version or a hash. Plain function; any thread.
#pragma once

#include <filesystem>
#include <string>

namespace common {

struct DebInfo {
  std::string package, version, architecture;
};

// Throws std::runtime_error naming the file when dpkg-deb cannot read it (not a .deb, or no dpkg-deb).
DebInfo readDebInfo(const std::filesystem::path& deb);

}  // namespace common
