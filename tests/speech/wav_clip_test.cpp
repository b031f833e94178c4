// kiosk::speech::parseWav: a hall's recorded prompt read back as mono samples; every kind of file
// that is not 16-bit PCM WAV refused with what is wrong.
#include <doctest/doctest.h>

#include <string>

#include "kiosk/speech/wav_clip.hpp"
#include "wav_bytes.hpp"

namespace {
using testing::pcm16;
using testing::wavBytes;
// The names this file's tables were written with.
std::string wav(std::uint16_t format, std::uint16_t channels, std::uint32_t rate, std::uint16_t bits,
                const std::string& data) {
  return wavBytes(format, channels, rate, bits, data);
}
std::string samples(std::initializer_list<int> values) { return pcm16(values); }
}  // namespace

TEST_CASE("a 16-bit PCM WAV reads back as mono samples, stereo mixed down, odd chunks skipped") {
  const auto mono = kiosk::speech::parseWav(wav(1, 1, 22050, 16, samples({0, 1000, -1000, 32767})));
  CHECK(mono.sampleRate == 22050);
  CHECK(mono.samples == std::vector<std::int16_t>{0, 1000, -1000, 32767});
  const auto stereo = kiosk::speech::parseWav(wav(1, 2, 44100, 16, samples({1000, 3000, -2000, -4000})));
  CHECK(stereo.sampleRate == 44100);
  CHECK(stereo.samples == std::vector<std::int16_t>{2000, -3000});
}

TEST_CASE("what is not a prompt the kiosk can play is refused, naming why") {
  const auto refused = [](const std::string& bytes, const char* why) {
    CAPTURE(why);
    CHECK_THROWS_WITH_AS(kiosk::speech::parseWav(bytes), doctest::Contains(why), kiosk::speech::ClipError);
  };
  refused("", "not a WAV file");
  refused("OggS\0\0\0\0WAVE", "not a WAV file");
  refused(wav(3, 1, 22050, 32, samples({1, 2})), "not PCM");
  refused(wav(1, 1, 22050, 8, "abcd"), "8-bit");
  refused(wav(1, 6, 22050, 16, samples({1, 2, 3, 4, 5, 6})), "6 channels");
  refused(wav(1, 1, 4000, 16, samples({1})), "sample rate 4000");
  refused(wav(1, 1, 22050, 16, ""), "no samples");
  refused(wav(1, 1, 8000, 16, std::string(8000 * 2 * 61, '\0')), "longer than 60 s");
  std::string cut = wav(1, 1, 22050, 16, samples({1, 2, 3}));
  cut.resize(cut.size() - 4);  // the data chunk says more than there is
  refused(cut, "runs past the end");
  std::string noData = wav(1, 1, 22050, 16, samples({1}));
  noData.replace(noData.find("data"), 4, "junk");
  refused(noData, "no data chunk");
}
