// Debian package versions ([epoch:]upstream[-revision]) as dpkg reads and orders them, for the
// update manifest: the updater installs only a version newer than the installed one, compared
// exactly as dpkg --compare-versions would (1.0~rc1 < 1.0 < 1.0+b1 < 1.0-1 < 1:0.1). Pure; thread-safe.
#pragma once

#include <string_view>

namespace wire {

// Debian Policy 5.6.12: an optional numeric epoch, an upstream part that starts with a digit and
// holds only A-Z a-z 0-9 . + ~ (and - when there is a revision, : when there is an epoch), an
// optional revision of A-Z a-z 0-9 + . ~. At most 128 bytes.
bool isDebianVersion(std::string_view version);

// <0, 0, >0 as dpkg orders `a` and `b` (both must pass isDebianVersion).
int compareDebianVersions(std::string_view a, std::string_view b);

}  // namespace wire
