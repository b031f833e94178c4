// SpeechEngine over Debian's libespeak-ng, offline: Mandarin (voice cmn) for zh-CN and zh-TW — the
// cmn voice reads Traditional characters as well, and a Taiwanese reader hears Mandarin — and
// English for en. Synchronous synthesis with the library's callback, so samples reach the sink
// as each clause is made. libespeak-ng keeps global state: one EspeakEngine per process (a second
// is refused), used from one thread at a time.
#pragma once

#include <string>

#include "kiosk/speech/speech_engine.hpp"

namespace kiosk::speech {

class EspeakEngine final : public SpeechEngine {
 public:
  // espeak-ng's voices all speak at this rate: the audio output is opened for it before the engine.
  static constexpr int kSampleRate = 22050;
  // `dataPath`: an espeak-ng-data folder, "" for the system's. `rate`: words a minute (espeak's
  // default 175 is quick for elderly listeners; the kiosk uses 150). Throws SpeechError.
  explicit EspeakEngine(const std::string& dataPath = "", int rate = 150);
  ~EspeakEngine() override;
  EspeakEngine(const EspeakEngine&) = delete;
  EspeakEngine& operator=(const EspeakEngine&) = delete;

  int sampleRate() const override { return sampleRate_; }
  void synthesise(std::string_view text, std::string_view language, const SampleSink& sink) override;

 private:
  int sampleRate_ = 0;
  int rate_ = 150;
};

}  // namespace kiosk::speech
