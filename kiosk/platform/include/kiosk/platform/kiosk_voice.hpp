// The kiosk's voice as main() uses it: the espeak-ng engine, the SDL audio output, the speaker
// thread and the hall's recorded prompts, opened together and gone together. A kiosk without an
// audio device (or with speech switched off) has no KioskVoice at all: the constructor throws
// speech::SpeechError and the kiosk runs silent, without the 朗读 switch.
// Thread rule: say/stop/speaking/setVolume from the UI thread (they are the Speaker's, safe from
// any); `quiet` is called on the speech thread when it falls silent.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/config/kiosk_config.hpp"
#include "kiosk/platform/sdl_audio_out.hpp"
#include "kiosk/speech/espeak_engine.hpp"
#include "kiosk/speech/speaker.hpp"
#include "kiosk/speech/voice_prompts.hpp"

namespace kiosk::platform {

class KioskVoice {
 public:
  using Journal = std::function<void(const std::string&)>;
  // `languages`: whose recordings to load from speech.voiceDir. Refused recordings are journalled
  // (`voice-prompt-refused`), and the engine speaks those prompts.
  KioskVoice(const config::SpeechConfig& speech, const std::vector<std::string>& languages, const Journal& journal,
             std::function<void()> quiet);

  // `prompt`: the string key when the text is one fixed prompt (its recording plays if the hall has one).
  void say(speech::Utterance utterance, std::string_view prompt);
  void stop() { speaker_.stop(); }
  bool speaking() const { return speaker_.speaking(); }
  void setVolume(int volume) { speaker_.setVolume(volume); }
  std::size_t recordings() const { return prompts_.size(); }

 private:
  SdlAudioOut audio_;  // first: a kiosk without an audio device never starts espeak-ng
  speech::EspeakEngine engine_;
  speech::VoicePrompts prompts_;
  speech::Speaker speaker_;  // last: its thread uses everything above
};

}  // namespace kiosk::platform
