// The hub's data files (core/data/*, built into the binary): each file's lines that carry data —
// not empty, not a comment (a line starting with #). The one reader of those files, so each keeps
// the same format. Pure; thread-safe (the files are constant).
#pragma once

#include <string_view>
#include <vector>

namespace hub {

// The data lines of `fileName` (its base name under core/data/), in order; views into the binary.
std::vector<std::string_view> dataLines(std::string_view fileName);

}  // namespace hub
