// The narrator (朗读) over the real string tables and the demo list, driven by a pure Session and
// a manual clock: what is said on each screen and focus change, what is never said (the chosen
// rating, unless the hall allows it), and when the kiosk falls silent.
#include <doctest/doctest.h>

#include "kiosk/app/kiosk_app.hpp"
#include "kiosk/app/list_source.hpp"
#include "kiosk/app/narrator.hpp"
#include "temp_dir.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

struct Fixture {
  config::KioskConfig cfg = config::loadKioskConfig(testing::sourceRoot() / "config/kiosk.toml");
  std::vector<config::StringTable> strings;
  wire::CommitmentList list = app::loadListFile(cfg.listFile);
  ManualClock clock;
  std::optional<Session> session;
  std::optional<app::Narrator> narrator;
  bool speaking = false;

  explicit Fixture(bool announceChoice = false, bool readAloudByDefault = false) {
    cfg.session.canSpeak = true;
    cfg.session.residentDefaults.readAloud = readAloudByDefault;
    cfg.speech.announceChoice = announceChoice;
    for (const auto& language : cfg.languages) strings.push_back(config::StringTable::load(cfg.stringsDir, language));
    session.emplace(cfg.session, app::commitmentIds(list), app::reasonCodes(list), app::facetsOf(list));
    narrator.emplace(cfg, strings);
    CHECK_FALSE(said());  // the first frame says nothing
  }
  Instant now() const { return clock.now(); }
  std::optional<app::Cue> said() { return narrator->update(*session, list, speaking); }
  std::string text() {
    const auto cue = said();
    REQUIRE(cue);
    REQUIRE(cue->kind == app::Cue::Kind::Say);
    return cue->text;
  }
  bool stopped() {
    const auto cue = said();
    return cue && cue->kind == app::Cue::Kind::Stop;
  }
  std::optional<PendingVote> key(Action a) { return session->key(a, now(), 3); }
  // Keys whose cues are not what the test looks at (each heard and let go, as frames would).
  void pass(std::initializer_list<Action> actions) {
    for (Action a : actions) {
      key(a);
      said();
    }
  }
  // Keys from the attract screen to a stored vote of `rating` on the first commitment, as a blind
  // resident would press them; returns the cue of the thank-you.
  app::Cue voteByKeys(Action rating) {
    pass({Action::Select, Action::Select});
    auto vote = key(rating);
    if (session->screen() == Screen::Reason) {
      said();
      vote = key(Action::Select);
    }
    REQUIRE(vote);
    session->voteStored(*vote, now());
    const auto cue = said();
    REQUIRE(cue);
    return *cue;
  }
};

}  // namespace

TEST_CASE("a blind resident hears every step of the keypad flow") {
  Fixture f;
  f.key(Action::ReadAloud);
  CHECK(f.text() == "朗读已打开。按任意键或点击屏幕开始评价。");
  auto cue = (f.key(Action::Select), f.said());
  REQUIRE(cue);
  CHECK(cue->text.starts_with("请选择要评价的承诺，共 " + std::to_string(f.list.commitments.size()) + " 项。"));
  CHECK(cue->text.find("第 1 项，" + f.list.commitments[0].holder.name + "：" + f.list.commitments[0].title) !=
        std::string::npos);
  CHECK(cue->language == "zh-CN");

  f.key(Action::Right);
  CHECK(f.text() == "第 2 项，" + f.list.commitments[1].holder.name + "：" + f.list.commitments[1].title + "。");
  f.key(Action::Right);
  f.key(Action::Right);  // two moves between frames: only where the focus rests is said
  CHECK(f.text().starts_with("第 4 项，" + f.list.commitments[3].holder.name));
  f.key(Action::Left);
  f.key(Action::Left);
  CHECK(f.text().starts_with("第 2 项，"));

  f.key(Action::Select);
  const std::string detail = f.text();
  const auto& c = f.list.commitments[1];
  CHECK(detail.starts_with(c.holder.name + "，党员。"));
  CHECK(detail.find(c.title) != std::string::npos);
  CHECK(detail.find(c.text) != std::string::npos);
  CHECK(detail.find("承诺期限 " + c.valid_from + " 至 " + c.valid_to) != std::string::npos);
  CHECK(detail.ends_with("请对这项承诺作出评价：好、一般、差。用方向键选择，按确认键确定。"));

  f.key(Action::Right);
  cue = f.said();
  REQUIRE(cue);
  CHECK(cue->text == "好");
  CHECK(cue->prompt == "rating.good");  // a hall may record its own 好
  f.key(Action::Right);
  CHECK(f.text() == "一般");
  f.key(Action::Left);
  f.key(Action::Left);
  CHECK(f.text() == "再听一遍");
  f.key(Action::Right);
  CHECK(f.text() == "好");
  const auto vote = f.key(Action::Select);
  REQUIRE(vote);
  f.session->voteStored(*vote, f.now());
  cue = f.said();
  REQUIRE(cue);
  CHECK(cue->text == "感谢您的评价！");
  CHECK(cue->chime);
  CHECK_FALSE(cue->quiet);

  f.clock.advance(3s);
  f.session->tick(f.now());  // back to the list: only the card in focus, not the whole instruction again
  CHECK(f.text() == "第 2 项，" + c.holder.name + "：" + c.title + "。");
}

TEST_CASE("the thank-you sounds the same for good, fair and poor") {
  std::vector<app::Cue> cues;
  for (Action rating : {Action::Good, Action::Fair, Action::Poor}) {
    for (bool readAloud : {false, true}) {
      Fixture f;
      if (readAloud) f.key(Action::ReadAloud), f.said();
      const app::Cue cue = f.voteByKeys(rating);
      CHECK(cue.chime);
      CHECK(cue.text == (readAloud ? "感谢您的评价！" : ""));
      if (readAloud) cues.push_back(cue);
    }
  }
  REQUIRE(cues.size() == 3);
  CHECK(cues[0] == cues[1]);
  CHECK(cues[1] == cues[2]);
}

TEST_CASE("with announce_choice the rating is said once, quietly, and only with read-aloud on") {
  Fixture quietHall(true);
  const app::Cue silent = quietHall.voteByKeys(Action::Fair);
  CHECK(silent.text.empty());  // 朗读 off: the chime only, even where the hall allows announcing

  Fixture f(true);
  f.pass({Action::ReadAloud});
  const app::Cue cue = f.voteByKeys(Action::Fair);
  CHECK(cue.text == "您的评价是：一般。 感谢您的评价！");
  CHECK(cue.quiet);
  CHECK(cue.chime);
  CHECK(cue.prompt.empty());  // composed: no single recording can stand for it
}

TEST_CASE("listen-again reads the commitment with read-aloud off, and stops it while it speaks") {
  Fixture f;
  f.session->start(f.now());
  f.said();
  f.session->open(3, f.now());
  CHECK(f.stopped());  // 朗读 off: a new screen is silent
  f.session->listen(f.now());
  const std::string text = f.text();
  CHECK(text.find(f.list.commitments[3].title) != std::string::npos);
  f.speaking = true;
  f.session->listen(f.now());
  CHECK(f.stopped());
}

TEST_CASE("a commitment's 群众意见 are read after its text, as the page shows them") {
  Fixture f;
  f.list.commitments[3].answers = {{12, "希望周末也能办社保业务"}};
  f.session->start(f.now());
  f.said();
  f.session->open(3, f.now());
  f.said();
  f.session->listen(f.now());
  const std::string text = f.text();
  const auto body = text.find(f.list.commitments[3].text);
  const auto answers = text.find("群众意见：希望周末也能办社保业务");
  REQUIRE(answers != std::string::npos);
  CHECK(body < answers);
}

TEST_CASE("switching read-aloud off is confirmed, the end of a session is silent") {
  Fixture f;
  f.pass({Action::ReadAloud, Action::Select});
  f.key(Action::ReadAloud);
  CHECK(f.text() == "朗读已关闭。");
  f.key(Action::ReadAloud);  // on again mid-session: the screen it is on is read in full
  CHECK(f.text().starts_with("请选择要评价的承诺"));
  f.clock.advance(f.cfg.session.idleTimeout);
  f.session->tick(f.now());
  CHECK(f.stopped());  // the resident left: silence, and no "朗读已关闭" to an empty hall
}

TEST_CASE("the attract screen's choices left untouched are forgotten in silence") {
  Fixture f;
  f.pass({Action::ReadAloud});
  f.clock.advance(f.cfg.session.idleTimeout);
  f.session->tick(f.now());
  REQUIRE_FALSE(f.session->prefs().readAloud);
  CHECK(f.stopped());
}

TEST_CASE("the closed screen and staff mode are silent") {
  Fixture f;
  f.pass({Action::ReadAloud, Action::Select});
  f.session->closeForHours();
  CHECK(f.stopped());
  f.session->openForHours();
  f.said();
  f.session->enterStaff(f.now());
  CHECK(f.stopped());
}

TEST_CASE("a session started by a key with read-aloud off says once which key turns it on") {
  Fixture f;
  f.key(Action::Select);
  CHECK(f.text() == "如需语音朗读，请按 0 键。");
  f.key(Action::Right);
  CHECK_FALSE(f.said());  // and nothing more

  Fixture touched;  // a resident who tapped is not told about keys
  touched.session->start(touched.now());
  CHECK(touched.stopped());
}

TEST_CASE("the reason screen reads its heading and each option") {
  Fixture f;
  f.pass({Action::ReadAloud, Action::Select, Action::Select});
  f.key(Action::Poor);
  REQUIRE(f.session->screen() == Screen::Reason);
  CHECK(f.text() == "请选择主要原因。用上下键选择，按确认键提交。 " + f.list.reasons[0].label);
  f.key(Action::Down);
  CHECK(f.text() == f.list.reasons[1].label);
}

TEST_CASE("the hall's default read-aloud greets the next resident, and another language speaks its own words") {
  Fixture f(false, true);
  f.key(Action::Select);
  CHECK(f.text().starts_with("请选择要评价的承诺"));
  f.session->finish(f.now());
  CHECK(f.text() == "您好，欢迎评议。按任意键或点击屏幕开始。");

  f.session->nextLanguage(f.now(), f.cfg.languages.size());
  const auto cue = f.said();
  REQUIRE(cue);
  CHECK(cue->language == f.cfg.languages[1]);
  CHECK(cue->text == std::string(f.strings[1].get("prefs.language")));
  f.session->start(f.now());
  CHECK(f.said()->language == f.cfg.languages[1]);
}
