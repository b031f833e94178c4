// libFuzzer target: a hall's recorded prompt in Ogg Vorbis as the kiosk decodes it — any bytes either refused with
// ClipError or read as at most 60 s of mono samples at a rate the player accepts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kiosk/speech/ogg_clip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto clip = kiosk::speech::parseOgg(std::string_view(reinterpret_cast<const char*>(data), size));
    if (clip.sampleRate < 8000 || clip.sampleRate > 48000 || clip.samples.empty() ||
        clip.samples.size() > static_cast<std::size_t>(clip.sampleRate) * kiosk::speech::kMaxClipSeconds)
      std::abort();
  } catch (const kiosk::speech::ClipError&) {
  }
  return 0;
}
