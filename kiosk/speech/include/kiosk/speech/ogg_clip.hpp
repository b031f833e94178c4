// A recorded prompt in Ogg Vorbis, as a hall may record its own (assets/voice/<language>/<prompt>.ogg):
// decoded with Debian's libvorbisfile into the same Clip a WAV gives (wav_clip.hpp), mono or stereo
// (mixed to mono), 8-48 kHz, at most 60 s; anything else is refused with what is wrong, so the
// kiosk falls back to its synthetic voice. Pure (decodes bytes in memory); thread-safe.
#pragma once

#include <string_view>

#include "kiosk/speech/wav_clip.hpp"

namespace kiosk::speech {

Clip parseOgg(std::string_view bytes);

}  // namespace kiosk::speech
