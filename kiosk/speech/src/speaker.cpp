#include "kiosk/speech/speaker.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
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

std::vector<std::int16_t> confirmationChime(int sampleRate) {
  // 660 Hz then 880 Hz (a rising fifth reads as "done"), each with a short fade in and out so
  // the speaker does not click.
  std::vector<std::int16_t> out;
  const double rate = sampleRate > 0 ? sampleRate : 22050;
  for (const auto& [hz, seconds] : {std::pair{660.0, 0.12}, std::pair{880.0, 0.18}}) {
    const auto n = static_cast<std::size_t>(rate * seconds);
    const auto fade = static_cast<std::size_t>(rate * 0.01);
    for (std::size_t i = 0; i < n; ++i) {
      const double edge = std::min({1.0, static_cast<double>(i) / static_cast<double>(fade),
                                    static_cast<double>(n - i) / static_cast<double>(fade)});
      out.push_back(static_cast<std::int16_t>(12000.0 * edge *
                                              std::sin(2 * std::numbers::pi * hz * static_cast<double>(i) / rate)));
    }
  }
  return out;
}

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

Speaker::Speaker(SpeechEngine& engine, AudioOut& out, Journal journal, int volume, std::function<void()> quiet)
    : engine_(engine), out_(out), journal_(std::move(journal)), quiet_(std::move(quiet)), volume_(volume),
      thread_([this] { run(); }) {}

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
  bool resting = true;
  for (;;) {
    Utterance u;
    std::uint64_t generation = 0;
    {
      std::unique_lock lock(mutex_);
      busy_ = false;
      const auto ready = [this] { return quitting_ || pending_.has_value(); };
      // Half a second after the last sound (its tail heard), the output may rest: an idle kiosk's
      // audio device then wakes nobody, not every 46 ms to play silence.
      if (!resting && !wake_.wait_for(lock, kRestAfter, ready)) {
        lock.unlock();
        out_.rest();
        if (journal_) journal_("speech-rested");
        resting = true;
        lock.lock();
      }
      wake_.wait(lock, ready);
      if (quitting_) return;
      resting = false;
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
    bool silent = false;
    {
      std::lock_guard lock(mutex_);
      silent = !pending_.has_value() && !quitting_;
      if (silent) busy_ = false;
    }
    if (silent && quiet_) quiet_();
  }
}

void Speaker::speak(const Utterance& u, std::uint64_t generation) {
  if (journal_)
    journal_("speech text=\"" + journalText(u.text) + "\"" + (u.chime ? " chime=yes" : "") +
             (u.volume < 100 ? " volume=" + std::to_string(u.volume) : "") + (u.recorded ? " recorded=yes" : ""));
  std::vector<std::int16_t> chunk;
  const auto play = [&](std::span<const std::int16_t> samples) {
    if (!current(generation)) return false;
    chunk.assign(samples.begin(), samples.end());
    applyVolume(chunk, volume_.load(std::memory_order_relaxed) * std::clamp(u.volume, 0, 100) / 100);
    out_.play(chunk);
    return current(generation);
  };
  const auto playAll = [&](const std::vector<std::int16_t>& samples) {
    const std::size_t step =
        static_cast<std::size_t>(std::max(out_.sampleRate() / 10, 1));  // 100 ms: stops within that
    for (std::size_t at = 0; at < samples.size(); at += step)
      if (!play(std::span<const std::int16_t>(samples).subspan(at, std::min(step, samples.size() - at)))) return false;
    return true;
  };
  if (u.chime && !playAll(confirmationChime(out_.sampleRate()))) return;
  if (u.recorded) {
    playAll(resample(u.recorded->samples, u.recorded->sampleRate, out_.sampleRate()));
    return;
  }
  for (const auto& sentence : splitSentences(normaliseForSpeech(u.text, u.language))) {
    if (!current(generation)) return;
    engine_.synthesise(sentence, u.language, play);
  }
}

}  // namespace kiosk::speech
