// Writes a POSIX ustar archive (what `tar -xf` reads everywhere) file by file, streaming each
// member from disk, so a database of gigabytes never sits in memory. The archive is made under a
// temporary name with mode 0600 (it may hold keys and password hashes), flushed and renamed into
// place by finish(): a crash leaves the old file or none, never half an archive under the final
// name. Owned and used by one thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace common {

class TarWriter {
 public:
  // Throws std::runtime_error naming `archive` when its temporary file cannot be made.
  explicit TarWriter(std::filesystem::path archive);
  ~TarWriter();  // without finish(): removes the temporary file
  TarWriter(const TarWriter&) = delete;
  TarWriter& operator=(const TarWriter&) = delete;

  // Adds the regular file `source` under `name` (relative, '/'-separated, at most 100 bytes) with
  // the given permission bits. Throws naming the file on a read error or a name ustar cannot hold.
  void add(const std::string& name, const std::filesystem::path& source, unsigned mode);
  // Adds a folder entry (so `tar -xf` makes it with these permissions even when empty).
  void addFolder(const std::string& name, unsigned mode);
  // Ends the archive, flushes it to the device and renames it to its final name.
  void finish();

  std::int64_t members() const { return members_; }

 private:
  void writeHeader(const std::string& name, std::uint64_t size, unsigned mode, char type);
  void write(const char* data, std::size_t n);

  std::filesystem::path archive_;
  std::filesystem::path partial_;
  int fd_ = -1;
  std::int64_t members_ = 0;
};

}  // namespace common
