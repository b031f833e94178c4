#include "kiosk/speech/wav_clip.hpp"

#include <string>

namespace kiosk::speech {

namespace {

std::uint32_t le32(std::string_view b, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t k = 0; k < 4; ++k) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + k])) << (8 * k);
  return v;
}

std::uint16_t le16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                    (static_cast<unsigned>(static_cast<unsigned char>(b[at + 1])) << 8));
}

}  // namespace

Clip parseWav(std::string_view b) {
  if (b.size() < 12 || b.substr(0, 4) != "RIFF" || b.substr(8, 4) != "WAVE")
    throw ClipError("not a WAV file (no RIFF/WAVE header)");
  int channels = 0, bits = 0;
  Clip clip;
  std::string_view data;
  bool haveData = false;
  for (std::size_t at = 12; at + 8 <= b.size();) {
    const std::string_view id = b.substr(at, 4);
    const std::uint32_t size = le32(b, at + 4);
    if (size > b.size() - at - 8) throw ClipError("chunk " + std::string(id) + " runs past the end of the file");
    const std::string_view body = b.substr(at + 8, size);
    if (id == "fmt ") {
      if (size < 16) throw ClipError("fmt chunk too short");
      if (le16(body, 0) != 1) throw ClipError("not PCM (format " + std::to_string(le16(body, 0)) + ")");
      channels = le16(body, 2);
      clip.sampleRate = static_cast<int>(le32(body, 4));
      bits = le16(body, 14);
    } else if (id == "data") {
      data = body;
      haveData = true;
    }
    at += 8 + size + (size & 1);  // chunks are padded to an even length
  }
  if (channels == 0) throw ClipError("no fmt chunk");
  if (!haveData) throw ClipError("no data chunk");
  if (bits != 16) throw ClipError(std::to_string(bits) + "-bit samples (16-bit PCM only)");
  if (channels != 1 && channels != 2) throw ClipError(std::to_string(channels) + " channels (mono or stereo only)");
  if (clip.sampleRate < 8000 || clip.sampleRate > 48000)
    throw ClipError("sample rate " + std::to_string(clip.sampleRate) + " Hz (8,000 to 48,000 only)");
  const std::size_t frames = data.size() / (2 * static_cast<std::size_t>(channels));
  if (frames == 0) throw ClipError("no samples");
  if (frames > static_cast<std::size_t>(clip.sampleRate) * kMaxClipSeconds)
    throw ClipError("longer than " + std::to_string(kMaxClipSeconds) + " s");
  clip.samples.reserve(frames);
  for (std::size_t f = 0; f < frames; ++f) {
    int sum = 0;
    for (int c = 0; c < channels; ++c)
      sum += static_cast<std::int16_t>(
          le16(data, (f * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)) * 2));
    clip.samples.push_back(static_cast<std::int16_t>(sum / channels));
  }
  return clip;
}

}  // namespace kiosk::speech
