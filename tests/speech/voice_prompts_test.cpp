// kiosk::speech::VoicePrompts: a hall's recordings found by language and string key, and every
// file that cannot be one named in the problems while the good ones still load.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include "kiosk/speech/voice_prompts.hpp"
#include "temp_dir.hpp"
#include "wav_bytes.hpp"

using namespace kiosk::speech;

namespace {
void write(const std::filesystem::path& file, const std::string& bytes) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << bytes;
}
}  // namespace

TEST_CASE("recordings are found by language and key, and bad files are named without stopping the rest") {
  testing::TempDir dir;
  write(dir / "zh-CN/speech.on.wav", testing::wavBytes(1, 1, 16000, 16, testing::pcm16({1, 2, 3})));
  write(dir / "zh-CN/thanks.counted.wav", testing::wavBytes(1, 1, 22050, 16, testing::pcm16({4})));
  write(dir / "zh-CN/rating.good.wav", "not a wav file at all");
  write(dir / "zh-CN/Bad Name.wav", testing::wavBytes(1, 1, 16000, 16, testing::pcm16({1})));
  write(dir / "zh-CN/notes.txt", "ignored: not a .wav");
  write(dir / "en/speech.on.wav", testing::wavBytes(3, 1, 16000, 32, std::string(8, '\0')));  // float: refused
  write(dir / "fr/speech.on.wav", testing::wavBytes(1, 1, 16000, 16, testing::pcm16({9})));   // not a kiosk language
  // Ogg Vorbis as well (the fuzz corpus's tone), and the same prompt in both forms is a mistake.
  const std::string ogg = testing::readFile(testing::sourceRoot() / "tests/fuzz/corpus/fuzz_ogg_clip/tone.ogg");
  write(dir / "zh-TW/speech.off.ogg", ogg);
  write(dir / "zh-CN/thanks.repeat.ogg", ogg);
  write(dir / "zh-CN/speech.on.ogg", ogg);

  std::vector<std::string> problems;
  const auto prompts = VoicePrompts::load(dir.path(), {"zh-CN", "zh-TW", "en"}, problems);
  CHECK(prompts.size() == 4);
  REQUIRE(prompts.find("zh-TW", "speech.off"));
  CHECK(prompts.find("zh-TW", "speech.off")->sampleRate == 16000);
  CHECK(prompts.find("zh-CN", "thanks.repeat"));
  REQUIRE(prompts.find("zh-CN", "speech.on"));
  CHECK(prompts.find("zh-CN", "speech.on")->samples == std::vector<std::int16_t>{1, 2, 3});
  CHECK(prompts.find("zh-CN", "thanks.counted")->sampleRate == 22050);
  CHECK_FALSE(prompts.find("zh-CN", "rating.good"));
  CHECK_FALSE(prompts.find("en", "speech.on"));
  CHECK_FALSE(prompts.find("zh-TW", "speech.on"));  // another language's recording is never played

  REQUIRE(problems.size() == 4);
  std::sort(problems.begin(), problems.end());
  CHECK(problems[0].starts_with("en/speech.on.wav: "));
  CHECK(problems[1].starts_with("zh-CN/Bad Name.wav: not a prompt's name"));
  CHECK(problems[2].starts_with("zh-CN/rating.good.wav: "));
  CHECK(problems[3].starts_with("zh-CN/speech.o"));  // whichever of .wav and .ogg came second
  CHECK(problems[3].ends_with("recorded twice (.wav and .ogg)"));
}

TEST_CASE("a missing voice folder means no recordings and no problems") {
  std::vector<std::string> problems;
  const auto prompts = VoicePrompts::load("/no/such/voice/folder", {"zh-CN"}, problems);
  CHECK(prompts.size() == 0);
  CHECK(problems.empty());
}
