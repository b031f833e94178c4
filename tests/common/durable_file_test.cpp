// common::writeFileDurably: whole files or none, and secrets that are never readable by others.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "common/durable_file.hpp"
#include "common/text_file.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;

namespace {
mode_t modeOf(const fs::path& file) {
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

// Runs with a umask that would leave new files world-readable, and restores the old one.
struct PermissiveUmask {
  mode_t old = ::umask(0);
  ~PermissiveUmask() { ::umask(old); }
};
}  // namespace

TEST_CASE("a file is replaced whole, and no temporary file is left behind") {
  testing::TempDir dir;
  common::writeFileDurably(dir / "a.txt", "first");
  common::writeFileDurably(dir / "a.txt", "second, longer");
  CHECK(common::readTextFile(dir / "a.txt") == "second, longer");
  CHECK_FALSE(fs::exists(dir / "a.txt.tmp"));
}

TEST_CASE("a secret is created 0600 whatever the umask, and a public file 0644") {
  testing::TempDir dir;
  PermissiveUmask umask;
  common::writeFileDurably(dir / "key.pem", "secret", common::FileMode::Secret);
  common::writeFileDurably(dir / "ca.pem", "public");
  CHECK(modeOf(dir / "key.pem") == 0600);
  CHECK(modeOf(dir / "ca.pem") == 0644);
}

TEST_CASE("a stale world-readable temporary file does not lend its mode to a secret") {
  testing::TempDir dir;
  PermissiveUmask umask;
  std::ofstream(dir / "key.pem.tmp") << "left over by a crash";
  fs::permissions(dir / "key.pem.tmp", fs::perms::all);
  common::writeFileDurably(dir / "key.pem", "secret", common::FileMode::Secret);
  CHECK(modeOf(dir / "key.pem") == 0600);
  CHECK(common::readTextFile(dir / "key.pem") == "secret");
}

TEST_CASE("a file that cannot be written is named, and the old one stays") {
  testing::TempDir dir;
  common::writeFileDurably(dir / "keep.txt", "old");
  CHECK_THROWS_WITH_AS(common::writeFileDurably(dir / "no-such-dir" / "x.txt", "y"),
                       doctest::Contains("no-such-dir/x.txt.tmp"), std::runtime_error);
  CHECK(common::readTextFile(dir / "keep.txt") == "old");
}

TEST_CASE("a file whose name became a folder is named, and no temporary file is left behind") {
  testing::TempDir dir;
  fs::create_directories(dir / "results.json" / "inside");  // what a stray mkdir leaves
  for (int i = 0; i < 3; ++i)
    CHECK_THROWS_WITH_AS(common::writeFileDurably(dir / "results.json", "{}"), doctest::Contains("results.json"),
                         std::runtime_error);
  CHECK_FALSE(fs::exists(dir / "results.json.tmp"));
  CHECK(fs::is_directory(dir / "results.json" / "inside"));  // nothing of it was touched
}
