// kiosk::speech::parseOgg: a hall's recording in Ogg Vorbis decoded to the samples the speaker
// plays, and every kind of file that is not one refused with what is wrong. The recording is the
// fuzz corpus's tone.ogg (0.2 s of 440 Hz at 16 kHz, mono, made with `oggenc -q 0`).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>

#include "kiosk/speech/ogg_clip.hpp"
#include "temp_dir.hpp"
#include "wav_bytes.hpp"

using namespace kiosk::speech;

namespace {
std::string tone() { return testing::readFile(testing::sourceRoot() / "tests/fuzz/corpus/fuzz_ogg_clip/tone.ogg"); }
std::string refusal(const std::string& bytes) {
  try {
    parseOgg(bytes);
  } catch (const ClipError& e) {
    return e.what();
  }
  return "accepted";
}
}  // namespace

TEST_CASE("an Ogg Vorbis recording decodes to its rate and length, and is sound, not silence") {
  const Clip clip = parseOgg(tone());
  CHECK(clip.sampleRate == 16000);
  CHECK(clip.samples.size() == 3200);
  const auto loudest = *std::max_element(clip.samples.begin(), clip.samples.end());
  CHECK(loudest > 6000);  // the tone's peak is 8000; a lossy codec keeps it close
}

TEST_CASE("a file that is not a usable Ogg Vorbis recording is refused by what is wrong") {
  CHECK(refusal("") == "not an Ogg Vorbis file");
  CHECK(refusal("OggS and then nothing that decodes") == "not an Ogg Vorbis file");
  CHECK(refusal(testing::wavBytes(1, 1, 16000, 16, testing::pcm16({1, 2, 3}))) == "not an Ogg Vorbis file");
  const std::string whole = tone();
  CHECK(refusal(whole.substr(0, 200)) != "accepted");  // cut inside its headers
}
