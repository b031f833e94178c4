// libFuzzer target: the enrolment formats as the hub and kioskctl read them (an administrator's
// kiosk request, the hub's enrolment answer, a kiosk's key); a parsed answer round-trips exactly.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "wire/enrolment.hpp"
#include "wire/enrolment_bundle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)wire::parseKioskRef(text, size % 2 == 0);
  } catch (const wire::EnrolmentError&) {
  }
  try {
    (void)wire::parseKioskKey(text);
  } catch (const wire::EnrolmentError&) {
  }
  try {
    const wire::Enrolment e = wire::parseEnrolment(text);
    const std::string once = wire::encodeEnrolment(e);
    if (wire::encodeEnrolment(wire::parseEnrolment(once)) != once) std::abort();
    (void)wire::enrolmentBundle(e, {"https://hub.example:8443", "CA", "大厅", "{}", 1});
  } catch (const wire::EnrolmentError&) {
  }
  return 0;
}
