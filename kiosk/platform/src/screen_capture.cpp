#include "kiosk/platform/screen_capture.hpp"

#include <stb_image_resize.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>

namespace kiosk::platform {

namespace {

constexpr int kSmallestSide = 60;  // below this a screenshot shows nothing an administrator could read

std::optional<std::string> png(const RgbaFrame& frame) {
  std::string out;
  const auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
  };
  // The screen is opaque: RGB, a quarter smaller than RGBA.
  std::vector<unsigned char> rgb(frame.pixels.size() / 4 * 3);
  for (std::size_t i = 0, o = 0; i + 3 < frame.pixels.size(); i += 4, o += 3)
    std::copy_n(frame.pixels.begin() + static_cast<std::ptrdiff_t>(i), 3, rgb.begin() + static_cast<std::ptrdiff_t>(o));
  if (!stbi_write_png_to_func(append, &out, frame.width, frame.height, 3, rgb.data(), frame.width * 3))
    return std::nullopt;
  return out;
}

RgbaFrame scaled(const RgbaFrame& frame, int width, int height) {
  if (width == frame.width && height == frame.height) return frame;
  RgbaFrame out{width, height,
                std::vector<unsigned char>(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4)};
  stbir_resize_uint8(frame.pixels.data(), frame.width, frame.height, 0, out.pixels.data(), width, height, 0, 4);
  return out;
}

}  // namespace

std::optional<EncodedScreenshot> encodeScreenshot(const RgbaFrame& frame, int maxSide, std::size_t maxBytes) {
  if (frame.width <= 0 || frame.height <= 0 ||
      frame.pixels.size() != static_cast<std::size_t>(frame.width) * static_cast<std::size_t>(frame.height) * 4)
    return std::nullopt;
  double scale = std::min(1.0, static_cast<double>(maxSide) / std::max(frame.width, frame.height));
  for (;; scale /= 2) {
    const int w = std::max(1, static_cast<int>(std::lround(frame.width * scale)));
    const int h = std::max(1, static_cast<int>(std::lround(frame.height * scale)));
    if (std::max(w, h) < std::min(kSmallestSide, std::max(frame.width, frame.height))) return std::nullopt;
    auto bytes = png(scaled(frame, w, h));
    if (!bytes) return std::nullopt;
    if (bytes->size() <= maxBytes) return EncodedScreenshot{w, h, std::move(*bytes)};
  }
}

}  // namespace kiosk::platform
