#include "kiosk/platform/product_paths.hpp"

namespace kiosk::platform {

std::filesystem::path productRoot() {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  const fs::path installed = exe.parent_path().parent_path() / "share/commitment-kiosk";
  if (!ec && fs::exists(installed / "config/kiosk.toml")) return installed;
  return KIOSK_SOURCE_ROOT;
}

}  // namespace kiosk::platform
