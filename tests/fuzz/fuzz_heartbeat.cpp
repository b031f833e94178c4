// libFuzzer target: the heartbeat as the hub reads it (acknowledgements included) — a parsed
// heartbeat round-trips exactly — and what rides with it: the answer with its commands as a kiosk
// reads it, and an administrator's command request.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "wire/heartbeat.hpp"
#include "wire/kiosk_command.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto answer = wire::parseHeartbeatAnswer(text);
    if (wire::parseHeartbeatAnswer(wire::encodeHeartbeatAnswer(answer)).commands.size() != answer.commands.size())
      std::abort();
  } catch (const wire::CommandError&) {
  }
  try {
    wire::parseCommandRequest(text);
  } catch (const wire::CommandError&) {
  }
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
