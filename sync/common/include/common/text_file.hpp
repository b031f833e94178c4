// Reading an input document (a list, a key, a CSV) or a one-line secret (a bearer token) whole,
// the one way the kiosk, the hub and kioskctl all do it. Plain functions; any thread.
#pragma once

#include <filesystem>
#include <string>

namespace common {

// The file's bytes. Throws std::runtime_error naming the file when it cannot be read.
std::string readTextFile(const std::filesystem::path& file);

// The first line of `file` without its line end (a token file as `token create` prints it).
// Throws std::runtime_error naming the file when it cannot be read or the line is empty.
std::string readFirstLine(const std::filesystem::path& file);

}  // namespace common
