// The real views, headless (Dear ImGui's example_null recipe: no window, no GPU), driven by
// pointer events through the same InputQueue the window uses, against a real store on disk.
#include <doctest/doctest.h>

#include <imgui.h>

#include <filesystem>
#include <map>
#include <tuple>

#include "common/password_hash.hpp"
#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/list_source.hpp"
#include "kiosk/platform/font_locator.hpp"
#include "kiosk/ui/kiosk_ui.hpp"
#include "temp_dir.hpp"
#include "wire/panel_ballot.hpp"
#include "wire/results_board.hpp"

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
  bool brokenStore = false;
  app::KioskApp app{cfg, app::loadListFile(cfg.listFile),
                    [this] {
                      // A folder where the database file should be: the store cannot open.
                      if (brokenStore) std::filesystem::create_directories(dir / "kiosk.db");
                      return std::make_unique<store::VoteStore>(dir / "kiosk.db");
                    },
                    clock, events};
  ImGuiContext* context = ImGui::CreateContext();
  ui::KioskUi view{strings, app.keys(), nullptr};
  ui::InputQueue input;

  explicit Headless(float w = 1920, float h = 1080, float dpi = 96, bool storeBroken = false)
      : brokenStore(storeBroken) {
    ImGui::GetIO().IniFilename = nullptr;
    view.setDisplay(w, h, 1.0f, dpi);
    view.setLayoutAudit(true);
    view.ensureFonts(cjkFont(), app.list());
    unsigned char* pixels = nullptr;
    int tw = 0, th = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);
    frame();
  }
  ~Headless() { ImGui::DestroyContext(context); }

  void frame(float dt = 0.016f) {
    clock.advance(std::chrono::milliseconds(static_cast<int>(dt * 1000)));
    view.ensureFonts(cjkFont(), app.list(), app.session().prefs());
    view.setStaffState(app.pinPrompt(), &app.staffReport());
    view.setPanelState(&app.panelPrompt(), app.panelsOffered());
    if (auto intent = view.frame(app.session(), app.list(), input.nextFrame(), dt)) app.onIntent(*intent);
    app.tick();
  }
  // A finger held still at `p` for `seconds` (frames a quarter second apart), then lifted.
  void hold(Point p, float seconds) {
    input.push({Kind::Move, p, 0});
    input.push({Kind::Down, p, 0});
    frame();
    for (float t = 0; t < seconds; t += 0.25f) frame(0.25f);
    input.push({Kind::Up, p, 0});
    settle();
  }
  void typePin(std::string_view pin) {
    for (char c : pin) tap("pin:" + std::string(1, c));
    tap("pin:ok");
  }
  // Runs frames until every queued event has been seen, plus one to draw the result.
  void settle() {
    while (!input.empty()) frame();
    frame();
  }
  Point centerOf(std::string_view target) const {
    const auto r = view.targets().find(target);
    REQUIRE_MESSAGE(r.has_value(),
                    "no tap target " << target << " on screen " << std::string(nameOf(app.session().screen())));
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
  common::sql::Statement st(h.app.store()->database(), "SELECT reason FROM tally WHERE commitment_id = 'c-0003'");
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

namespace {

// 你评我改 for the demo list's first commitment (c-0001) only, as the hub would send it.
wire::ResultsBoard demoResults(const std::string& outcome) {
  return {"hall-01", "2026-08-29", "2026-11-26", {{"c-0001", 128, 0.855, "2026-08-29", "2026-11-26", outcome}}};
}

}  // namespace

TEST_CASE("the detail screen says what residents said lately and what was done, only where there is a result") {
  Headless h;
  h.app.installResults(demoResults("窗口增设叫号屏，等候时间公示"));
  h.view.setResults(&h.app.results(), false);
  h.view.invalidateFonts();
  h.tap("start");
  CHECK_FALSE(h.view.drewText("满意率"));  // no badge unless configured
  h.tap("card:0");
  REQUIRE(h.app.session().screen() == Screen::Detail);
  CHECK(h.view.drewText("近 3 个月 128 人评价 · 满意率 86%"));
  CHECK(h.view.drewText("整改情况：窗口增设叫号屏，等候时间公示"));
  ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  for (ImWchar c : {ImWchar(0x53EB), ImWchar(0x5C4F)})  // 叫 屏: only in the outcome, still in the atlas
    CHECK(font->FindGlyphNoFallback(c) != nullptr);
  h.tap("back");
  h.tap("card:1");  // c-0002 is not on the board (under the minimum, or never rated)
  REQUIRE(h.app.session().screen() == Screen::Detail);
  CHECK_FALSE(h.view.drewText("人评价"));
  CHECK_FALSE(h.view.drewText("整改情况"));
}

TEST_CASE("the detail screen shows the residents' suggestions a commitment answers, after its text") {
  Headless h;
  auto list = h.app.list();
  list.version += 1;
  list.commitments[0].answers = {{12, "希望周末也能办社保业务"}, {15, "材料清单贴在窗口"}};
  h.app.installList(list);
  h.view.invalidateFonts();
  h.tap("start");
  h.tap("card:0");
  REQUIRE(h.app.session().screen() == Screen::Detail);
  CHECK(h.view.drewText("群众意见：希望周末也能办社保业务；材料清单贴在窗口"));
  ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  for (ImWchar c : {ImWchar(0x8D34)})  // 贴: only in a suggestion, still in the atlas
    CHECK(font->FindGlyphNoFallback(c) != nullptr);
  h.tap("back");
  h.tap("card:1");  // cites none: no line
  REQUIRE(h.app.session().screen() == Screen::Detail);
  CHECK_FALSE(h.view.drewText("群众意见"));
}

TEST_CASE("results: a badge on the card when configured, nothing at all when switched off") {
  Headless h;
  h.app.installResults(demoResults(""));
  h.view.setResults(&h.app.results(), true);
  h.tap("start");
  CHECK(h.view.drewText("满意率 86%"));
  h.tap("card:0");
  CHECK(h.view.drewText("近 3 个月 128 人评价"));
  CHECK_FALSE(h.view.drewText("整改情况"));  // no closed case: no outcome line

  Headless off;
  off.cfg.results.show = false;  // the app reads its config by reference
  off.app.installResults(demoResults("窗口增设叫号屏"));
  CHECK(off.app.results().results.empty());
  off.view.setResults(&off.app.results(), true);
  off.tap("start");
  CHECK_FALSE(off.view.drewText("满意率"));
  off.tap("card:0");
  CHECK_FALSE(off.view.drewText("人评价"));
}

TEST_CASE("a long outcome is cut to the lines the screen can spare, in every layout") {
  std::string outcome;
  for (int i = 0; i < 12; ++i) outcome += "窗口增设叫号屏，等候时间每日公示，周末延时服务到下午六点；";
  for (auto [w, hgt] : {std::pair{1920.0f, 1080.0f}, std::pair{1280.0f, 800.0f}, std::pair{1080.0f, 1920.0f}}) {
    for (bool large : {false, true}) {
      CAPTURE(w);
      CAPTURE(large);
      Headless h(w, hgt);
      h.app.installResults(demoResults(outcome));
      h.view.setResults(&h.app.results(), true);
      h.view.invalidateFonts();
      if (large) h.tap("pref:large");
      h.tap("start");
      h.tap("card:0");
      CHECK(h.view.drewText("128 人评价"));
      CHECK(h.view.drewText("整改情况"));
      CHECK(h.view.drewText("…"));  // cut, not spilled over the commitment's own text
      CHECK(h.view.drewText(h.app.list().commitments[0].title));
      for (const auto& problem : h.view.layoutProblems()) FAIL_CHECK(problem);
    }
  }
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

TEST_CASE("a resident switches language and large text on the attract screen, both reset on idle") {
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

TEST_CASE("filter chips narrow the list, count what they would show, and a chip again shows all") {
  Headless h;
  h.tap("start");
  const auto& chips = h.app.session().chips();
  REQUIRE(chips.size() > 2);
  // The first term chip (长远 in the demo list): the grid then shows exactly its commitments.
  std::size_t termChip = 1;
  REQUIRE(chips[termChip].row == Chip::Row::Term);
  const std::size_t expected = chips[termChip].count;
  h.tap("chip:" + std::to_string(termChip));
  CHECK(h.app.session().filter().term == chips[termChip].value);
  CHECK(h.app.session().shown().size() == expected);
  std::size_t cards = 0;
  for (const auto& t : h.view.targets().all()) cards += t.name.rfind("card:", 0) == 0;
  CHECK(cards == std::min<std::size_t>(expected, 8));
  // A card opened from the filtered grid is the right commitment.
  const std::size_t firstShown = h.app.session().shown().front();
  h.tap("card:" + std::to_string(firstShown));
  CHECK(h.app.session().current() == firstShown);
  h.tap("back");
  h.tap("chip:" + std::to_string(termChip));  // the selected chip again: everything
  CHECK_FALSE(h.app.session().filter().any());
  CHECK(h.app.session().shown().size() == h.app.list().commitments.size());
}

TEST_CASE("staff mode needs the hidden long press and the right PIN, five wrong PINs lock it") {
  Headless h;
  h.cfg.staff.pinHash = common::hashPin("2468", common::HashCost::Minimal);
  const Point corner{20, 20};
  // A short press in the corner is an ordinary tap: it starts a resident's session.
  h.hold(corner, 1.0f);
  CHECK(h.app.session().screen() == Screen::List);
  h.tap("back");
  // A long press elsewhere does nothing special.
  h.hold({960, 300}, 6.0f);
  CHECK(h.app.session().screen() != Screen::StaffPin);
  if (h.app.session().screen() == Screen::List) h.tap("back");

  h.hold(corner, 5.5f);
  REQUIRE(h.app.session().screen() == Screen::StaffPin);
  h.typePin("1111");
  CHECK(h.app.session().screen() == Screen::StaffPin);
  CHECK(h.app.pinPrompt().feedback == PinPrompt::Feedback::Wrong);
  h.typePin("2468");
  REQUIRE(h.app.session().screen() == Screen::Staff);
  CHECK(h.view.targets().find("staff:export"));
  h.tap("back");  // 〈 退出: leaves staff mode
  CHECK(h.app.session().screen() == Screen::Attract);

  h.hold(corner, 5.5f);
  for (int i = 0; i < 5; ++i) h.typePin("9999");
  CHECK(h.app.pinPrompt().feedback == PinPrompt::Feedback::Locked);
  h.typePin("2468");  // the right PIN, while locked out
  CHECK(h.app.session().screen() == Screen::StaffPin);
}

TEST_CASE("a panelist types the slip's code, grades every commitment or 不评, and the ballot goes to the hub once") {
  Headless h;
  CHECK_FALSE(h.view.targets().find("panel:enter"));  // off by default: no button residents cannot use
  h.cfg.panel.enabled = true;
  std::vector<app::PanelRequest> sent;
  h.app.setPanelSender([&](const app::PanelRequest& r) { sent.push_back(r); });
  h.settle();
  CHECK(h.view.layoutProblems().empty());  // the button is a full 15 mm target, its label inside it
  h.tap("panel:enter");
  REQUIRE(h.app.session().screen() == Screen::Panel);
  CHECK(h.view.layoutProblems().empty());
  CHECK(h.view.drewText("请输入评议码上的 10 位数字"));
  const auto type = [&](std::string_view digits) {
    for (char c : digits) h.tap("panel-key:" + std::string(1, c));
  };
  type("123");
  h.tap("panel-key:ok");
  CHECK(h.view.drewText("评议码是 10 位数字"));
  CHECK(sent.empty());
  type("4567890");
  h.tap("panel-key:ok");
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].path == "/api/v1/panel-ballots/1234567890");
  CHECK(h.view.drewText("正在连接"));
  h.app.panelAnswered(sent[0].ticket, 404, R"({"error":"no such panel code","reason":"unknown"})");
  h.settle();
  CHECK(h.view.drewText("没有这个评议码"));
  CHECK(h.view.drewText("1 2 3 4  5 6 7 8  9 0"));  // kept, to be checked against the slip

  h.tap("panel-key:ok");
  REQUIRE(sent.size() == 2);
  const auto& ids = h.app.list().commitments;
  REQUIRE(ids.size() >= 2);
  h.app.panelAnswered(sent[1].ticket, 200,
                      wire::encodePanelBallotForm(
                          {"评议会", "npc_deputy", {"good", "fairly_good", "fair", "poor"}, {ids[0].id, ids[1].id}}));
  h.settle();
  CHECK(h.view.drewText("人大代表"));
  CHECK(h.view.drewText(ids[1].title));
  CHECK(h.view.drewText("较好"));
  CHECK(h.view.layoutProblems().empty());
  h.tap("panel:submit");
  CHECK(h.view.drewText("还有 2 项未选择"));
  CHECK(sent.size() == 2);
  h.tap("panel:item0:fair");
  h.tap("panel:item1:skip");
  h.tap("panel:submit");
  REQUIRE(sent.size() == 3);
  CHECK(sent[2].method == app::PanelRequest::Method::Post);
  CHECK(sent[2].body.find("\"" + ids[0].id + "\":\"fair\"") != std::string::npos);
  CHECK(sent[2].body.find("\"" + ids[1].id + "\":\"skip\"") != std::string::npos);
  // The hub was not reached: the grades stay, the panelist sends again.
  h.app.panelAnswered(sent[2].ticket, 0, "");
  h.settle();
  CHECK(h.view.drewText("暂时无法连接服务器"));
  CHECK(h.app.panelPrompt().answers[0] == std::optional<std::size_t>(2));
  h.tap("panel:submit");
  REQUIRE(sent.size() == 4);
  h.app.panelAnswered(sent[2].ticket, 201, "");  // a stale answer changes nothing
  CHECK(h.app.panelPrompt().step == PanelPrompt::Step::Waiting);
  h.app.panelAnswered(sent[3].ticket, 201, R"({"status":"counted"})");
  h.settle();
  CHECK(h.view.drewText("评议已提交"));
  CHECK(h.votes() == 0);  // a panel's grades are never a resident's vote
  h.tap("panel:next");
  CHECK(h.app.panelPrompt().digits.empty());
  CHECK(h.view.drewText("请输入评议码上的 10 位数字"));

  // A panelist who walks away: back to the attract screen after the staff timeout, the pad empty.
  type("55");
  h.clock.advance(h.cfg.session.staffIdleTimeout);
  h.settle();
  CHECK(h.app.session().screen() == Screen::Attract);
  CHECK(h.app.panelPrompt().digits.empty());
}

TEST_CASE("a used or closed code is refused in words and leaves an empty pad") {
  Headless h;
  h.cfg.panel.enabled = true;
  std::vector<app::PanelRequest> sent;
  h.app.setPanelSender([&](const app::PanelRequest& r) { sent.push_back(r); });
  h.settle();
  h.tap("panel:enter");
  for (const auto& [status, body, words] :
       std::vector<std::tuple<int, std::string, std::string>>{{410, R"({"reason":"used"})", "只能投一次"},
                                                              {410, R"({"reason":"closed"})", "这次评议已经结束"},
                                                              {429, "", "操作太频繁"},
                                                              {200, "not a form", "暂时无法连接服务器"}}) {
    for (char c : std::string("0123456789")) h.tap("panel-key:" + std::string(1, c));
    h.tap("panel-key:ok");
    REQUIRE(!sent.empty());
    h.app.panelAnswered(sent.back().ticket, status, body);
    h.settle();
    CHECK(h.view.drewText(words));
    CHECK(h.app.panelPrompt().step == PanelPrompt::Step::Typing);
    while (!h.app.panelPrompt().digits.empty()) h.tap("panel-key:erase");
  }
  // A 互评 member's ballot names their category; one this kiosk has no words for is left out.
  for (const auto& [category, words] : std::vector<std::pair<std::string, std::string>>{
           {"party_member", "党员 · 请对每项承诺"}, {"jury", "请对每项承诺"}}) {
    for (char c : std::string("0123456789")) h.tap("panel-key:" + std::string(1, c));
    h.tap("panel-key:ok");
    h.app.panelAnswered(
        sent.back().ticket, 200,
        wire::encodePanelBallotForm({"互评", category, {"good", "fair", "poor"}, {h.app.list().commitments.at(0).id}}));
    h.settle();
    CHECK(h.view.drewText(words));
    CHECK_FALSE(h.view.drewText("panel.category"));
    h.tap("back");
    h.tap("panel:enter");
  }
  h.tap("back");
  CHECK(h.app.session().screen() == Screen::Attract);
}

TEST_CASE("the demo config's staff PIN is the one the README gives") {
  Headless h;
  h.hold({20, 20}, 5.5f);
  INFO("screen ", std::string(nameOf(h.app.session().screen())));
  REQUIRE(h.app.session().screen() == Screen::StaffPin);
  h.typePin("246810");
  CHECK(h.app.session().screen() == Screen::Staff);
}

namespace {

// Every screen a resident or staff member can reach, visited in one layout; at each, the layout
// audit must find no text outside its card or button, and every tap target must be at least
// 15 mm on the glass. Cards and chips cut by a scrolling edge are checked where whole.
void visitEveryScreen(float w, float hgt, float dpi, bool largeText) {
  CAPTURE(w);
  CAPTURE(hgt);
  CAPTURE(dpi);
  CAPTURE(largeText);
  Headless h(w, hgt, dpi);
  h.cfg.staff.pinHash = common::hashPin("2468", common::HashCost::Minimal);
  h.app.installResults(demoResults("窗口增设叫号屏，等候时间每日公示，周末延时服务到下午六点"));
  h.view.setResults(&h.app.results(), true);
  h.view.invalidateFonts();
  // The staff screen at its fullest: a sync problem with a long technical cause, and conflicts.
  h.app.setSyncStatusSource([] {
    SyncSummary s;
    s.configured = true;
    s.lastSuccessUnix = 1'795'220'000;
    s.problem = "tls";
    s.detail =
        "uploading batch 42: TLS refused: SSL certificate problem: unable to get local issuer certificate "
        "(the hub at https://hub.zibo-zhangdian.example:8443 presented a certificate this kiosk does not trust)";
    s.conflicts = 2;
    return s;
  });
  std::vector<std::string> seen;
  const auto check = [&](const char* what) {
    h.frame();
    seen.emplace_back(what);
    INFO("screen ", std::string(what));
    for (const auto& problem : h.view.layoutProblems()) FAIL_CHECK(problem);
    const float least = h.view.theme().mm(kiosk::ui::kMinTargetMm) - 0.5f;
    // Cards and chips scroll, so the ones at an edge of their area show only a part: those count
    // by the size of the whole ones beside them.
    std::map<std::string, Rect> widest;
    for (const auto& t : h.view.targets().all()) {
      const std::string kind = t.name.substr(0, t.name.find(':'));
      Rect& best = widest[kind];
      if (t.rect.y1 - t.rect.y0 > best.y1 - best.y0 || t.rect.x1 - t.rect.x0 > best.x1 - best.x0) best = t.rect;
    }
    for (const auto& t : h.view.targets().all()) {
      const std::string kind = t.name.substr(0, t.name.find(':'));
      const Rect r = kind == "card" || kind == "chip" ? widest[kind] : t.rect;
      INFO("target ", t.name);
      CHECK(r.x1 - r.x0 >= least);
      CHECK(r.y1 - r.y0 >= least);
    }
  };
  if (largeText) h.tap("pref:large");
  check("attract");
  h.tap("start");
  check("list");
  // The first unit chip (the strip scrolls sideways for the rest).
  const auto& chips = h.app.session().chips();
  const auto unit = std::find_if(chips.begin(), chips.end(), [](const Chip& c) { return c.row == Chip::Row::Unit; });
  REQUIRE(unit != chips.end());
  h.tap("chip:" + std::to_string(unit - chips.begin()));
  check("list filtered by unit");
  h.tap("chip:0");
  h.tap("card:0");
  check("detail");
  h.tap("rate:poor");
  check("reason");
  h.tap("reason:0");
  check("thanks");
  h.tap("finish");
  h.hold({20, 20}, 5.5f);
  REQUIRE(h.app.session().screen() == Screen::StaffPin);
  h.typePin("1111");
  check("staff pin, wrong");
  h.typePin("2468");
  REQUIRE(h.app.session().screen() == Screen::Staff);
  CHECK(h.app.staffReport().sync.lastSuccess == "2026-11-21 08:13");  // hall time
  h.cfg.staff.exportDir = h.dir / "no-stick";
  h.tap("staff:export");  // a failure notice, worded, with the folder that is missing
  CHECK(h.app.staffReport().notice.key == "staff.notice_no_stick");
  check("staff");
  h.tap("back");
  h.cfg.hours = OpeningHours{};
  h.app.tick();
  check("closed");
  CHECK(seen.size() == 9);
}

}  // namespace

TEST_CASE("no text leaves its card and every target is at least 15 mm, in every layout") {
  for (auto [w, hgt] : {std::pair{1920.0f, 1080.0f}, std::pair{1280.0f, 800.0f}, std::pair{1080.0f, 1920.0f}})
    for (bool large : {false, true}) visitEveryScreen(w, hgt, 96, large);
  // A dense 10-inch 1280x800 panel (150 dpi): the whole UI scales up to keep 15 mm targets.
  visitEveryScreen(1280, 800, 150, false);
}

TEST_CASE("a denser panel scales the UI so the smallest target stays 15 mm") {
  Headless coarse(1280, 800, 96), dense(1280, 800, 200);
  CHECK(dense.view.theme().unit > coarse.view.theme().unit);
  CHECK(dense.view.theme().minTarget() >= dense.view.theme().mm(kiosk::ui::kMinTargetMm) - 0.01f);
}

TEST_CASE("the out-of-service screen lays out cleanly in every layout and offers nothing to tap") {
  for (auto [w, hgt] : {std::pair{1920.0f, 1080.0f}, std::pair{1280.0f, 800.0f}, std::pair{1080.0f, 1920.0f}}) {
    Headless h(w, hgt, 96, true);
    h.frame();
    REQUIRE(h.app.session().screen() == Screen::OutOfService);
    for (const auto& problem : h.view.layoutProblems()) FAIL_CHECK(problem);
    CHECK(h.view.targets().all().empty());
  }
}
