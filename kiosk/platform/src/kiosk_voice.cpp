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
    : engine_("", speech.wordsPerMinute), audio_(engine_.sampleRate()),
      prompts_(loadPrompts(speech, languages, journal)),
      speaker_(engine_, audio_, journal, speech.volume, std::move(quiet)) {}

void KioskVoice::say(speech::Utterance utterance, std::string_view prompt) {
  if (!prompt.empty())
    if (const auto* clip = prompts_.find(utterance.language, prompt)) utterance.recorded = *clip;
  speaker_.say(std::move(utterance));
}

}  // namespace kiosk::platform
