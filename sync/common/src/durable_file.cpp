#include "common/durable_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace common {

void writeFileDurably(const std::filesystem::path& file, std::string_view bytes, FileMode mode) {
  const auto temp = std::filesystem::path(file.string() + ".tmp");
  const auto failed = [&](const char* what) {
    return std::runtime_error(std::string("cannot ") + what + " " + temp.string() + ": " + std::strerror(errno));
  };
  const mode_t perms = mode == FileMode::Secret ? 0600 : 0644;
  // A stale temporary file from an interrupted run would keep its old mode through O_TRUNC.
  ::unlink(temp.c_str());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, perms);
  if (fd < 0) throw failed("write");
  std::size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      const auto error = failed("write");
      ::close(fd);
      ::unlink(temp.c_str());
      throw error;
    }
    off += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const auto error = failed("flush");
    ::close(fd);
    ::unlink(temp.c_str());
    throw error;
  }
  if (::close(fd) != 0) {
    const auto error = failed("close");
    ::unlink(temp.c_str());
    throw error;
  }
  std::error_code ec;
  std::filesystem::rename(temp, file, ec);
  if (ec) {
    // (e.g. `file` became a folder): no temporary file left behind to pile up at every try
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot rename " + temp.string() + " to " + file.string() + ": " + ec.message());
  }
  syncDirectory(file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path());
}

void syncDirectory(const std::filesystem::path& dir) noexcept {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace common
