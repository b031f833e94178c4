#include "kiosk/app/results_source.hpp"

#include "common/durable_file.hpp"
#include "common/text_file.hpp"

namespace kiosk::app {

void persistResults(const std::filesystem::path& dataDir, const wire::ResultsBoard& board) {
  common::writeFileDurably(dataDir / kPersistedResultsFile, wire::encodeResults(board));
}

wire::ResultsBoard loadPersistedResults(const std::filesystem::path& dataDir, const std::string& hall,
                                        std::int64_t minimum, std::string& problem) {
  const auto file = dataDir / kPersistedResultsFile;
  if (!std::filesystem::exists(file)) return {};
  try {
    wire::ResultsBoard board = wire::parseResults(common::readTextFile(file));
    if (board.hall != hall) {
      problem = file.string() + ": results are for hall " + board.hall + ", this kiosk is in " + hall;
      return {};
    }
    return wire::publicOnly(std::move(board), minimum);
  } catch (const std::exception& e) {
    problem = file.string() + ": " + e.what();
    return {};
  }
}

}  // namespace kiosk::app
