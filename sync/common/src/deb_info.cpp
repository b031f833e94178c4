#include "common/deb_info.hpp"

#include <sstream>
#include <stdexcept>

#include "common/process_runner.hpp"

namespace common {

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

DebInfo readDebInfo(const std::filesystem::path& deb) {
  const auto r =
      runProcess({"dpkg-deb", "-f", deb.string(), "Package", "Version", "Architecture"}, std::chrono::seconds(60));
  if (!r.ok())
    throw std::runtime_error(deb.string() + " is not a Debian package dpkg-deb can read: " + trimmed(r.output));
  DebInfo info;
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);) {
    const auto colon = line.find(": ");
    if (colon == std::string::npos) continue;
    const std::string name = line.substr(0, colon), value = trimmed(line.substr(colon + 2));
    if (name == "Package") info.package = value;
    if (name == "Version") info.version = value;
    if (name == "Architecture") info.architecture = value;
  }
  return info;
}

}  // namespace common
