// A recorded prompt, as a hall records its own (assets/voice/<language>/<prompt>.wav): a RIFF/WAVE
// file of 16-bit PCM, mono or stereo (mixed to mono), any sample rate up to 48 kHz, at most 60 s.
// A file that is not that is refused with what is wrong, so the kiosk falls back to the engine
// instead of playing noise. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace kiosk::speech {

struct Clip {
  int sampleRate = 0;
  std::vector<std::int16_t> samples;  // mono
};

class ClipError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr int kMaxClipSeconds = 60;

Clip parseWav(std::string_view bytes);

}  // namespace kiosk::speech
