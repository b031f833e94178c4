// The kiosk's signing key: made once (private 0600, public beside it), the same key on every later
// start, and a damaged file never silently replaced — the hub knows the kiosk by that key.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include "common/durable_file.hpp"
#include "common/text_file.hpp"
#include "kiosk/app/kiosk_key.hpp"
#include "temp_dir.hpp"

using namespace kiosk::app;

TEST_CASE("the key is made on first start, kept 0600, and read back the same afterwards") {
  testing::TempDir dir;
  const auto data = dir / "data" / "hall-01-k1";  // not there yet: made on the way
  const auto first = loadOrCreateKioskKey(data);
  struct stat st {};
  REQUIRE(::stat((data / kKioskKeyFile).c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(common::readTextFile(data / kKioskPublicKeyFile) == first.publicKey().toPem());
  const auto again = loadOrCreateKioskKey(data);
  CHECK(again.publicKey().toPem() == first.publicKey().toPem());
  const std::string message = "batch bytes";
  CHECK(first.publicKey().verify(message, again.sign(message)));

  // The public half is a convenience: removed, it comes back from the private one.
  std::filesystem::remove(data / kKioskPublicKeyFile);
  loadOrCreateKioskKey(data);
  CHECK(common::readTextFile(data / kKioskPublicKeyFile) == first.publicKey().toPem());
}

TEST_CASE("a damaged key file is reported with what to do, and left as it is") {
  testing::TempDir dir;
  common::writeFileDurably(dir / kKioskKeyFile, "-----BEGIN PRIVATE KEY-----\ngarbage\n", common::FileMode::Secret);
  try {
    loadOrCreateKioskKey(dir.path());
    FAIL("a damaged key was accepted");
  } catch (const KioskKeyError& e) {
    const std::string what = e.what();
    CHECK(what.find(kKioskKeyFile) != std::string::npos);
    CHECK(what.find("enrol the kiosk again") != std::string::npos);
  }
  CHECK(common::readTextFile(dir / kKioskKeyFile) == "-----BEGIN PRIVATE KEY-----\ngarbage\n");
}
