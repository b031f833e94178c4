// wire::ScreenshotUpload: the screenshot a kiosk posts for a 截屏 command, and every way the hub
// refuses one (so it never serves what it has not checked is a PNG of the stated size).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "test_png.hpp"
#include "wire/crypto.hpp"
#include "wire/kiosk_screenshot.hpp"

using nlohmann::json;

namespace {

json upload(int w, int h, const std::string& png) {
  return json::parse(wire::encodeScreenshotUpload({"cmd-7", "attract", w, h, png}));
}

std::string refusal(const json& doc) {
  try {
    wire::parseScreenshotUpload(doc.dump());
  } catch (const wire::ScreenshotError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a screenshot round-trips with its PNG read back from its own header") {
  const std::string png = test_png::flat(96, 54);
  const auto size = wire::pngSize(png);
  REQUIRE(size);
  CHECK(size->width == 96);
  CHECK(size->height == 54);
  const auto shot = wire::parseScreenshotUpload(upload(96, 54, png).dump());
  CHECK(shot.commandId == "cmd-7");
  CHECK(shot.screen == "attract");
  CHECK(shot.png == png);
}

TEST_CASE("only the attract, list and closed screens may be sent") {
  CHECK(wire::isScreenshotScreen("attract"));
  CHECK(wire::isScreenshotScreen("list"));
  CHECK(wire::isScreenshotScreen("closed"));
  for (const char* screen : {"detail", "reason", "thanks", "staff", "staff_pin", ""}) {
    CAPTURE(screen);
    CHECK_FALSE(wire::isScreenshotScreen(screen));
    auto doc = upload(96, 54, test_png::flat(96, 54));
    doc["screen"] = screen;
    CHECK(refusal(doc).find("screenshot.screen") != std::string::npos);
  }
}

TEST_CASE("a screenshot that is not what it says is refused, naming the field") {
  const std::string png = test_png::flat(96, 54);
  CHECK(refusal(json::parse(R"({"format":"kiosk-screenshot/2"})")).find("screenshot.format") != std::string::npos);
  auto doc = upload(96, 54, png);
  doc["command"] = "cmd 7/..";
  CHECK(refusal(doc).find("screenshot.command") != std::string::npos);
  doc = upload(96, 54, png);
  doc["width"] = 97;  // not the PNG's own size
  CHECK(refusal(doc).find("not the stated 97x54") != std::string::npos);
  doc = upload(96, 54, png);
  doc["width"] = wire::kMaxScreenshotSide + 1;
  CHECK(refusal(doc).find("screenshot.width") != std::string::npos);
  doc = upload(96, 54, png);
  doc["png"] = "not base64!";
  CHECK(refusal(doc).find("not base64") != std::string::npos);
  doc = upload(96, 54, png);
  doc["png"] = wire::base64Encode("GIF89a this is no PNG at all, whatever it says");
  CHECK(refusal(doc).find("not a PNG") != std::string::npos);
  doc = upload(96, 54, png);
  doc["png"] = std::string((wire::kMaxScreenshotBytes / 3 + 2) * 4, 'A');
  CHECK(refusal(doc).find("larger than 600 KiB") != std::string::npos);
  CHECK(refusal(json::array()).find("JSON object") != std::string::npos);
  CHECK_THROWS_AS(wire::parseScreenshotUpload("{\"png\":"), wire::ScreenshotError);
}

TEST_CASE("a PNG header is read only when it is one") {
  const std::string png = test_png::flat(3, 2);
  CHECK(wire::pngSize(png.substr(0, 20)) == std::nullopt);  // cut inside IHDR
  std::string zeroWide = png;
  zeroWide[16] = zeroWide[17] = zeroWide[18] = zeroWide[19] = '\0';
  CHECK(wire::pngSize(zeroWide) == std::nullopt);
  std::string otherChunk = png;
  otherChunk[12] = 'X';
  CHECK(wire::pngSize(otherChunk) == std::nullopt);
}
