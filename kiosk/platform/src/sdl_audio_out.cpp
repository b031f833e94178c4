#include "kiosk/platform/sdl_audio_out.hpp"

#include <SDL.h>

#include <chrono>
#include <string>
#include <thread>

namespace kiosk::platform {

SdlAudioOut::SdlAudioOut(int sampleRate) : sampleRate_(sampleRate) {
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) throw speech::SpeechError(std::string("no audio: ") + SDL_GetError());
  std::lock_guard lock(mutex_);
  try {
    open();  // now, so a kiosk without a device knows at start and offers no 朗读
  } catch (...) {
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    throw;
  }
  close();  // until there is something to hear
}

SdlAudioOut::~SdlAudioOut() {
  {
    std::lock_guard lock(mutex_);
    close();
  }
  SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void SdlAudioOut::open() {
  SDL_AudioSpec want{};
  want.freq = sampleRate_;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 1024;  // ~46 ms at 22,050 Hz: what the device takes at a time
  SDL_AudioSpec got{};
  device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &got, 0);  // SDL converts if the device differs
  if (device_ == 0) throw speech::SpeechError(std::string("no audio device: ") + SDL_GetError());
  SDL_PauseAudioDevice(device_, 0);
}

void SdlAudioOut::close() {
  if (device_ != 0) SDL_CloseAudioDevice(device_);
  device_ = 0;
}

void SdlAudioOut::rest() {
  std::lock_guard lock(mutex_);
  close();
}

bool SdlAudioOut::resting() const {
  std::lock_guard lock(mutex_);
  return device_ == 0;
}

void SdlAudioOut::play(std::span<const std::int16_t> samples) {
  {
    std::lock_guard lock(mutex_);
    if (device_ == 0) open();
    SDL_QueueAudio(device_, samples.data(), static_cast<Uint32>(samples.size_bytes()));
  }
  // Keep at most a quarter of a second ahead of the listener (the speech thread waits, not the frames).
  const auto ahead = static_cast<std::uint32_t>(sampleRate_ / 4) * 2;
  while (queuedBytes() > ahead) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

std::uint32_t SdlAudioOut::dropQueued() {
  std::lock_guard lock(mutex_);
  if (device_ == 0) return 0;
  SDL_LockAudioDevice(device_);
  const std::uint32_t dropped = SDL_GetQueuedAudioSize(device_);
  SDL_ClearQueuedAudio(device_);
  SDL_UnlockAudioDevice(device_);
  return dropped;
}

std::uint32_t SdlAudioOut::queuedBytes() const {
  std::lock_guard lock(mutex_);
  return device_ == 0 ? 0 : SDL_GetQueuedAudioSize(device_);
}

}  // namespace kiosk::platform
