// libFuzzer target: the code a phone brings from a kiosk's QR, as the hub reads it before trusting
// it — any text either refused with PhoneCodeError or read into fields every check holds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "wire/list_limits.hpp"
#include "wire/phone_code.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto read = wire::readPhoneCode(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!wire::limits::isSafeId(read.code.kiosk) || !wire::limits::isSafeId(read.code.hall) ||
        read.code.issuedAt <= 0 || read.signature.size() != 64 || read.code.nonce.size() > 32)
      std::abort();
  } catch (const wire::PhoneCodeError&) {
  }
  return 0;
}
