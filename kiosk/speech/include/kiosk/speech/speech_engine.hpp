// The plug-in a speech engine fills: text in, 16-bit mono samples out through a sink, piece by
// piece as they are made, so playback can start before the whole text is synthesised. The default
// is espeak-ng (espeak_engine.hpp); a test or another engine (a recorded-voice one) plugs in the
// same way. One engine is used by one thread at a time (the kiosk's speech thread).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <stdexcept>
#include <string_view>

namespace kiosk::speech {

// Receives samples as they are made; returns false to stop the synthesis (the resident moved on).
using SampleSink = std::function<bool(std::span<const std::int16_t>)>;

class SpeechError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SpeechEngine {
 public:
  virtual ~SpeechEngine() = default;
  virtual int sampleRate() const = 0;
  // Speaks `text` (already normalised, speech_text.hpp) in `language` ("zh-CN", "zh-TW", "en")
  // into `sink`; returns when done or stopped. Throws SpeechError when the engine cannot.
  virtual void synthesise(std::string_view text, std::string_view language, const SampleSink& sink) = 0;
};

}  // namespace kiosk::speech
