// kiosk::platform::SdlAudioOut on SDL's `disk` audio driver (no sound card needed): what is played
// reaches the device as it was queued, play() keeps only a quarter of a second ahead, and a flush
// drops what was not yet heard. With no device at all it says so instead of pretending.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

#include "kiosk/platform/sdl_audio_out.hpp"
#include "temp_dir.hpp"

TEST_CASE("speech reaches the audio device as queued, a quarter second ahead at most, and a flush drops the rest") {
  testing::TempDir dir;
  const auto file = dir / "heard.raw";
  ::setenv("SDL_AUDIODRIVER", "disk", 1);
  ::setenv("SDL_DISKAUDIOFILE", file.c_str(), 1);
  const std::vector<std::int16_t> tone(3200, 3000);     // 0.2 s at 16 kHz
  const std::vector<std::int16_t> speech(48000, 1234);  // 3 s
  std::uint32_t dropped = 0;
  {
    kiosk::platform::SdlAudioOut out(16000);
    CHECK(out.sampleRate() == 16000);
    out.play(tone);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (out.queuedBytes() > 0 && std::chrono::steady_clock::now() < until) std::this_thread::yield();
    CHECK(out.queuedBytes() == 0);  // heard
    out.play(speech);               // returns once no more than a quarter second is left to hear
    CHECK(out.queuedBytes() <= 16000 / 4 * 2);
    dropped = out.dropQueued();  // the resident moved on (what flush() does)
    CHECK(out.queuedBytes() == 0);
  }
  const std::string heard = testing::readFile(file);
  std::vector<std::int16_t> samples(heard.size() / 2);
  std::copy_n(heard.data(), samples.size() * 2, reinterpret_cast<char*>(samples.data()));
  CHECK(std::count(samples.begin(), samples.end(), 3000) == 3200);  // all of the tone, as played
  const auto spoken = std::count(samples.begin(), samples.end(), 1234);
  CHECK(spoken >= 48000 - 4000 - 1024);  // all but the last quarter second (and a device buffer) was heard ...
  CHECK(spoken <= 48000 - static_cast<long>(dropped / 2));  // ... and what the flush dropped was not
}

TEST_CASE("no audio device: a clear error, so the kiosk stays silent and says why") {
  ::setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
  CHECK_THROWS_AS(kiosk::platform::SdlAudioOut(16000), kiosk::speech::SpeechError);
  ::unsetenv("SDL_AUDIODRIVER");
}

TEST_CASE("between utterances the device rests (closed), and the next play opens it again") {
  testing::TempDir dir;
  const auto file = dir / "heard.raw";
  ::setenv("SDL_AUDIODRIVER", "disk", 1);
  ::setenv("SDL_DISKAUDIOFILE", file.c_str(), 1);
  kiosk::platform::SdlAudioOut out(16000);
  CHECK(out.resting());  // opened once to prove there is a device, then closed until needed
  CHECK(out.dropQueued() == 0);
  const std::vector<std::int16_t> tone(1600, 2500);  // 0.1 s
  out.play(tone);
  CHECK_FALSE(out.resting());
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (out.queuedBytes() > 0 && std::chrono::steady_clock::now() < until) std::this_thread::yield();
  out.rest();
  CHECK(out.resting());
  CHECK(out.queuedBytes() == 0);
  out.play(tone);  // SDL's disk driver starts a new file on each open: this play is what it holds
  CHECK_FALSE(out.resting());
  while (out.queuedBytes() > 0 && std::chrono::steady_clock::now() < until) std::this_thread::yield();
  out.rest();
  const std::string heard = testing::readFile(file);
  std::vector<std::int16_t> samples(heard.size() / 2);
  std::copy_n(heard.data(), samples.size() * 2, reinterpret_cast<char*>(samples.data()));
  CHECK(std::count(samples.begin(), samples.end(), 2500) == 1600);
}
