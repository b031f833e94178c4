// Every secret file kiosk-hub and kioskctl write is 0600 from the moment it exists — checked under
// umask 000, where anything created with default permissions and narrowed later would show up
// world-readable — while certificates and public keys stay readable.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "hub_process.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;

namespace {
unsigned modeOf(const fs::path& file) {
  struct stat st {};
  REQUIRE_MESSAGE(::stat(file.c_str(), &st) == 0, file.string());
  return st.st_mode & 0777u;
}
}  // namespace

TEST_CASE("kiosk-hub init: keys and the database are 0600, certificates and config readable") {
  testing::TempDir dir;
  const std::string hub = (dir / "hub").string();
  REQUIRE(testing::run("umask 000 && " + testing::hubBinary() + " init --dir " + hub + " --deployment d 2>/dev/null")
              .status == 0);
  for (const char* secret : {"tls/ca.key", "tls/server.key", "hub.db"})
    CHECK_MESSAGE(modeOf(dir / "hub" / secret) == 0600u, secret);
  for (const char* open : {"tls/ca.pem", "tls/server.pem", "hub.toml"})
    CHECK_MESSAGE(modeOf(dir / "hub" / open) == 0644u, open);
  for (const auto& entry : fs::recursive_directory_iterator(dir / "hub"))
    CHECK_MESSAGE(entry.path().extension() != ".tmp", entry.path().string());
}

TEST_CASE("kioskctl keygen: the private key is 0600, the public key readable") {
  testing::TempDir dir;
  REQUIRE(testing::run("umask 000 && " + testing::kioskctlBinary() + " keygen --out " + (dir / "admin.pem").string() +
                       " --public-out " + (dir / "admin.pub").string() + " 2>/dev/null")
              .status == 0);
  CHECK(modeOf(dir / "admin.pem") == 0600u);
  CHECK(modeOf(dir / "admin.pub") == 0644u);
}
