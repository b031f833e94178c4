#include "kiosk/speech/voice_prompts.hpp"

#include "kiosk/speech/ogg_clip.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

namespace kiosk::speech {

namespace {

// A string key as the tables spell them ("speech.on", "thanks.counted"): nothing else is looked up.
bool isPromptKey(std::string_view key) {
  if (key.empty() || key.size() > 64 || key.front() == '.') return false;
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) return false;
  return true;
}

}  // namespace

VoicePrompts VoicePrompts::load(const std::filesystem::path& dir, const std::vector<std::string>& languages,
                                std::vector<std::string>& problems) {
  VoicePrompts prompts;
  std::size_t samples = 0;
  for (const auto& language : languages) {
    const auto folder = dir / language;
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) continue;  // no recordings: the engine speaks
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
      const auto& path = entry.path();
      const bool ogg = path.extension() == ".ogg";
      if (path.extension() != ".wav" && !ogg) continue;
      const std::string key = path.stem().string();
      const std::string name = language + "/" + path.filename().string();
      if (!isPromptKey(key)) {
        problems.push_back(name + ": not a prompt's name (the string key, e.g. speech.on.wav)");
        continue;
      }
      const auto bytes = std::filesystem::file_size(path, ec);
      if (ec || bytes > kMaxPromptFileBytes) {
        problems.push_back(name + ": " + (ec ? ec.message() : "larger than 16 MiB"));
        continue;
      }
      std::ifstream in(path, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (!in) {
        problems.push_back(name + ": cannot be read");
        continue;
      }
      try {
        Clip clip = ogg ? parseOgg(text.str()) : parseWav(text.str());
        if (prompts.clips_.count(language + "/" + key)) {
          problems.push_back(name + ": left out, the same prompt is recorded twice (.wav and .ogg)");
          continue;
        }
        if (samples + clip.samples.size() > kMaxPromptSamples) {
          problems.push_back(name + ": left out, the recordings together exceed 32 MiB");
          continue;
        }
        samples += clip.samples.size();
        prompts.clips_[language + "/" + key] = std::make_shared<const Clip>(std::move(clip));
      } catch (const ClipError& e) {
        problems.push_back(name + ": " + e.what());
      }
    }
    if (ec) problems.push_back(language + ": " + ec.message());
  }
  return prompts;
}

std::shared_ptr<const Clip> VoicePrompts::find(std::string_view language, std::string_view key) const {
  const auto it = clips_.find(std::string(language) + "/" + std::string(key));
  return it == clips_.end() ? nullptr : it->second;
}

}  // namespace kiosk::speech
