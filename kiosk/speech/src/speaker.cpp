#include "kiosk/speech/speaker.hpp"

#include <algorithm>
#include <vector>

#include "kiosk/speech/speech_text.hpp"

namespace kiosk::speech {

namespace {

// The journal's form of a text: quotes and line ends escaped, so one utterance is one line.
std::string journalText(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

}  // namespace

void applyVolume(std::span<std::int16_t> samples, int volume) {
  const int v = std::clamp(volume, 0, 100);
  for (auto& s : samples) s = static_cast<std::int16_t>(std::clamp(s * v / 100, -32768, 32767));
}

std::vector<std::int16_t> resample(std::span<const std::int16_t> samples, int from, int to) {
  if (from == to || samples.empty() || from <= 0 || to <= 0) return {samples.begin(), samples.end()};
  const auto n = static_cast<std::size_t>(static_cast<double>(samples.size()) * to / from);
  std::vector<std::int16_t> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double at = static_cast<double>(i) * from / to;
    const auto k = static_cast<std::size_t>(at);
    const double frac = at - static_cast<double>(k);
    const double a = samples[std::min(k, samples.size() - 1)], b = samples[std::min(k + 1, samples.size() - 1)];
    out[i] = static_cast<std::int16_t>(a + (b - a) * frac);
  }
  return out;
}

Speaker::Speaker(SpeechEngine& engine, AudioOut& out, Journal journal, int volume)
    : engine_(engine), out_(out), journal_(std::move(journal)), volume_(volume), thread_([this] { run(); }) {}

Speaker::~Speaker() {
  {
    std::lock_guard lock(mutex_);
    quitting_ = true;
    ++generation_;
  }
  wake_.notify_all();
  out_.flush();
  thread_.join();
}

void Speaker::say(Utterance utterance) {
  {
    std::lock_guard lock(mutex_);
    pending_ = std::move(utterance);
    ++generation_;
  }
  out_.flush();  // the old words stop now, not when the new ones are ready
  wake_.notify_all();
}

void Speaker::stop() {
  {
    std::lock_guard lock(mutex_);
    pending_.reset();
    ++generation_;
  }
  out_.flush();
}

bool Speaker::speaking() const {
  std::lock_guard lock(mutex_);
  return busy_ || pending_.has_value();
}

bool Speaker::current(std::uint64_t generation) const {
  std::lock_guard lock(mutex_);
  return generation_ == generation && !quitting_;
}

void Speaker::run() {
  for (;;) {
    Utterance u;
    std::uint64_t generation = 0;
    {
      std::unique_lock lock(mutex_);
      busy_ = false;
      wake_.wait(lock, [this] { return quitting_ || pending_.has_value(); });
      if (quitting_) return;
      u = std::move(*pending_);
      pending_.reset();
      generation = generation_;
      busy_ = true;
    }
    try {
      speak(u, generation);
    } catch (const std::exception& e) {
      if (journal_) journal_("speech-failed reason=\"" + journalText(e.what()) + "\"");
    }
  }
}

void Speaker::speak(const Utterance& u, std::uint64_t generation) {
  if (journal_) journal_("speech text=\"" + journalText(u.text) + "\"");
  std::vector<std::int16_t> chunk;
  const auto play = [&](std::span<const std::int16_t> samples) {
    if (!current(generation)) return false;
    chunk.assign(samples.begin(), samples.end());
    applyVolume(chunk, volume_);
    out_.play(chunk);
    return current(generation);
  };
  if (u.recorded) {
    const auto samples = resample(u.recorded->samples, u.recorded->sampleRate, out_.sampleRate());
    const std::size_t step = static_cast<std::size_t>(out_.sampleRate() / 10);  // 100 ms: stops within that
    for (std::size_t at = 0; at < samples.size(); at += step)
      if (!play(std::span<const std::int16_t>(samples).subspan(at, std::min(step, samples.size() - at)))) return;
    return;
  }
  for (const auto& sentence : splitSentences(normaliseForSpeech(u.text, u.language))) {
    if (!current(generation)) return;
    engine_.synthesise(sentence, u.language, play);
  }
}

}  // namespace kiosk::speech
