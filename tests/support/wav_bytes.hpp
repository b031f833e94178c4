// WAV files built in memory for tests of recorded prompts: any format, channels, rate and bits
// (to feed the refusals too), with a stray LIST chunk before the data as recorders write one.
// Header-only; pure.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

namespace testing {

inline std::string littleEndian(std::uint32_t v, int bytes) {
  std::string out;
  for (int k = 0; k < bytes; ++k) out += static_cast<char>((v >> (8 * k)) & 0xFF);
  return out;
}

inline std::string wavBytes(std::uint16_t format, std::uint16_t channels, std::uint32_t rate, std::uint16_t bits,
                            const std::string& data) {
  const auto le = littleEndian;
  std::string fmt = le(format, 2) + le(channels, 2) + le(rate, 4) + le(rate * channels * bits / 8, 4) +
                    le(static_cast<std::uint32_t>(channels * bits / 8), 2) + le(bits, 2);
  std::string body = "WAVE" + std::string("fmt ") + le(16, 4) + fmt + "LIST" + le(3, 4) + "abc" + std::string(1, '\0') +
                     "data" + le(static_cast<std::uint32_t>(data.size()), 4) + data;
  return "RIFF" + le(static_cast<std::uint32_t>(body.size()), 4) + body;
}

// 16-bit little-endian samples.
inline std::string pcm16(std::initializer_list<int> values) {
  std::string out;
  for (int v : values)
    out += littleEndian(static_cast<std::uint32_t>(static_cast<std::uint16_t>(static_cast<std::int16_t>(v))), 2);
  return out;
}

}  // namespace testing
