// Files that survive a power cut or a pulled USB stick, and secrets that are never readable by
// others, not even for a moment: written to a temporary name created with its final mode, flushed
// to the device, then renamed, and the rename flushed too. Plain functions; any thread.
#pragma once

#include <filesystem>
#include <string_view>

namespace common {

enum class FileMode {
  Public,  // 0644 (less the umask): configs, certificates, public keys, exports
  Secret,  // 0600 from the moment the file exists: private keys, tokens
};

// Leaves either the old `file` or the complete new one, never a part. Throws std::runtime_error
// naming the file and the system's reason.
void writeFileDurably(const std::filesystem::path& file, std::string_view bytes, FileMode mode = FileMode::Public);

// Flushes a directory's entries (after a rename or a new file in it); errors are ignored because
// some file systems (FAT on USB sticks among them) cannot fsync a directory.
void syncDirectory(const std::filesystem::path& dir) noexcept;

}  // namespace common
