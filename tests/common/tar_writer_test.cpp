// TarWriter: archives `tar` reads back byte for byte, made 0600 under a temporary name, and names
// ustar cannot hold refused with nothing left behind.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>

#include "common/tar_writer.hpp"
#include "temp_dir.hpp"

TEST_CASE("tar reads back every member, its bytes and its mode") {
  testing::TempDir dir;
  std::string big(70'000, 'x');  // more than one copy buffer and not a whole number of blocks
  big[69'999] = 'y';
  testing::writeFile(dir / "big.bin", big);
  testing::writeFile(dir / "empty", "");
  {
    common::TarWriter tar(dir / "a.tar");
    tar.addFolder("tls", 0700);
    tar.add("tls/big.bin", dir / "big.bin", 0600);
    tar.add("empty", dir / "empty", 0644);
    tar.finish();
    CHECK(tar.members() == 3);
  }
  struct stat st {};
  REQUIRE(::stat((dir / "a.tar").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(st.st_size % 512 == 0);
  std::filesystem::create_directory(dir / "out");
  const std::string untar = "tar -xf '" + (dir / "a.tar").string() + "' -C '" + (dir / "out").string() + "'";
  REQUIRE(std::system(untar.c_str()) == 0);
  CHECK(testing::readFile(dir / "out/tls/big.bin") == big);
  CHECK(testing::readFile(dir / "out/empty").empty());
  REQUIRE(::stat((dir / "out/tls/big.bin").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("a name ustar cannot hold, or a missing source, is refused by name and no archive is left") {
  testing::TempDir dir;
  testing::writeFile(dir / "f", "x");
  for (const std::string& bad :
       {std::string(101, 'n'), std::string("/etc/passwd"), std::string("../up"), std::string()}) {
    CAPTURE(bad);
    {
      common::TarWriter tar(dir / "a.tar");
      CHECK_THROWS_WITH(tar.add(bad, dir / "f", 0600), doctest::Contains("a member name must be relative"));
    }
    CHECK_FALSE(std::filesystem::exists(dir / "a.tar"));
    CHECK_FALSE(std::filesystem::exists(dir / "a.tar.partial"));
  }
  common::TarWriter tar(dir / "a.tar");
  CHECK_THROWS_WITH(tar.add("gone", dir / "gone", 0600), doctest::Contains("cannot read"));
  CHECK_THROWS_WITH(common::TarWriter(dir / "no/such/a.tar"), doctest::Contains("cannot create"));
}
