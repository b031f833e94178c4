#include "kiosk/speech/espeak_engine.hpp"

#include <espeak-ng/speak_lib.h>

#include <atomic>
#include <string>

namespace kiosk::speech {

namespace {

std::atomic<bool> inUse{false};  // libespeak-ng's state is the process's

struct Call {
  const SampleSink* sink;
  bool stopped = false;
};

// libespeak-ng's synth callback: one clause's samples at a time; 1 asks it to stop.
int onSamples(short* wav, int count, espeak_EVENT* events) {
  auto* call = events ? static_cast<Call*>(events->user_data) : nullptr;
  if (!call) return 0;
  if (call->stopped) return 1;
  if (wav && count > 0 && !(*call->sink)(std::span<const std::int16_t>(wav, static_cast<std::size_t>(count)))) {
    call->stopped = true;
    return 1;
  }
  return 0;
}

const char* voiceFor(std::string_view language) { return language.rfind("zh", 0) == 0 ? "cmn" : "en"; }

}  // namespace

EspeakEngine::EspeakEngine(const std::string& dataPath, int rate) : rate_(rate) {
  if (inUse.exchange(true)) throw SpeechError("espeak-ng is already in use in this process");
  // 200 ms buffers: the callback hands each clause over in pieces that short.
  sampleRate_ = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, dataPath.empty() ? nullptr : dataPath.c_str(),
                                  espeakINITIALIZE_DONT_EXIT);
  if (sampleRate_ <= 0) {
    inUse = false;
    throw SpeechError("espeak-ng could not start (its voice data: " + (dataPath.empty() ? "the system's" : dataPath) +
                      ")");
  }
  espeak_SetSynthCallback(onSamples);
}

EspeakEngine::~EspeakEngine() {
  espeak_Terminate();
  inUse = false;
}

void EspeakEngine::synthesise(std::string_view text, std::string_view language, const SampleSink& sink) {
  if (espeak_SetVoiceByName(voiceFor(language)) != EE_OK)
    throw SpeechError(std::string("espeak-ng has no voice ") + voiceFor(language));
  espeak_SetParameter(espeakRATE, rate_, 0);
  const std::string utterance(text);
  Call call{&sink};
  const auto rc = espeak_Synth(utterance.c_str(), utterance.size() + 1, 0, POS_CHARACTER, 0,
                               espeakCHARS_UTF8 | espeakENDPAUSE, nullptr, &call);
  if (rc != EE_OK && !call.stopped)
    throw SpeechError("espeak-ng could not speak the text (error " + std::to_string(rc) + ")");
}

}  // namespace kiosk::speech
