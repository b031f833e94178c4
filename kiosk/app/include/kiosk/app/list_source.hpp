// Reads the commitment list the kiosk shows from a file. (Signed lists from the hub replace this
// file through the sync client.) Plain function; any thread.
#pragma once

#include <filesystem>

#include "wire/commitment_list.hpp"

namespace kiosk::app {

// Throws wire::ListError naming the file and the bad field.
wire::CommitmentList loadListFile(const std::filesystem::path& file);

}  // namespace kiosk::app
