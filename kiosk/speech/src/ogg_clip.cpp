#include "kiosk/speech/ogg_clip.hpp"

#include <vorbis/vorbisfile.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

namespace kiosk::speech {

namespace {

// libvorbisfile reads through these from the bytes in memory.
struct Reader {
  std::string_view bytes;
  std::size_t at = 0;
};

std::size_t readBytes(void* out, std::size_t size, std::size_t count, void* source) {
  auto* r = static_cast<Reader*>(source);
  if (size == 0) return 0;
  const std::size_t n = std::min(size * count, r->bytes.size() - r->at) / size;
  std::memcpy(out, r->bytes.data() + r->at, n * size);
  r->at += n * size;
  return n;
}

int seekBytes(void* source, ogg_int64_t offset, int whence) {
  auto* r = static_cast<Reader*>(source);
  const auto size = static_cast<ogg_int64_t>(r->bytes.size());
  const ogg_int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? static_cast<ogg_int64_t>(r->at) : size;
  const ogg_int64_t to = base + offset;
  if (to < 0 || to > size) return -1;
  r->at = static_cast<std::size_t>(to);
  return 0;
}

long tellBytes(void* source) { return static_cast<long>(static_cast<Reader*>(source)->at); }

}  // namespace

Clip parseOgg(std::string_view bytes) {
  Reader reader{bytes};
  OggVorbis_File file;
  const ov_callbacks callbacks{readBytes, seekBytes, nullptr, tellBytes};
  if (ov_open_callbacks(&reader, &file, nullptr, 0, callbacks) != 0) throw ClipError("not an Ogg Vorbis file");
  struct Closer {
    OggVorbis_File* f;
    ~Closer() { ov_clear(f); }
  } closer{&file};
  const vorbis_info* info = ov_info(&file, -1);
  if (!info) throw ClipError("not an Ogg Vorbis file");
  if (info->channels != 1 && info->channels != 2)
    throw ClipError(std::to_string(info->channels) + " channels (mono or stereo only)");
  if (info->rate < 8000 || info->rate > 48000)
    throw ClipError("sample rate " + std::to_string(info->rate) + " Hz (8,000 to 48,000 only)");
  Clip clip;
  clip.sampleRate = static_cast<int>(info->rate);
  const auto maxFrames = static_cast<std::size_t>(clip.sampleRate) * kMaxClipSeconds;
  const int channels = info->channels;
  char buffer[8192];
  int section = 0;
  for (;;) {
    const long got = ov_read(&file, buffer, sizeof buffer, 0, 2, 1, &section);  // little-endian, 16-bit, signed
    if (got == 0) break;
    if (got < 0) throw ClipError("the Ogg Vorbis stream is damaged");
    const vorbis_info* now = ov_info(&file, section);
    if (!now || now->channels != channels || now->rate != info->rate)
      throw ClipError("the recording changes its format part way (one stream only)");
    const auto frames = static_cast<std::size_t>(got) / (2 * static_cast<std::size_t>(channels));
    for (std::size_t i = 0; i < frames; ++i) {
      int sum = 0;
      for (int c = 0; c < channels; ++c) {
        const std::size_t at = (i * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)) * 2;
        const auto lo = static_cast<unsigned char>(buffer[at]), hi = static_cast<unsigned char>(buffer[at + 1]);
        sum += static_cast<std::int16_t>(static_cast<std::uint16_t>(lo | (hi << 8)));
      }
      clip.samples.push_back(static_cast<std::int16_t>(sum / channels));
    }
    if (clip.samples.size() > maxFrames) throw ClipError("longer than " + std::to_string(kMaxClipSeconds) + " s");
  }
  if (clip.samples.empty()) throw ClipError("no samples");
  return clip;
}

}  // namespace kiosk::speech
