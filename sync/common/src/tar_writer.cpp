#include "common/tar_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <stdexcept>

#include "common/durable_file.hpp"

namespace common {

namespace {

constexpr std::size_t kBlock = 512;
constexpr std::uint64_t kLargestUstarSize = 077777777777ULL;  // 11 octal digits: 8 GiB - 1

std::runtime_error systemError(const std::string& what, const std::filesystem::path& file) {
  return std::runtime_error(what + " " + file.string() + ": " + std::strerror(errno));
}

void octal(char* field, std::size_t width, std::uint64_t value) {
  // width - 1 digits, zero-padded, then NUL, as ustar expects.
  std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1), static_cast<unsigned long long>(value));
}

}  // namespace

TarWriter::TarWriter(std::filesystem::path archive)
    : archive_(std::move(archive)), partial_(archive_.string() + ".partial") {
  fd_ = ::open(partial_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd_ < 0) throw systemError("cannot create", partial_);
}

TarWriter::~TarWriter() {
  if (fd_ >= 0) {
    ::close(fd_);
    std::error_code ignored;
    std::filesystem::remove(partial_, ignored);
  }
}

void TarWriter::write(const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd_, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      throw systemError("cannot write", partial_);
    }
    data += w;
    n -= static_cast<std::size_t>(w);
  }
}

void TarWriter::writeHeader(const std::string& name, std::uint64_t size, unsigned mode, char type) {
  if (name.empty() || name.size() > 100 || name.front() == '/' || name.find("..") != std::string::npos)
    throw std::runtime_error("cannot archive \"" + name + "\": a member name must be relative and at most 100 bytes");
  if (size > kLargestUstarSize)
    throw std::runtime_error("cannot archive \"" + name + "\": larger than the 8 GiB a ustar member holds");
  std::array<char, kBlock> h{};
  std::memcpy(h.data(), name.data(), name.size());
  octal(h.data() + 100, 8, mode & 07777);
  octal(h.data() + 108, 8, 0);  // uid
  octal(h.data() + 116, 8, 0);  // gid
  octal(h.data() + 124, 12, size);
  octal(h.data() + 136, 12, static_cast<std::uint64_t>(std::time(nullptr)));
  h[156] = type;
  std::memcpy(h.data() + 257, "ustar", 6);  // magic with its NUL ...
  std::memcpy(h.data() + 263, "00", 2);     // ... and version
  std::memset(h.data() + 148, ' ', 8);      // the checksum counts its own field as spaces
  unsigned sum = 0;
  for (char c : h) sum += static_cast<unsigned char>(c);
  std::snprintf(h.data() + 148, 8, "%06o", sum);  // six digits, NUL, and the space already there
  write(h.data(), h.size());
}

void TarWriter::add(const std::string& name, const std::filesystem::path& source, unsigned mode) {
  const int in = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) throw systemError("cannot read", source);
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{in};
  const auto size = static_cast<std::uint64_t>(std::filesystem::file_size(source));
  writeHeader(name, size, mode, '0');
  std::array<char, 64 * 1024> buffer{};
  std::uint64_t copied = 0;
  while (copied < size) {
    const ssize_t r = ::read(in, buffer.data(), buffer.size());
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) throw systemError("cannot read", source);
    if (r == 0) throw std::runtime_error("cannot archive " + source.string() + ": it shrank while being read");
    const auto n = std::min<std::uint64_t>(static_cast<std::uint64_t>(r), size - copied);
    write(buffer.data(), static_cast<std::size_t>(n));
    copied += n;
  }
  const std::array<char, kBlock> zeros{};
  if (const std::size_t tail = static_cast<std::size_t>(size % kBlock); tail != 0) write(zeros.data(), kBlock - tail);
  ++members_;
}

void TarWriter::addFolder(const std::string& name, unsigned mode) {
  writeHeader(name.back() == '/' ? name : name + "/", 0, mode, '5');
  ++members_;
}

void TarWriter::finish() {
  const std::array<char, 2 * kBlock> end{};  // two zero blocks end a tar archive
  write(end.data(), end.size());
  if (::fsync(fd_) != 0) throw systemError("cannot flush", partial_);
  ::close(fd_);
  fd_ = -1;
  std::error_code ec;
  std::filesystem::rename(partial_, archive_, ec);
  if (ec) {
    std::filesystem::remove(partial_, ec);
    throw std::runtime_error("cannot rename " + partial_.string() + " to " + archive_.string());
  }
  syncDirectory(archive_.parent_path().empty() ? "." : archive_.parent_path());
}

}  // namespace common
