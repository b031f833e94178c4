#include "wire/kiosk_screenshot.hpp"

#include <nlohmann/json.hpp>

#include "wire/crypto.hpp"
#include "wire/json_input.hpp"
#include "wire/list_limits.hpp"

namespace wire {

using nlohmann::json;

namespace {

struct UploadError : ScreenshotError {
  UploadError(const std::string& field, const std::string& problem)
      : ScreenshotError(field.empty() ? problem : "screenshot." + field + ": " + problem) {}
};

std::uint32_t bigEndian32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3]));
}

}  // namespace

bool isScreenshotScreen(std::string_view screen) {
  return screen == "attract" || screen == "list" || screen == "closed";
}

std::optional<PngSize> pngSize(std::string_view bytes) {
  // 8-byte signature, then the IHDR chunk: length 13, "IHDR", width, height (big-endian, 1..2^31-1).
  static constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
  if (bytes.size() < 8 + 8 + 13 + 4 || bytes.substr(0, 8) != kSignature) return std::nullopt;
  if (bigEndian32(bytes, 8) != 13 || bytes.substr(12, 4) != "IHDR") return std::nullopt;
  const std::uint32_t w = bigEndian32(bytes, 16), h = bigEndian32(bytes, 20);
  if (w == 0 || h == 0 || w > 0x7fffffffu || h > 0x7fffffffu) return std::nullopt;
  return PngSize{static_cast<int>(w), static_cast<int>(h)};
}

std::string encodeScreenshotUpload(const ScreenshotUpload& upload) {
  return json{{"format", "kiosk-screenshot/1"}, {"command", upload.commandId}, {"screen", upload.screen},
              {"width", upload.width},          {"height", upload.height},     {"png", base64Encode(upload.png)}}
      .dump();
}

ScreenshotUpload parseScreenshotUpload(std::string_view text) {
  const json doc = detail::parseJsonOrThrow<UploadError>(text, "screenshot");
  if (!doc.is_object()) throw ScreenshotError("screenshot must be a JSON object");
  if (doc.value("format", json()) != "kiosk-screenshot/1")
    throw UploadError("format", "must be \"kiosk-screenshot/1\"");
  ScreenshotUpload out;
  const auto command = doc.find("command");
  if (command == doc.end() || !command->is_string() || !limits::isSafeId(command->get<std::string>()))
    throw UploadError("command", "required, 1-64 of A-Z a-z 0-9 . _ -");
  out.commandId = command->get<std::string>();
  const auto screen = doc.find("screen");
  if (screen == doc.end() || !screen->is_string() || !isScreenshotScreen(screen->get<std::string>()))
    throw UploadError("screen", "must be attract, list or closed (no other screen is ever photographed)");
  out.screen = screen->get<std::string>();
  for (const auto& [field, slot] : {std::pair{"width", &out.width}, std::pair{"height", &out.height}}) {
    const auto v = doc.find(field);
    if (v == doc.end() || !v->is_number_integer() || v->get<std::int64_t>() < 1 ||
        v->get<std::int64_t>() > kMaxScreenshotSide)
      throw UploadError(field, "must be a whole number of pixels from 1 to " + std::to_string(kMaxScreenshotSide));
    *slot = v->get<int>();
  }
  const auto png = doc.find("png");
  if (png == doc.end() || !png->is_string()) throw UploadError("png", "required: the PNG in base64");
  const auto& encoded = png->get_ref<const std::string&>();
  if (encoded.size() > (kMaxScreenshotBytes + 2) / 3 * 4)
    throw UploadError("png", "larger than " + std::to_string(kMaxScreenshotBytes / 1024) + " KiB");
  try {
    out.png = base64Decode(encoded);
  } catch (const CryptoError& e) {
    throw UploadError("png", std::string("not base64: ") + e.what());
  }
  const auto size = pngSize(out.png);
  if (!size) throw UploadError("png", "not a PNG image");
  if (size->width != out.width || size->height != out.height)
    throw UploadError("png", "is " + std::to_string(size->width) + "x" + std::to_string(size->height) +
                                 ", not the stated " + std::to_string(out.width) + "x" + std::to_string(out.height));
  return out;
}

}  // namespace wire
