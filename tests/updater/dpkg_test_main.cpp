// The updater's dpkg tests run only as root (dpkg --root) and with the packages this test run built
// (KIOSK_PACKAGE_DIR, from the debian_packages fixture); otherwise they say why and exit 77, which
// CTest counts as skipped.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "dpkg_fleet.hpp"

int main(int argc, char** argv) {
  if (::geteuid() != 0) {
    std::cout << "SKIP: dpkg --root needs root\n";
    return 77;
  }
  const char* dir = std::getenv("KIOSK_PACKAGE_DIR");
  if (!dir) {
    std::cout << "SKIP: KIOSK_PACKAGE_DIR (the built packages) is not set\n";
    return 77;
  }
  testing::packageDir = dir;
  doctest::Context context(argc, argv);
  return context.run();
}
