// A frame of the kiosk's screen made into the PNG a 截屏 command sends to the hub: scaled down
// (never up) so its longer side is at most the given size, then halved again while the PNG is
// still larger than allowed (a screen full of photos compresses badly). Pure: pixels in, bytes
// out, no GL; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::platform {

// RGBA, 8 bits a channel, the top row first.
struct RgbaFrame {
  int width = 0, height = 0;
  std::vector<unsigned char> pixels;
};

struct EncodedScreenshot {
  int width = 0, height = 0;
  std::string png;
};

// Nothing when the frame is empty or inconsistent, or no size down to 60 px fits `maxBytes`.
std::optional<EncodedScreenshot> encodeScreenshot(const RgbaFrame& frame, int maxSide, std::size_t maxBytes);

}  // namespace kiosk::platform
