// libFuzzer target: the CSV list builder of kioskctl and the console (UTF-8, BOM or GB18030 bytes as
// Excel/WPS save them, 群众意见 citations included). Refused with a CsvError or a ListError naming the line and column,
// or built into a list that the kiosk's own parser accepts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "list_sheet/list_sheet.hpp"
#include "wire/commitment_list.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // With accepted suggestions to cite, as the console builds it: the 群众意见 column resolves too.
  static const list_sheet::ListHeader header{
      "fuzz",
      "hall-01",
      1,
      "题目",
      "2026-11-21T08:00:00+08:00",
      {},
      std::map<std::int64_t, std::string>{{1, "周末也开"}, {12, "多开一个窗口"}}};
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
