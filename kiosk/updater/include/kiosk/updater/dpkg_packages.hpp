// The updater's dealings with dpkg for the one package it manages, commitment-kiosk: which version
// is installed, what a .deb file says it is, installing one, and keeping a copy of the installed
// package so a rollback never needs the network. Against the system (root "/") or, for tests, a
// throwaway root: `dpkg --root=R --force-script-chrootless`, whose maintainer scripts then act
// under $DPKG_ROOT only (the package's postinst honours it) and never on this machine.
// Plain functions running dpkg, dpkg-query and dpkg-deb; the updater's one thread.
#pragma once

#include <filesystem>
#include <string>

#include "common/deb_info.hpp"
#include "common/process_runner.hpp"

namespace kiosk::updater {

inline constexpr const char* kKioskPackage = "commitment-kiosk";

struct DpkgRoot {
  std::filesystem::path root;  // empty: this machine
  bool isSystem() const { return root.empty(); }
};

// The installed version of commitment-kiosk ("" when it is not installed, or half-installed).
std::string installedVersion(const DpkgRoot& target);

// Shared with kioskctl (which builds manifests from a .deb), so they live in common.
using common::DebInfo;
using common::ProcessResult;
using common::readDebInfo;
using common::runProcess;

// dpkg -i, unattended: local changes to conffiles kept (--force-confold), no question asked.
ProcessResult installPackage(const DpkgRoot& target, const std::filesystem::path& deb);

// Writes the installed commitment-kiosk back into a .deb at `out` (its files as installed, its
// control fields, maintainer scripts and conffiles list), as dpkg-repack does: the rollback copy
// for a kiosk whose package was installed by hand rather than by the updater. Throws
// std::runtime_error saying what could not be read or built.
void repackInstalled(const DpkgRoot& target, const std::filesystem::path& out);

}  // namespace kiosk::updater
