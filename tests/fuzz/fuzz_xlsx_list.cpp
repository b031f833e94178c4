// libFuzzer target: an uploaded workbook as the list builder reads it (a ZIP, then XML), seeded with
// a real .xlsx; anything ends in a list or a CsvError naming the problem, within the size limits.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "list_sheet/list_sheet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const list_sheet::ListHeader header{"d", "hall-01", 2, "t", "2026-11-26T08:00:00+08:00", {}, std::nullopt};
  try {
    (void)list_sheet::buildListFromXlsx(std::string_view(reinterpret_cast<const char*>(data), size), header);
  } catch (const list_sheet::CsvError&) {
  }
  return 0;
}
