// libFuzzer target: the heartbeat as the hub reads it (acknowledgements included) — a parsed
// heartbeat round-trips exactly — and what rides with it: the answer with its commands as a kiosk
// reads it, an administrator's command request, and the screenshot a kiosk posts for a 截屏 (its
// PNG header is read only within the bytes).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "wire/heartbeat.hpp"
#include "wire/kiosk_command.hpp"
#include "wire/kiosk_screenshot.hpp"

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
  try {
    const auto shot = wire::parseScreenshotUpload(text);
    if (wire::parseScreenshotUpload(wire::encodeScreenshotUpload(shot)).png != shot.png) std::abort();
  } catch (const wire::ScreenshotError&) {
  }
  if (const auto size = wire::pngSize(text); size && (size->width <= 0 || size->height <= 0)) std::abort();
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
