// Second-factor secrets sealed under a key file: round trip, a fresh nonce each time, nothing
// opened with another key or after a change, the key file made 0600, and a bad key file named.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include "hub/console/secret_seal.hpp"
#include "temp_dir.hpp"

using hub::console::SecretSeal;

TEST_CASE("sealed with the key file's key, opened only with it, unchanged") {
  testing::TempDir dir;
  const auto seal = SecretSeal::fromKeyFile(dir / "second-factor.key");
  struct stat st {};
  REQUIRE(::stat((dir / "second-factor.key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  const std::string sealed = seal.seal("12345678901234567890");
  CHECK(sealed.find("12345678901234567890") == std::string::npos);
  CHECK(seal.seal("12345678901234567890") != sealed);  // a new nonce each time
  CHECK(seal.open(sealed) == std::optional<std::string>("12345678901234567890"));
  // The same file again (a restart, another hub): the same key.
  CHECK(SecretSeal::fromKeyFile(dir / "second-factor.key").open(sealed) ==
        std::optional<std::string>("12345678901234567890"));
  CHECK_FALSE(SecretSeal::random().open(sealed));
  std::string altered = sealed;
  altered[20] = altered[20] == 'A' ? 'B' : 'A';
  CHECK_FALSE(seal.open(altered));
  CHECK_FALSE(seal.open("not base64 at all"));
  CHECK_FALSE(seal.open(""));
}

TEST_CASE("a key file that holds no key is refused with its name") {
  testing::TempDir dir;
  testing::writeFile(dir / "second-factor.key", "too short\n");
  try {
    SecretSeal::fromKeyFile(dir / "second-factor.key");
    FAIL("a bad key file was accepted");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("second-factor.key: not a second-factor key") != std::string::npos);
  }
}
