// libFuzzer target: kioskctl's CSV list builder (UTF-8, BOM or GB18030 bytes as Excel/WPS save
// them). Refused with a CsvError or a ListError naming the line and column, or built into a list
// that the kiosk's own parser accepts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "list_sheet/list_sheet.hpp"
#include "wire/commitment_list.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const list_sheet::ListHeader header{"fuzz", "hall-01",   1, "题目", "2026-11-21T08:00:00+08:00",
                                             {},     std::nullopt};
  std::string json;
  try {
    json = list_sheet::buildListFromCsv(std::string_view(reinterpret_cast<const char*>(data), size), header);
  } catch (const list_sheet::CsvError&) {
    return 0;
  } catch (const wire::ListError&) {
    return 0;
  }
  try {
    wire::parseCommitmentList(json);
  } catch (const wire::ListError&) {
    std::abort();  // kioskctl must never write a list the kiosks would refuse
  }
  return 0;
}
