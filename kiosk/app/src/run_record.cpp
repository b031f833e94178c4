#include "kiosk/app/run_record.hpp"

#include <charconv>
#include <string>

#include "common/durable_file.hpp"
#include "common/text_file.hpp"

namespace kiosk::app {

namespace {

std::int64_t valueOf(std::string_view text, std::string_view key) {
  const auto at = text.find(std::string(key) + "=");
  if (at == std::string_view::npos) return 0;
  const char* first = text.data() + at + key.size() + 1;
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(first, text.data() + text.size(), n);
  return ec == std::errc() && end != first && n >= 0 ? n : 0;
}

}  // namespace

RunRecord parseRunRecord(std::string_view text) { return {valueOf(text, "starts"), valueOf(text, "unclean")}; }

RunRecord noteStart(const std::filesystem::path& dataDir) {
  RunRecord record;
  std::error_code ec;
  if (std::filesystem::exists(dataDir / kRunsFile, ec)) {
    try {
      record = parseRunRecord(common::readTextFile(dataDir / kRunsFile));
    } catch (const std::exception&) {  // unreadable: start counting again
    }
  }
  if (std::filesystem::exists(dataDir / kRunningMarker, ec)) ++record.unclean;
  ++record.starts;
  common::writeFileDurably(dataDir / kRunsFile, "starts=" + std::to_string(record.starts) +
                                                    " unclean=" + std::to_string(record.unclean) + "\n");
  common::writeFileDurably(dataDir / kRunningMarker, "running\n");
  return record;
}

void noteCleanExit(const std::filesystem::path& dataDir) noexcept {
  std::error_code ec;
  std::filesystem::remove(dataDir / kRunningMarker, ec);
}

}  // namespace kiosk::app
