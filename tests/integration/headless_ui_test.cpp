// The real views, headless (Dear ImGui's example_null recipe: no window, no GPU), driven by
// pointer events through the same InputQueue the window uses, against a real store on disk.
#include <doctest/doctest.h>

#include <imgui.h>

#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/list_source.hpp"
#include "kiosk/platform/font_locator.hpp"
#include "kiosk/ui/kiosk_ui.hpp"
#include "temp_dir.hpp"

using namespace kiosk;
using Kind = ui::PointerEvent::Kind;

namespace {

const ui::FontFile& cjkFont() {
  static const ui::FontFile font = platform::readFontFile(platform::locateFont());
  return font;
}

struct Headless {
  testing::TempDir dir;
  config::KioskConfig cfg = config::loadKioskConfig(testing::sourceRoot() / "config/kiosk.toml");
  std::vector<config::StringTable> strings = [this] {
    std::vector<config::StringTable> tables;
    for (const auto& language : cfg.languages) tables.push_back(config::StringTable::load(cfg.stringsDir, language));
    return tables;
  }();
  ManualClock clock;
  app::AppEvents events;
  app::KioskApp app{cfg, app::loadListFile(cfg.listFile),
                    [this] { return std::make_unique<store::VoteStore>(dir / "kiosk.db"); }, clock, events};
  ImGuiContext* context = ImGui::CreateContext();
  ui::KioskUi view{strings, app.keys(), nullptr};
  ui::InputQueue input;

  explicit Headless(float w = 1920, float h = 1080) {
    ImGui::GetIO().IniFilename = nullptr;
    view.setDisplay(w, h, 1.0f);
    view.ensureFonts(cjkFont(), app.list());
    unsigned char* pixels = nullptr;
    int tw = 0, th = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);
    frame();
  }
  ~Headless() { ImGui::DestroyContext(context); }

  void frame() {
    clock.advance(std::chrono::milliseconds(16));
    view.ensureFonts(cjkFont(), app.list(), app.session().prefs());
    if (auto intent = view.frame(app.session(), app.list(), input.nextFrame(), 0.016f)) app.onIntent(*intent);
    app.tick();
  }
  // Runs frames until every queued event has been seen, plus one to draw the result.
  void settle() {
    while (!input.empty()) frame();
    frame();
  }
  Point centerOf(std::string_view target) const {
    const auto r = view.targets().find(target);
    REQUIRE_MESSAGE(r.has_value(), "no tap target " << target << " on screen " << std::string(nameOf(app.session().screen())));
    return {(r->x0 + r->x1) / 2, (r->y0 + r->y1) / 2};
  }
  // A touch tap: press and release delivered in the same poll, as touch screens do.
  void tap(std::string_view target) {
    const Point p = centerOf(target);
    input.push({Kind::Move, p, 0});
    input.push({Kind::Down, p, 0});
    input.push({Kind::Up, p, 0});
    settle();
  }
  void drag(Point from, Point to, int steps) {
    input.push({Kind::Move, from, 0});
    input.push({Kind::Down, from, 0});
    frame();
    for (int i = 1; i <= steps; ++i) {
      const float t = static_cast<float>(i) / static_cast<float>(steps);
      input.push({Kind::Move, {from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t}, 0});
      frame();
    }
    input.push({Kind::Up, to, 0});
    settle();
  }
  std::int64_t votes() {
    std::int64_t n = 0;
    for (const auto& row : app.store()->localTally()) n += row.n;
    return n;
  }
  std::int64_t votes(const std::string& id, Rating r) {
    for (const auto& row : app.store()->localTally())
      if (row.commitmentId == id && row.rating == r) return row.n;
    return 0;
  }
};

}  // namespace

TEST_CASE("tap the first card, tap 好: exactly one good vote is stored") {
  Headless h;
  h.tap("start");
  CHECK(h.app.session().screen() == Screen::List);
  h.tap("card:0");
  CHECK(h.app.session().screen() == Screen::Detail);
  h.tap("rate:good");
  CHECK(h.app.session().screen() == Screen::Thanks);
  CHECK(h.votes() == 1);
  CHECK(h.votes("c-0001", Rating::Good) == 1);
}

TEST_CASE("a press and release inside one frame still counts") {
  Headless h;
  h.tap("start");
  h.tap("card:1");
  const Point p = h.centerOf("rate:fair");
  h.input.push({Kind::Move, p, 0});
  h.input.push({Kind::Down, p, 0});
  h.input.push({Kind::Up, p, 0});
  h.frame();  // sees the press
  CHECK(h.votes() == 0);
  h.frame();  // sees the release: the tap
  CHECK(h.votes("c-0002", Rating::Fair) == 1);
}

TEST_CASE("a drag across the rating buttons does not vote") {
  Headless h;
  h.tap("start");
  h.tap("card:0");
  const Point good = h.centerOf("rate:good"), poor = h.centerOf("rate:poor");
  h.drag(good, poor, 12);
  h.drag(good, {good.x, good.y - 60}, 6);  // a short wobble upwards past the slop, release inside
  h.drag(poor, {poor.x + 40, poor.y}, 4);
  CHECK(h.app.session().screen() == Screen::Detail);
  CHECK(h.votes() == 0);
  CHECK(h.app.store()->filteredTotal() == 0);
}

TEST_CASE("dragging the list scrolls it and opens nothing") {
  Headless h;
  h.tap("start");
  const Point first = h.centerOf("card:0");
  h.drag(first, {first.x, first.y - 500}, 10);
  CHECK(h.app.session().screen() == Screen::List);
  CHECK_FALSE(h.view.targets().find("card:0").has_value());  // scrolled off the top
  CHECK(h.view.targets().find("card:10").has_value());
}

TEST_CASE("the reason picker stores a poor rating with its reason") {
  Headless h;
  h.tap("start");
  h.tap("card:2");
  h.tap("rate:poor");
  REQUIRE(h.app.session().screen() == Screen::Reason);
  h.tap("reason:1");
  CHECK(h.app.session().screen() == Screen::Thanks);
  sql::Statement st(h.app.store()->database(), "SELECT reason FROM tally WHERE commitment_id = 'c-0003'");
  REQUIRE(st.step());
  CHECK(st.columnText(0) == "attitude");
}

TEST_CASE("every screen draws in portrait and small landscape too") {
  for (auto [w, hgt] : {std::pair{1080.0f, 1920.0f}, std::pair{1280.0f, 800.0f}}) {
    Headless h(w, hgt);
    h.tap("start");
    CHECK(h.view.listColumns() == (w > hgt ? 2u : 1u));
    h.tap("card:0");
    const auto good = h.view.targets().find("rate:good");
    REQUIRE(good);
    CHECK(good->y1 <= hgt);
    CHECK(good->x0 >= 0);
    h.tap("rate:good");
    CHECK(h.votes() == 1);
  }
}

TEST_CASE("the atlas holds the list's glyphs, not a whole CJK range") {
  Headless h;
  CHECK(h.view.glyphCount() > 300);
  CHECK(h.view.glyphCount() < 3000);
  ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  for (ImWchar c : {ImWchar(0x627F), ImWchar(0x8AFE), ImWchar(0x738B)})  // 承 諾 王
    CHECK(font->FindGlyphNoFallback(c) != nullptr);
}

TEST_CASE("the closed screen offers nothing to tap") {
  Headless h;
  h.cfg.hours = OpeningHours{};  // closed every day (the app reads its config by reference)
  h.app.tick();
  h.frame();
  REQUIRE(h.app.session().screen() == Screen::Closed);
  CHECK(h.view.targets().all().empty());
  const Point middle{960, 540};
  h.input.push({Kind::Down, middle, 0});
  h.input.push({Kind::Up, middle, 0});
  h.settle();
  CHECK(h.app.session().screen() == Screen::Closed);
}

TEST_CASE("a resident switches language and large text on the attract screen; both reset on idle") {
  Headless h;
  const float normalUnit = h.view.theme().unit;
  h.tap("pref:language");
  CHECK(h.app.session().prefs().language == 1);  // zh-TW
  CHECK(h.strings.at(1).get("attract.tap_to_start") == "點擊開始評議");
  h.tap("pref:large");
  h.frame();
  CHECK(h.view.theme().unit == doctest::Approx(normalUnit * kiosk::ui::kLargeTextFactor));
  h.tap("pref:contrast");
  h.frame();
  CHECK(h.view.clearColor(h.app.session()) == IM_COL32(0, 0, 0, 255));
  // Toggles do not start a session; the rest of the screen does.
  CHECK(h.app.session().screen() == Screen::Attract);
  h.tap("start");
  REQUIRE(h.app.session().screen() == Screen::List);
  h.tap("card:0");
  h.tap("rate:good");  // large text, high contrast: still one tap to vote
  CHECK(h.votes() == 1);

  h.clock.advance(std::chrono::seconds(61));
  h.app.tick();
  h.frame();
  CHECK(h.app.session().screen() == Screen::Attract);
  CHECK(h.app.session().prefs() == ResidentPrefs{});
  CHECK(h.view.theme().unit == doctest::Approx(normalUnit));
}
