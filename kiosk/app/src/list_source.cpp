#include "kiosk/app/list_source.hpp"

#include <fstream>
#include <sstream>

#include "wire/list_limits.hpp"

namespace kiosk::app {

wire::CommitmentList loadListFile(const std::filesystem::path& file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) throw wire::ListError("", "cannot read commitment list " + file.string() + ": " + ec.message());
  if (size > wire::limits::kMaxDocumentBytes)  // refuse before reading an absurd file into memory
    throw wire::ListError("", "commitment list " + file.string() + " is too large (" + std::to_string(size) +
                                  " bytes, at most " + std::to_string(wire::limits::kMaxDocumentBytes) + ")");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return wire::parseCommitmentList(text.str());
}

}  // namespace kiosk::app
