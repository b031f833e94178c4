#include "kiosk/platform/sdl_audio_out.hpp"

#include <SDL.h>

#include <chrono>
#include <string>
#include <thread>

namespace kiosk::platform {

SdlAudioOut::SdlAudioOut(int sampleRate) {
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) throw speech::SpeechError(std::string("no audio: ") + SDL_GetError());
  SDL_AudioSpec want{};
  want.freq = sampleRate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 1024;  // ~46 ms at 22,050 Hz: what the device takes at a time
  SDL_AudioSpec got{};
  device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &got, 0);  // SDL converts if the device differs
  if (device_ == 0) {
    const std::string why = SDL_GetError();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    throw speech::SpeechError("no audio device: " + why);
  }
  sampleRate_ = sampleRate;
  SDL_PauseAudioDevice(device_, 0);
}

SdlAudioOut::~SdlAudioOut() {
  SDL_CloseAudioDevice(device_);
  SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void SdlAudioOut::play(std::span<const std::int16_t> samples) {
  SDL_QueueAudio(device_, samples.data(), static_cast<Uint32>(samples.size_bytes()));
  // Keep at most a quarter of a second ahead of the listener (the speech thread waits, not the frames).
  const auto ahead = static_cast<std::uint32_t>(sampleRate_ / 4) * 2;
  while (SDL_GetQueuedAudioSize(device_) > ahead) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

std::uint32_t SdlAudioOut::dropQueued() {
  SDL_LockAudioDevice(device_);
  const std::uint32_t dropped = SDL_GetQueuedAudioSize(device_);
  SDL_ClearQueuedAudio(device_);
  SDL_UnlockAudioDevice(device_);
  return dropped;
}

std::uint32_t SdlAudioOut::queuedBytes() const { return SDL_GetQueuedAudioSize(device_); }

}  // namespace kiosk::platform
