// A hall's own recordings of the kiosk's fixed prompts, played instead of the synthetic voice:
// <voice_dir>/<language>/<string key>.wav or .ogg, e.g. assets/voice/zh-CN/speech.on.wav for the
// string table's speech.on (kiosk/README.md, "朗读"). Read once at start; a file that is not a usable
// WAV or Ogg Vorbis recording (wav_clip.hpp, ogg_clip.hpp) is named in `problems` and the engine
// speaks that prompt instead. Bounded:
// at most 16 MiB a file and 32 MiB of sound in all, so a folder of stray files cannot fill memory.
// Immutable after load; safe to share.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/speech/wav_clip.hpp"

namespace kiosk::speech {

inline constexpr std::size_t kMaxPromptFileBytes = 16u << 20;
inline constexpr std::size_t kMaxPromptSamples = 16u << 20;  // 32 MiB of 16-bit sound

class VoicePrompts {
 public:
  static VoicePrompts load(const std::filesystem::path& dir, const std::vector<std::string>& languages,
                           std::vector<std::string>& problems);

  std::shared_ptr<const Clip> find(std::string_view language, std::string_view key) const;
  std::size_t size() const { return clips_.size(); }

 private:
  std::map<std::string, std::shared_ptr<const Clip>, std::less<>> clips_;  // "<language>/<key>"
};

}  // namespace kiosk::speech
