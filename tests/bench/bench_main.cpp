// kiosk-bench: the measurements behind the benchmark table in tests/README.md. Each subcommand prints one
// figure line "name key=value ..."; run_bench.sh runs them side by side and adds the whole-process
// figures (idle CPU, peak RSS, start time) of the real kiosk binary.
//   kiosk-bench write-list N FILE   a realistic N-commitment list
//   kiosk-bench store DIR           tap->durable through KioskApp vs a bare WAL+FULL commit
//   kiosk-bench write-results LIST FILE  你评我改 results for every commitment of LIST, with outcomes
//   kiosk-bench frames LIST [RESULTS]    frame times while drag-scrolling LIST at 1920x1080 (needs
//                                        X), with RESULTS: badges on every card
//   kiosk-bench speech              say() -> first sample to the audio output with espeak-ng (a prompt,
//                                   a long commitment), and the engine's resident memory
#include <SDL_opengl.h>
#include <imgui.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "bench_list.hpp"
#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/list_source.hpp"
#include "kiosk/platform/font_locator.hpp"
#include "kiosk/platform/sdl_gl_window.hpp"
#include "kiosk/speech/espeak_engine.hpp"
#include "kiosk/speech/speaker.hpp"
#include "kiosk/ui/kiosk_ui.hpp"
#include "temp_dir.hpp"
#include "wire/results_board.hpp"

using namespace kiosk;
using Stopwatch = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

// Storage trouble must stop a benchmark loudly, not skew it.
struct LoudEvents final : app::AppEvents {
  void storeFailed(std::string_view why) override { std::cerr << "bench: storage failed: " << why << "\n"; }
};

double micros(Stopwatch::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[i];
}

config::KioskConfig benchConfig(const fs::path& list) {
  auto cfg = config::loadKioskConfig(testing::sourceRoot() / "config/kiosk.toml");
  cfg.listFile = list;
  cfg.session.reasonMode = ReasonMode::Off;
  return cfg;
}

int writeList(int count, const fs::path& out) {
  testing::writeFile(
      out, bench::makeLargeList(testing::readFile(testing::sourceRoot() / "config/demo/commitments.json"), count));
  std::cout << "list commitments=" << count << " bytes=" << fs::file_size(out) << "\n";
  return 0;
}

// Results for every commitment, each with an outcome of 40-100 characters, as the hub sends them.
int writeResults(const fs::path& listFile, const fs::path& out) {
  const wire::CommitmentList list = app::loadListFile(listFile);
  wire::ResultsBoard board{list.hall, "2026-08-29", "2026-11-26", {}};
  const std::string phrase = "窗口增设叫号屏，等候时间每日公示；周末延时服务，老年人可预约上门办理";
  for (std::size_t i = 0; i < list.commitments.size(); ++i) {
    std::string outcome = phrase;
    for (std::size_t n = 0; n < i % 3; ++n) outcome += phrase;
    board.results.push_back({list.commitments[i].id, 30 + static_cast<std::int64_t>(i % 500),
                             0.5 + static_cast<double>(i % 50) / 100, board.from, board.to, outcome});
  }
  testing::writeFile(out, wire::encodeResults(board));
  std::cout << "results commitments=" << board.results.size() << " bytes=" << fs::file_size(out) << "\n";
  return 0;
}

int storeBench(const fs::path& dir) {
  fs::create_directories(dir);
  constexpr int kVotes = 400;
  const auto cfg = benchConfig(testing::sourceRoot() / "config/demo/commitments.json");
  ManualClock clock;
  LoudEvents events;
  app::KioskApp app(
      cfg, app::loadListFile(cfg.listFile), [&] { return std::make_unique<store::VoteStore>(dir / "kiosk.db"); }, clock,
      events);

  sqlite3* bare = nullptr;
  sqlite3_open((dir / "bare.db").c_str(), &bare);
  sqlite3_exec(bare, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t(x INTEGER)", nullptr, nullptr,
               nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(bare, "INSERT INTO t VALUES (?1)", -1, &insert, nullptr);

  std::vector<double> tap, raw;
  const std::size_t n = app.list().commitments.size();
  // Interleaved, so both see the same disk and page-cache conditions.
  for (int i = 0; i < kVotes; ++i) {
    app.onIntent(Intent::start());
    app.onIntent(Intent::open(static_cast<std::size_t>(i) % n));
    auto t0 = Stopwatch::now();
    app.onIntent(Intent::rate(Rating::Good));
    tap.push_back(micros(Stopwatch::now() - t0));
    if (app.session().screen() != Screen::Thanks) {
      std::cerr << "bench: vote " << i << " was not acknowledged (screen " << nameOf(app.session().screen()) << ")\n";
      return 1;
    }
    app.onIntent(Intent::finish());
    clock.advance(std::chrono::seconds(6));

    t0 = Stopwatch::now();
    sqlite3_exec(bare, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_bind_int(insert, 1, i);
    sqlite3_step(insert);
    sqlite3_reset(insert);
    sqlite3_exec(bare, "COMMIT", nullptr, nullptr, nullptr);
    raw.push_back(micros(Stopwatch::now() - t0));
  }
  sqlite3_finalize(insert);
  sqlite3_close(bare);
  std::printf(
      "tap_to_durable_us p50=%.0f p99=%.0f | bare_commit_us p50=%.0f p99=%.0f | ratio_p50=%.2f ratio_p99=%.2f "
      "votes=%d\n",
      percentile(tap, 0.5), percentile(tap, 0.99), percentile(raw, 0.5), percentile(raw, 0.99),
      percentile(tap, 0.5) / percentile(raw, 0.5), percentile(tap, 0.99) / percentile(raw, 0.99), kVotes);
  return 0;
}

int frameBench(const fs::path& listFile, const fs::path& resultsFile) {
  const auto cfg = benchConfig(listFile);
  const std::vector<config::StringTable> strings{config::StringTable::load(cfg.stringsDir, cfg.language)};
  testing::TempDir dir;
  SystemClock clock;
  LoudEvents events;
  app::KioskApp app(
      cfg, app::loadListFile(listFile), [&] { return std::make_unique<store::VoteStore>(dir / "kiosk.db"); }, clock,
      events);
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  const ui::FontFile font = platform::readFontFile(platform::locateFont());
  {
    platform::SdlGlWindow window({false, 1920, 1080, "kiosk-bench"});
    ui::KioskUi view(strings, app.keys(), nullptr);
    if (!resultsFile.empty()) {
      app.installResults(wire::parseResults(testing::readFile(resultsFile)));
      view.setResults(&app.results(), true);
    }
    int w = 0, h = 0;
    window.size(w, h);
    view.setDisplay(static_cast<float>(w), static_cast<float>(h), 1.0f);
    if (view.ensureFonts(font, app.list())) window.uploadFonts();
    app.onIntent(Intent::start());

    ui::InputQueue input;
    using Kind = ui::PointerEvent::Kind;
    std::vector<double> frames, uiPart;
    const float x = static_cast<float>(w) / 2;
    // Flings: press low, drag up 60 px a frame for 12 frames, release; 75 of them.
    for (int fling = 0; fling < 75; ++fling) {
      float y = static_cast<float>(h) - 150;
      input.push({Kind::Move, {x, y}, 0});
      input.push({Kind::Down, {x, y}, 0});
      for (int step = 0; step <= 13; ++step) {
        if (step > 0 && step <= 12) input.push({Kind::Move, {x, y -= 60}, 0});
        if (step == 13) input.push({Kind::Up, {x, y}, 0});
        window.wait(0);
        const auto t0 = Stopwatch::now();
        window.beginFrame();
        if (auto intent = view.frame(app.session(), app.list(), input.nextFrame(), 1.0f / 60)) app.onIntent(*intent);
        const auto t1 = Stopwatch::now();
        window.present(ImGui::GetDrawData(), view.clearColor(app.session()));
        glFinish();
        frames.push_back(micros(Stopwatch::now() - t0) / 1000.0);
        uiPart.push_back(micros(t1 - t0) / 1000.0);
      }
    }
    if (app.session().screen() != Screen::List) {
      std::cerr << "bench: a drag opened a commitment\n";
      return 1;
    }
    std::printf(
        "scroll_frame_ms%s p50=%.2f p99=%.2f max=%.2f (ui p50=%.2f p99=%.2f) frames=%zu window=%dx%d "
        "commitments=%zu glyphs=%zu\n",
        resultsFile.empty() ? "" : "_with_results_badges", percentile(frames, 0.5), percentile(frames, 0.99),
        percentile(frames, 1.0), percentile(uiPart, 0.5), percentile(uiPart, 0.99), frames.size(), w, h,
        app.list().commitments.size(), view.glyphCount());
  }
  ImGui::DestroyContext();
  return 0;
}

long residentKiB() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

// say() → the first sample handed to the audio output, through the real Speaker and espeak-ng's
// Mandarin voice (the output only notes the time: what the resident waits for is the first
// sound), for a prompt and for a long commitment; and what loading the engine costs in memory.
int speechBench() {
  const long before = residentKiB();
  speech::EspeakEngine engine;
  struct FirstSample final : speech::AudioOut {
    int rate;
    std::atomic<std::int64_t> firstNs{0};
    explicit FirstSample(int r) : rate(r) {}
    int sampleRate() const override { return rate; }
    void play(std::span<const std::int16_t>) override {
      std::int64_t none = 0;
      firstNs.compare_exchange_strong(none, Stopwatch::now().time_since_epoch().count());
    }
    void flush() override {}
  } out(engine.sampleRate());
  speech::Speaker speaker(engine, out, nullptr);
  const std::pair<const char*, std::string> texts[] = {
      {"prompt", "请对这项承诺作出评价：好、一般、差"},
      {"long",
       "我承诺：2026-01-01 至 2028-12-31，群众来办事热情接待、一次告知，3 个工作日内办结，"
       "满意率不低于 95%。如有不满意，请拨打热线 12345，我们将在 24 小时内回复。"}};
  std::string line = "speech_first_sample_ms";
  for (const auto& [label, text] : texts) {
    std::vector<double> waits;
    for (int i = 0; i < 40; ++i) {
      out.firstNs = 0;
      const auto t0 = Stopwatch::now();
      speaker.say({text, "zh-CN"});
      while (out.firstNs == 0 && Stopwatch::now() - t0 < std::chrono::seconds(10)) std::this_thread::yield();
      waits.push_back(static_cast<double>(out.firstNs - t0.time_since_epoch().count()) / 1e6);
      speaker.stop();
      while (speaker.speaking()) std::this_thread::yield();
    }
    char part[128];
    std::snprintf(part, sizeof part, " %s p50=%.1f p99=%.1f", label, percentile(waits, 0.5), percentile(waits, 0.99));
    line += part;
  }
  std::printf("%s (espeak-ng cmn, %d Hz, 40 each) engine_rss_kib=%ld\n", line.c_str(), engine.sampleRate(),
              residentKiB() - before);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 3 && args[0] == "write-list") return writeList(std::stoi(args[1]), args[2]);
  if (args.size() == 2 && args[0] == "store") return storeBench(args[1]);
  if (args.size() == 1 && args[0] == "speech") return speechBench();
  if (args.size() == 3 && args[0] == "write-results") return writeResults(args[1], args[2]);
  if ((args.size() == 2 || args.size() == 3) && args[0] == "frames")
    return frameBench(args[1], args.size() == 3 ? fs::path(args[2]) : fs::path());
  std::cerr << "usage: kiosk-bench write-list N FILE | write-results LIST FILE | store DIR | frames LIST [RESULTS] "
               "| speech\n";
  return 2;
}
