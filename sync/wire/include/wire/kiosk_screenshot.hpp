// A kiosk's screenshot, posted to the hub in answer to a 截屏 command (kiosk_command.hpp): the
// command's id, which screen it shows (only attract, list or closed are ever photographed: never
// staff mode or a resident mid-rating), and the PNG itself, at most kMaxScreenshotSide pixels on
// its longer side and kMaxScreenshotBytes long. JSON with the PNG in base64, so it travels on the
// kiosk's JSON transport under the ordinary body limit. The PNG's own header is read back and must
// agree with the stated size: the hub serves only what it has checked is a PNG of that size.
// Pure functions over values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace wire {

inline constexpr int kMaxScreenshotSide = 960;
// 600 KiB of PNG is 800 KiB of base64: under the hub's 1 MiB body limit with room for the rest.
inline constexpr std::size_t kMaxScreenshotBytes = 600 * 1024;

struct ScreenshotUpload {
  std::string commandId;  // the 截屏 command it answers
  std::string screen;     // "attract", "list" or "closed"
  int width = 0, height = 0;
  std::string png;  // the file's bytes
};

class ScreenshotError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

bool isScreenshotScreen(std::string_view screen);  // attract, list, closed

// The width and height in a PNG's header (signature, then IHDR first), or nothing when `bytes`
// does not start like a PNG.
struct PngSize {
  int width = 0, height = 0;
};
std::optional<PngSize> pngSize(std::string_view bytes);

std::string encodeScreenshotUpload(const ScreenshotUpload& upload);
// Throws ScreenshotError naming the field: not JSON, a bad command id or screen, a PNG that is
// not base64 or not a PNG, larger than the limits, or of another size than stated.
ScreenshotUpload parseScreenshotUpload(std::string_view json);

}  // namespace wire
