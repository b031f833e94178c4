// A genuine PNG of a given size for tests that move screenshots around (the wire format, the hub's
// store and console): one flat colour, deflate "stored" blocks (no compression library), real CRCs
// and Adler-32, so any PNG reader opens it. Header-only; pure.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

namespace test_png {

inline std::uint32_t crc32(const std::string& bytes) {
  std::uint32_t crc = 0xffffffffu;
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xffffffffu;
}

inline void put32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xffu));
}

inline void chunk(std::string& out, const std::string& type, const std::string& data) {
  put32(out, static_cast<std::uint32_t>(data.size()));
  const std::string typed = type + data;
  out += typed;
  put32(out, crc32(typed));
}

// An RGB image of width x height in one colour.
inline std::string flat(int width, int height, unsigned char r = 200, unsigned char g = 40, unsigned char b = 40) {
  std::string raw;  // each row: filter byte 0, then RGB
  for (int y = 0; y < height; ++y) {
    raw.push_back('\0');
    for (int x = 0; x < width; ++x)
      raw += std::string{static_cast<char>(r), static_cast<char>(g), static_cast<char>(b)};
  }
  std::string z = "\x78\x01";  // zlib header, no dictionary
  for (std::size_t at = 0; at < raw.size() || at == 0; at += 65535) {
    const std::size_t n = std::min<std::size_t>(65535, raw.size() - at);
    z.push_back(at + n >= raw.size() ? '\x01' : '\x00');  // BFINAL on the last block, BTYPE stored
    z.push_back(static_cast<char>(n & 0xff));
    z.push_back(static_cast<char>(n >> 8));
    z.push_back(static_cast<char>(~n & 0xff));
    z.push_back(static_cast<char>((~n >> 8) & 0xff));
    z += raw.substr(at, n);
    if (raw.empty()) break;
  }
  std::uint32_t a = 1, s = 0;
  for (const char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    a = (a + c) % 65521u;
    s = (s + a) % 65521u;
  }
  put32(z, (s << 16) | a);
  std::string png("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr;
  put32(ihdr, static_cast<std::uint32_t>(width));
  put32(ihdr, static_cast<std::uint32_t>(height));
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, deflate, no filter variants, not interlaced
  chunk(png, "IHDR", ihdr);
  chunk(png, "IDAT", z);
  chunk(png, "IEND", "");
  return png;
}

}  // namespace test_png
