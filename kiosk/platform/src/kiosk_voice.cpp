#include "kiosk/platform/kiosk_voice.hpp"

namespace kiosk::platform {

namespace {
speech::VoicePrompts loadPrompts(const config::SpeechConfig& speech, const std::vector<std::string>& languages,
                                 const KioskVoice::Journal& journal) {
  std::vector<std::string> problems;
  auto prompts = speech::VoicePrompts::load(speech.voiceDir, languages, problems);
  for (const auto& problem : problems)
    if (journal) journal("voice-prompt-refused reason=\"" + problem + "\"");
  return prompts;
}
}  // namespace

KioskVoice::KioskVoice(const config::SpeechConfig& speech, const std::vector<std::string>& languages,
                       const Journal& journal, std::function<void()> quiet)
    : audio_(speech::EspeakEngine::kSampleRate), engine_("", speech.wordsPerMinute),
      prompts_(loadPrompts(speech, languages, journal)),
      speaker_(engine_, audio_, journal, speech.volume, std::move(quiet)) {
  if (engine_.sampleRate() != audio_.sampleRate())
    throw speech::SpeechError("espeak-ng speaks at " + std::to_string(engine_.sampleRate()) + " Hz, not " +
                              std::to_string(audio_.sampleRate()));
}

void KioskVoice::say(speech::Utterance utterance, std::string_view prompt) {
  if (!prompt.empty()) utterance.recorded = prompts_.find(utterance.language, prompt);
  speaker_.say(std::move(utterance));
}

}  // namespace kiosk::platform
