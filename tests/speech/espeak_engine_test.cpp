// kiosk::speech::EspeakEngine with Debian's libespeak-ng and its Mandarin voice: the kiosk's
// prompts and a long commitment come out as audible speech of a plausible length, in pieces (so
// playback can start early), and a sink that says stop stops it. No sound card is needed: the
// samples are the engine's own, caught by the sink.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <vector>

#include "kiosk/speech/espeak_engine.hpp"
#include "kiosk/speech/speech_text.hpp"

using kiosk::speech::EspeakEngine;

namespace {

struct Heard {
  std::vector<std::int16_t> samples;
  int pieces = 0;
  double rms() const {
    double sum = 0;
    for (auto s : samples) sum += static_cast<double>(s) * s;
    return samples.empty() ? 0 : std::sqrt(sum / static_cast<double>(samples.size()));
  }
};

Heard speak(EspeakEngine& engine, const std::string& text, const std::string& language = "zh-CN") {
  Heard heard;
  engine.synthesise(kiosk::speech::normaliseForSpeech(text, language), language, [&](std::span<const std::int16_t> s) {
    heard.samples.insert(heard.samples.end(), s.begin(), s.end());
    ++heard.pieces;
    return true;
  });
  return heard;
}

}  // namespace

TEST_CASE("espeak-ng speaks the prompts, a long commitment and English audibly, in pieces, and stops when asked") {
  EspeakEngine engine;
  REQUIRE(engine.sampleRate() > 8000);
  const double rate = engine.sampleRate();
  for (const char* prompt : {"请选择要评价的承诺", "请对这项承诺作出评价：好、一般、差", "谢谢您的评价"}) {
    CAPTURE(prompt);
    const Heard heard = speak(engine, prompt);
    const double seconds = static_cast<double>(heard.samples.size()) / rate;
    CHECK(seconds > 0.15 * 9);  // at least ~0.15 s a character: speech, not a click
    CHECK(seconds < 1.0 * 20);  // and not a minute of silence
    CHECK(heard.rms() > 300);   // audible
  }
  const Heard english = speak(engine, "Please choose a commitment to rate", "en");
  CHECK(english.rms() > 300);
  CHECK(static_cast<double>(english.samples.size()) / rate > 1.0);

  // A long text arrives in many pieces (the player starts on the first), its numbers in words.
  const std::string long_text =
      "我承诺：2026-01-01 至 2028-12-31，群众来办事热情接待、一次告知，3 个工作日内办结，满意率不低于 95%。"
      "如有不满意，请拨打热线 12345。";
  const Heard whole = speak(engine, long_text);
  CHECK(whole.pieces > 10);
  CHECK(static_cast<double>(whole.samples.size()) / rate > 10.0);

  // Stopped after the first second: far fewer samples than the whole.
  std::size_t got = 0;
  engine.synthesise(kiosk::speech::normaliseForSpeech(long_text, "zh-CN"), "zh-CN",
                    [&](std::span<const std::int16_t> s) {
                      got += s.size();
                      return got < static_cast<std::size_t>(rate);
                    });
  CHECK(got < whole.samples.size() / 4);

  // One engine per process: libespeak-ng's state is global.
  CHECK_THROWS_AS(EspeakEngine(), kiosk::speech::SpeechError);
}
