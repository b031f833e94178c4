// kiosk::speech::Speaker with a stand-in engine (each sentence a run of one sample value, so what
// was heard can be told apart) and a recording output: the journal line for each utterance, the
// first sentence handed to the output before the second is synthesised, a new utterance
// replacing the old, stop() silencing it, a recorded prompt played instead of the engine, volume.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "kiosk/speech/speaker.hpp"

using namespace kiosk::speech;

namespace {

// Logs every call in order: "synth:<sentence>" and "play:<first sample value>".
struct Calls {
  std::mutex mutex;
  std::vector<std::string> log;
  std::vector<std::int16_t> heard;
  void add(const std::string& what) {
    std::lock_guard lock(mutex);
    log.push_back(what);
  }
  std::vector<std::string> snapshot() {
    std::lock_guard lock(mutex);
    return log;
  }
};

// Each sentence becomes `pieces` pieces of 100 samples of value 1000 + its index in this utterance.
struct StandInEngine final : SpeechEngine {
  explicit StandInEngine(Calls& calls, int pieces = 3) : calls_(calls), pieces_(pieces) {}
  int sampleRate() const override { return 16000; }
  void synthesise(std::string_view text, std::string_view, const SampleSink& sink) override {
    calls_.add("synth:" + std::string(text));
    const std::vector<std::int16_t> piece(100, static_cast<std::int16_t>(1000 + sentence_++));
    for (int i = 0; i < pieces_; ++i)
      if (!sink(piece)) return;
  }
  Calls& calls_;
  int pieces_;
  int sentence_ = 0;
};

// Records what is played; while held, play() waits after taking its samples, as a device whose
// queue is full does — which lets a test replace or stop an utterance at a known point.
struct RecordingOut final : AudioOut {
  explicit RecordingOut(Calls& calls) : calls_(calls) {}
  int sampleRate() const override { return 16000; }
  void play(std::span<const std::int16_t> samples) override {
    calls_.add("play:" + std::to_string(samples.front()));
    {
      std::lock_guard lock(calls_.mutex);
      calls_.heard.insert(calls_.heard.end(), samples.begin(), samples.end());
    }
    std::unique_lock lock(gate_);
    ++waiting_;
    released_.wait(lock, [this] { return !holding_; });
    --waiting_;
  }
  void flush() override { calls_.add("flush"); }
  void hold() {
    std::lock_guard lock(gate_);
    holding_ = true;
  }
  void release() {
    {
      std::lock_guard lock(gate_);
      holding_ = false;
    }
    released_.notify_all();
  }
  bool waiting() {
    std::lock_guard lock(gate_);
    return waiting_ > 0;
  }
  Calls& calls_;
  std::mutex gate_;
  std::condition_variable released_;
  bool holding_ = false;
  int waiting_ = 0;
};

template <typename Done>
bool within(Done done, std::chrono::seconds limit = std::chrono::seconds(20)) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::yield();
  }
  return done();
}

}  // namespace

TEST_CASE("an utterance is journalled, normalised, cut into sentences, the first played before the second is made") {
  Calls calls;
  StandInEngine engine(calls);
  RecordingOut out(calls);
  std::vector<std::string> journal;
  std::mutex journalMutex;
  {
    Speaker speaker(
        engine, out,
        [&](const std::string& line) {
          std::lock_guard lock(journalMutex);
          journal.push_back(line);
        },
        100);
    speaker.say({"第一句，说\"好\"。3 个工作日内办结。", "zh-CN"});
    REQUIRE(within([&] { return !speaker.speaking(); }));
  }
  REQUIRE(journal.size() == 1);
  CHECK(journal[0] == "speech text=\"第一句，说\\\"好\\\"。3 个工作日内办结。\"");
  const auto log = calls.snapshot();
  const auto second = std::find(log.begin(), log.end(), "synth:三 个工作日内办结。");
  REQUIRE(second != log.end());  // normalised: the engine never sees the digit
  const auto firstPlay = std::find(log.begin(), log.end(), "play:1000");
  CHECK(firstPlay < second);  // the first sentence was playing before the second was made
  CHECK(calls.heard.size() == 600);
}

TEST_CASE("a new utterance replaces the one being said, and stop silences it") {
  Calls calls;
  StandInEngine engine(calls, 2000);  // long sentences: 200,000 samples each
  RecordingOut out(calls);
  Speaker speaker(engine, out, nullptr, 100);
  const auto heard = [&] {
    std::lock_guard lock(calls.mutex);
    return calls.heard.size();
  };
  // The first sentence's first piece is playing when the resident moves on.
  out.hold();
  speaker.say({"很长的第一句话。", "zh-CN"});
  REQUIRE(within([&] { return out.waiting(); }));
  speaker.say({"第二句。", "zh-CN"});
  out.release();
  REQUIRE(within([&] { return !speaker.speaking(); }));
  CHECK(heard() == 100 + 200'000);  // one piece of the first, all of the second
  {
    std::lock_guard lock(calls.mutex);
    CHECK(calls.heard.back() == 1001);
  }
  const auto log = calls.snapshot();
  CHECK(std::count(log.begin(), log.end(), "flush") == 2);  // each say() dropped what the device still held

  // Stopped while its first piece plays: nothing more is heard.
  out.hold();
  speaker.say({"又一句很长的话。", "zh-CN"});
  REQUIRE(within([&] { return out.waiting(); }));
  speaker.stop();
  out.release();
  REQUIRE(within([&] { return !speaker.speaking(); }));
  CHECK(heard() == 100 + 200'000 + 100);
}

TEST_CASE("a hall's recorded prompt is played instead of the engine, at the output's rate, at the volume set") {
  Calls calls;
  StandInEngine engine(calls);
  RecordingOut out(calls);
  {
    Speaker speaker(engine, out, nullptr, 50);
    speaker.say({"请选择要评价的承诺", "zh-CN",
                 std::make_shared<const Clip>(Clip{8000, std::vector<std::int16_t>(8000, 2000)})});
    REQUIRE(within([&] { return !speaker.speaking(); }));
  }
  const auto log = calls.snapshot();
  CHECK(std::none_of(log.begin(), log.end(), [](const std::string& l) { return l.rfind("synth:", 0) == 0; }));
  CHECK(calls.heard.size() == 16000);  // one second, at 16 kHz
  CHECK(calls.heard.front() == 1000);  // half of 2000
  std::vector<std::int16_t> loud{30000, -30000, 100};
  applyVolume(loud, 100);
  CHECK(loud == std::vector<std::int16_t>{30000, -30000, 100});
  applyVolume(loud, 0);
  CHECK(loud == std::vector<std::int16_t>{0, 0, 0});
  CHECK(resample(std::vector<std::int16_t>{0, 100}, 8000, 16000) == std::vector<std::int16_t>{0, 50, 100, 100});
}

TEST_CASE("the confirmation chime is the same every time, audible, about a third of a second") {
  const auto chime = confirmationChime(16000);
  CHECK(chime == confirmationChime(16000));
  CHECK(chime.size() == 16000 * 30 / 100);  // 0.12 s + 0.18 s
  const auto loudest = std::max_element(chime.begin(), chime.end());
  CHECK(*loudest > 10000);
  CHECK(std::abs(chime.front()) < 100);  // faded in: no click
  CHECK(std::abs(chime.back()) < 600);   // and out
}

TEST_CASE("a chime plays before the words, an utterance may be quieter, and the volume follows quiet hours") {
  Calls calls;
  StandInEngine engine(calls, 1);
  RecordingOut out(calls);
  std::vector<std::string> journal;
  std::mutex journalMutex;
  std::atomic<int> quiet{0};
  Speaker speaker(
      engine, out,
      [&](const std::string& line) {
        std::lock_guard lock(journalMutex);
        journal.push_back(line);
      },
      80, [&] { ++quiet; });
  const auto heard = [&] {
    std::lock_guard lock(calls.mutex);
    return calls.heard;
  };

  speaker.say({.text = "", .language = "zh-CN", .chime = true});
  REQUIRE(within([&] { return !speaker.speaking() && quiet.load() == 1; }));
  auto expected = confirmationChime(16000);
  applyVolume(expected, 80);
  CHECK(heard() == expected);
  CHECK(calls.snapshot().front() != "synth:");  // an empty text asks the engine for nothing

  speaker.setVolume(100);  // quiet hours ended
  speaker.say({.text = "感谢您的评价！", .language = "zh-CN", .chime = true, .volume = 50});
  REQUIRE(within([&] { return !speaker.speaking() && quiet.load() == 2; }));
  const auto all = heard();
  const std::size_t chimeSize = confirmationChime(16000).size();
  REQUIRE(all.size() == expected.size() + chimeSize + 100);
  CHECK(all.back() == 500);  // the engine's 1000 at half volume
  {
    std::lock_guard lock(journalMutex);
    REQUIRE(journal.size() == 2);
    CHECK(journal[0] == "speech text=\"\" chime=yes");
    CHECK(journal[1] == "speech text=\"感谢您的评价！\" chime=yes volume=50");
  }
}
