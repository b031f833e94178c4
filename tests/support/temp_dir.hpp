// A fresh directory under the system temp dir, removed with everything in it on destruction.
// One per test; not shared between threads.
#pragma once

#include <filesystem>
#include <string>

namespace testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// The source tree's root, for config/ and the demo list.
std::filesystem::path sourceRoot();
std::string readFile(const std::filesystem::path& file);
void writeFile(const std::filesystem::path& file, const std::string& text);

}  // namespace testing
