// Reading an input document (a list, a key, a CSV) whole, the one way the kiosk, the hub and
// kioskctl all do it. A plain function; any thread.
#pragma once

#include <filesystem>
#include <string>

namespace wire {

// The file's bytes. Throws std::runtime_error naming the file when it cannot be read.
std::string readTextFile(const std::filesystem::path& file);

}  // namespace wire
