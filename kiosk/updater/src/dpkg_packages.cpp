#include "kiosk/updater/dpkg_packages.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace kiosk::updater {

namespace fs = std::filesystem;

namespace {

// dpkg may wait for its lock or run maintainer scripts; a package of ours installs in seconds.
constexpr std::chrono::seconds kDpkgLimit{600};
constexpr std::chrono::seconds kQueryLimit{60};

fs::path adminDir(const DpkgRoot& t) { return (t.isSystem() ? fs::path("/") : t.root) / "var/lib/dpkg"; }

std::vector<std::string> dpkgQuery(const DpkgRoot& t) { return {"dpkg-query", "--admindir=" + adminDir(t).string()}; }

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string readAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string installedVersion(const DpkgRoot& target) {
  auto argv = dpkgQuery(target);
  argv.insert(argv.end(), {"-W", "-f=${db:Status-Abbrev}|${Version}", kKioskPackage});
  const auto r = runProcess(argv, kQueryLimit);
  const std::string out = trimmed(r.output);
  // "ii |1.4.0-1": installed and configured; anything else (not installed, half-configured) counts as none.
  if (!r.ok() || out.rfind("ii ", 0) != 0) return {};
  return out.substr(out.find('|') + 1);
}

ProcessResult installPackage(const DpkgRoot& target, const fs::path& deb) {
  std::vector<std::string> argv{"dpkg"};
  if (!target.isSystem())
    argv.insert(argv.end(), {"--root=" + target.root.string(), "--force-script-chrootless", "--force-depends"});
  argv.insert(argv.end(), {"--force-confdef", "--force-confold", "-i", deb.string()});
  return runProcess(argv, kDpkgLimit);
}

void repackInstalled(const DpkgRoot& target, const fs::path& out) {
  const fs::path info = adminDir(target) / "info";
  const fs::path root = target.isSystem() ? fs::path("/") : target.root;
  const fs::path staging = out.string() + ".d";
  fs::remove_all(staging);
  fs::create_directories(staging / "DEBIAN");
  // The files as installed, in dpkg's own list (directories first: the list is in tree order).
  std::istringstream list(readAll(info / (std::string(kKioskPackage) + ".list")));
  int files = 0;
  for (std::string path; std::getline(list, path);) {
    if (path.empty() || path == "/." || path[0] != '/') continue;
    const fs::path from = root / path.substr(1), to = staging / path.substr(1);
    const auto status = fs::symlink_status(from);
    if (fs::is_directory(status)) {
      fs::create_directories(to);
    } else if (fs::is_symlink(status)) {
      fs::create_directories(to.parent_path());
      fs::copy_symlink(from, to);
    } else if (fs::is_regular_file(status)) {
      fs::create_directories(to.parent_path());
      fs::copy_file(from, to, fs::copy_options::overwrite_existing);
      ++files;
    }  // missing: left out, as dpkg-repack does
  }
  if (files == 0) throw std::runtime_error(std::string("no installed file of ") + kKioskPackage + " to repack");
  // The control fields without dpkg's bookkeeping (Status, Conffiles).
  auto argv = dpkgQuery(target);
  argv.insert(argv.end(), {"-s", kKioskPackage});
  const auto status = runProcess(argv, kQueryLimit);
  if (!status.ok())
    throw std::runtime_error("dpkg-query cannot describe the installed package: " + trimmed(status.output));
  std::istringstream fields(status.output);
  std::string control;
  bool skipping = false;
  for (std::string line; std::getline(fields, line);) {
    if (line.empty()) continue;
    if (line[0] != ' ') skipping = line.rfind("Status:", 0) == 0 || line.rfind("Conffiles:", 0) == 0;
    if (!skipping) control += line + "\n";
  }
  std::ofstream(staging / "DEBIAN/control") << control;
  for (const char* script : {"preinst", "postinst", "prerm", "postrm", "conffiles"}) {
    const fs::path from = info / (std::string(kKioskPackage) + "." + script);
    if (!fs::exists(from)) continue;
    fs::copy_file(from, staging / "DEBIAN" / script, fs::copy_options::overwrite_existing);
    fs::permissions(staging / "DEBIAN" / script,
                    std::string(script) == "conffiles" ? fs::perms(0644) : fs::perms(0755));
  }
  const auto built =
      runProcess({"dpkg-deb", "--root-owner-group", "--build", staging.string(), out.string()}, kDpkgLimit);
  fs::remove_all(staging);
  if (!built.ok())
    throw std::runtime_error("dpkg-deb could not rebuild the installed package: " + trimmed(built.output));
}

}  // namespace kiosk::updater
