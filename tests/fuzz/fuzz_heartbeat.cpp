// libFuzzer target: the heartbeat as the hub reads it; a parsed heartbeat round-trips exactly.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "wire/heartbeat.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  wire::Heartbeat hb;
  try {
    hb = wire::parseHeartbeat(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const wire::HeartbeatError&) {
    return 0;
  }
  const std::string once = wire::encodeHeartbeat(hb);
  if (wire::encodeHeartbeat(wire::parseHeartbeat(once)) != once) std::abort();
  return 0;
}
