// libFuzzer target: commitment-list/1 and signed-commitment-list/1 as a kiosk reads them. Any input
// either parses or is refused with wire::ListError; anything else (a crash, another exception,
// unbounded recursion) is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "wire/commitment_list.hpp"
#include "wire/signed_list.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    wire::parseCommitmentList(text);
  } catch (const wire::ListError&) {
  }
  try {
    wire::verifySignedList(text, {});  // no trusted key: must refuse, never crash
  } catch (const wire::ListError&) {
  }
  return 0;
}
