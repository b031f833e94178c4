// The kiosk's voice: speaks what it is asked on a thread of its own, so the frame loop only hands
// text over and never waits. A new say() replaces what is being said (a resident who moved on
// hears the new screen, not the end of the old one) and stop() silences it at once — at the end of
// a session, on the closed screen, when 朗读 is switched off. Text is normalised and cut into
// sentences (speech_text.hpp), each synthesised while the one before plays, so a long commitment
// starts speaking after its first sentence, not after the whole; a recorded prompt, when the hall
// has one, is played instead of the engine. Each utterance started is journalled as
// `speech text="…"`, and the output resting half a second after the last sound as `speech-rested`. The engine and the
// audio output are plug-ins (speech_engine.hpp, AudioOut). Thread rule: say(), stop() and speaking() from any thread;
// the engine and AudioOut::play only on the speech thread; AudioOut::flush from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>

#include "kiosk/speech/speech_engine.hpp"
#include "kiosk/speech/wav_clip.hpp"

namespace kiosk::speech {

class AudioOut {
 public:
  virtual ~AudioOut() = default;
  virtual int sampleRate() const = 0;
  // Queues samples for playback; may wait while the device's queue is full. Speech thread only.
  virtual void play(std::span<const std::int16_t> samples) = 0;
  // Drops whatever is queued and not yet heard. Any thread.
  virtual void flush() = 0;
  // Nothing more to play for now: the device may sleep until the next play(). Speech thread only.
  virtual void rest() {}
};

struct Utterance {
  std::string text;      // what is said, as the screen shows it (normalised here); may be empty
  std::string language;  // "zh-CN", "zh-TW", "en"
  // The hall's recording of this prompt, played instead when present; shared with the loaded
  // prompts, so handing one over from the frame loop copies no samples.
  std::shared_ptr<const Clip> recorded = {};
  bool chime = false;  // the confirmation tone first: one sound for every rating
  int volume = 100;    // percent of the speaker's volume (50: said quietly)
};

// The confirmation tone: two short rising notes, about a third of a second, the same every time.
std::vector<std::int16_t> confirmationChime(int sampleRate);

// Samples scaled to `volume` percent (0-100), clipped to 16 bits.
void applyVolume(std::span<std::int16_t> samples, int volume);
// Linear resampling, for a recorded prompt made at another rate than the output's.
std::vector<std::int16_t> resample(std::span<const std::int16_t> samples, int from, int to);

class Speaker {
 public:
  // How long after the last sound the output is told to rest.
  static constexpr std::chrono::milliseconds kRestAfter{500};
  using Journal = std::function<void(const std::string&)>;
  // `quiet`, when given, is called on the speech thread each time it falls silent (an utterance
  // ended or was stopped, nothing waiting): the kiosk wakes its frame loop to redraw 停止朗读.
  Speaker(SpeechEngine& engine, AudioOut& out, Journal journal, int volume = 80, std::function<void()> quiet = {});
  ~Speaker();  // silences and joins the speech thread
  Speaker(const Speaker&) = delete;
  Speaker& operator=(const Speaker&) = delete;

  void say(Utterance utterance);
  void stop();
  // The volume (0-100) from the next piece of sound on: quiet hours begin and end. Any thread.
  void setVolume(int volume) { volume_.store(volume, std::memory_order_relaxed); }
  // Something is being synthesised or handed to the output now.
  bool speaking() const;

 private:
  void run();
  void speak(const Utterance& u, std::uint64_t generation);
  bool current(std::uint64_t generation) const;  // not replaced or stopped since

  SpeechEngine& engine_;
  AudioOut& out_;
  Journal journal_;
  std::function<void()> quiet_;
  std::atomic<int> volume_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<Utterance> pending_;  // under mutex_
  std::uint64_t generation_ = 0;      // under mutex_: bumped by say() and stop()
  bool busy_ = false;                 // under mutex_
  bool quitting_ = false;             // under mutex_
  std::thread thread_;                // last: started when everything above exists
};

}  // namespace kiosk::speech
