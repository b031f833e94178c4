// ZIP archives in memory (minizip over an in-memory file, never a temporary one): writing the
// downloads that are several files (a kiosk's enrolment bundle), and reading what people upload
// (an XLSX workbook is a ZIP) with every size checked as it is inflated, so a "zip bomb" is
// refused after the limit, not after it has filled memory. Names are UTF-8 (flagged so Windows
// shows 安装说明.txt right) and carry Unix modes, so a secret keeps 0600 when unpacked. Pure;
// thread-safe.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace common {

struct ZipEntry {
  std::string path;  // "hub/kiosk-token": folders are implied by the path
  std::string content;
  bool secret = false;  // 0600 instead of 0644
};

// Throws std::runtime_error if minizip refuses (it does not, short of memory).
std::string zipArchive(const std::vector<ZipEntry>& entries, long long modifiedUnix);

class ZipError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ZipLimits {
  std::size_t maxEntries = 1000;
  std::size_t maxEntryBytes = 16 * 1024 * 1024;  // one member, inflated
  std::size_t maxTotalBytes = 32 * 1024 * 1024;  // everything read, inflated
};

// The members named in `wanted` (path -> bytes; a name missing from the archive is absent from the
// result). Throws ZipError when `bytes` is not a ZIP archive, or a limit is passed while inflating
// (whatever the archive's headers claim).
std::map<std::string, std::string> readZipMembers(std::string_view bytes, const std::vector<std::string>& wanted,
                                                  const ZipLimits& limits = {});

}  // namespace common
