// The kiosk's speech output: SDL2's audio device in queue mode (speaker.hpp's AudioOut). play()
// queues samples and waits, on the speech thread, while more than a quarter of a second is still
// to be heard — so stop() and a new utterance are heard within that, not after seconds of queued
// speech; flush() drops what is queued. Between utterances the device is closed (rest()), so an
// idle kiosk has no audio thread waking to play silence; play() opens it again (a few ms). No sound card (or
// SDL_AUDIODRIVER=dummy) is a SpeechError at construction: the kiosk then stays silent and says so in its journal.
// SDL's `disk` driver writes what would be heard to a file, which the tests read. Thread rule: as AudioOut's — play on
// the speech thread, flush from any.
#pragma once

#include <cstdint>
#include <mutex>

#include "kiosk/speech/speaker.hpp"

namespace kiosk::platform {

class SdlAudioOut final : public speech::AudioOut {
 public:
  explicit SdlAudioOut(int sampleRate);  // throws speech::SpeechError
  ~SdlAudioOut() override;
  SdlAudioOut(const SdlAudioOut&) = delete;
  SdlAudioOut& operator=(const SdlAudioOut&) = delete;

  int sampleRate() const override { return sampleRate_; }
  void play(std::span<const std::int16_t> samples) override;
  void flush() override { dropQueued(); }
  // Closes the device (a paused SDL device still wakes its thread to play silence); play() opens
  // it again.
  void rest() override;
  bool resting() const;
  // Drops what is queued, with the device held still so nothing slips out meanwhile: the bytes dropped.
  std::uint32_t dropQueued();
  // Bytes queued and not yet handed to the device (tests wait for it to drain).
  std::uint32_t queuedBytes() const;

 private:
  void open();   // under mutex_; throws speech::SpeechError
  void close();  // under mutex_

  int sampleRate_ = 0;
  // Guards device_: flush() comes from any thread while play() and rest() open and close it.
  mutable std::mutex mutex_;
  std::uint32_t device_ = 0;  // 0 while resting
};

}  // namespace kiosk::platform
