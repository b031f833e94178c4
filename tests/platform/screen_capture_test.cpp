// platform::encodeScreenshot: a frame becomes a PNG no larger than asked, read back with stb_image.
#include <doctest/doctest.h>
#include <stb_image.h>

#include <memory>
#include <random>

#include "kiosk/platform/screen_capture.hpp"

using kiosk::platform::encodeScreenshot;
using kiosk::platform::RgbaFrame;

namespace {

// Left half red, right half blue.
RgbaFrame halves(int w, int h) {
  RgbaFrame f{w, h, std::vector<unsigned char>(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4)};
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      unsigned char* p =
          &f.pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 4];
      p[0] = x < w / 2 ? 220 : 0;
      p[2] = x < w / 2 ? 0 : 220;
      p[3] = 255;
    }
  return f;
}

struct Decoded {
  int w = 0, h = 0;
  std::unique_ptr<unsigned char, decltype(&stbi_image_free)> pixels{nullptr, stbi_image_free};
  const unsigned char* at(int x, int y) const {
    return pixels.get() + (static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 3;
  }
};

Decoded decode(const std::string& png) {
  Decoded d;
  int channels = 0;
  d.pixels.reset(stbi_load_from_memory(reinterpret_cast<const unsigned char*>(png.data()), static_cast<int>(png.size()),
                                       &d.w, &d.h, &channels, 3));
  return d;
}

}  // namespace

TEST_CASE("a full-HD frame is scaled to 960 px on its longer side, and reads back as it looked") {
  const auto shot = encodeScreenshot(halves(1920, 1080), 960, 600 * 1024);
  REQUIRE(shot);
  CHECK(shot->width == 960);
  CHECK(shot->height == 540);
  const Decoded d = decode(shot->png);
  REQUIRE(d.pixels);
  CHECK(d.w == 960);
  CHECK(d.h == 540);
  CHECK(d.at(100, 100)[0] > 200);  // red on the left
  CHECK(d.at(100, 100)[2] < 20);
  CHECK(d.at(860, 440)[2] > 200);  // blue on the right
  CHECK(d.at(860, 440)[0] < 20);
}

TEST_CASE("a portrait or small frame keeps its shape and is never scaled up") {
  const auto portrait = encodeScreenshot(halves(1080, 1920), 960, 600 * 1024);
  REQUIRE(portrait);
  CHECK(portrait->width == 540);
  CHECK(portrait->height == 960);
  const auto small = encodeScreenshot(halves(400, 300), 960, 600 * 1024);
  REQUIRE(small);
  CHECK(small->width == 400);
  CHECK(small->height == 300);
}

TEST_CASE("a frame that compresses badly is halved until its PNG fits") {
  RgbaFrame noise{1920, 1080, std::vector<unsigned char>(1920u * 1080u * 4u)};
  std::mt19937 rng(7);
  for (auto& b : noise.pixels) b = static_cast<unsigned char>(rng());
  const std::size_t limit = 200 * 1024;
  const auto shot = encodeScreenshot(noise, 960, limit);
  REQUIRE(shot);
  CHECK(shot->png.size() <= limit);
  CHECK(shot->width < 960);
  CHECK(shot->width * 9 == shot->height * 16);  // still 16:9
  CHECK(decode(shot->png).w == shot->width);
}

TEST_CASE("an empty or inconsistent frame, or one that fits no size, gives nothing") {
  CHECK_FALSE(encodeScreenshot({}, 960, 600 * 1024));
  RgbaFrame cut = halves(100, 100);
  cut.pixels.resize(cut.pixels.size() - 4);
  CHECK_FALSE(encodeScreenshot(cut, 960, 600 * 1024));
  CHECK_FALSE(encodeScreenshot(halves(1920, 1080), 960, 10));  // no PNG is 10 bytes
}
