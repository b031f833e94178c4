// The session state machine driven by a manual clock: navigation, idle reset, thanks timeout,
// response interval, one vote per commitment per session, and acknowledgement only after storing.
#include <doctest/doctest.h>

#include "kiosk/core/session.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

struct Fixture {
  ManualClock clock;
  SessionConfig cfg{60'000ms, 5'000ms, 3'000ms, ReasonMode::Optional};
  Session session{cfg, {"c-1", "c-2", "c-3", "c-4", "c-5"}, {"not_kept", "attitude"}};

  Instant now() const { return clock.now(); }
  // Rates and "stores" successfully, as the app does when the commit returns.
  std::optional<PendingVote> rateAndStore(Rating r) {
    auto v = session.rate(r, now());
    if (v) session.voteStored(*v, now());
    return v;
  }
};

}  // namespace

TEST_CASE("a resident goes from attract to a vote and back to the list") {
  Fixture f;
  CHECK(f.session.screen() == Screen::Attract);
  f.session.start(f.now());
  CHECK(f.session.screen() == Screen::List);
  f.session.open(2, f.now());
  CHECK(f.session.screen() == Screen::Detail);
  CHECK(f.session.current() == 2);

  auto vote = f.session.rate(Rating::Good, f.now());
  REQUIRE(vote);
  CHECK(vote->commitmentId == "c-3");
  CHECK(vote->verdict == Verdict::Counted);
  // Not acknowledged until stored.
  CHECK(f.session.screen() == Screen::Detail);
  f.session.voteStored(*vote, f.now());
  CHECK(f.session.screen() == Screen::Thanks);

  f.clock.advance(2'999ms);
  f.session.tick(f.now());
  CHECK(f.session.screen() == Screen::Thanks);
  f.clock.advance(1ms);
  f.session.tick(f.now());
  CHECK(f.session.screen() == Screen::List);
}

TEST_CASE("a storage failure shows out of service and never thanks") {
  Fixture f;
  f.session.start(f.now());
  f.session.open(0, f.now());
  auto vote = f.session.rate(Rating::Fair, f.now());
  REQUIRE(vote);
  f.session.storeFailed();
  CHECK(f.session.screen() == Screen::OutOfService);
  // Keys and idle time do nothing while out of service.
  CHECK_FALSE(f.session.key(Action::Good, f.now(), 1));
  f.clock.advance(10min);
  f.session.tick(f.now());
  CHECK(f.session.screen() == Screen::OutOfService);
  f.session.storeRecovered(f.now());
  CHECK(f.session.screen() == Screen::Attract);
  // The failed vote was never remembered: the same commitment can be rated again and counts.
  f.session.start(f.now());
  f.session.open(0, f.now());
  CHECK(f.session.rate(Rating::Fair, f.now())->verdict == Verdict::Counted);
}

TEST_CASE("idle time returns every screen to attract") {
  for (Screen target : {Screen::List, Screen::Detail, Screen::Reason, Screen::Thanks}) {
    const std::string screenName(nameOf(target));
    CAPTURE(screenName);
    Fixture f;
    f.session.start(f.now());
    if (target != Screen::List) f.session.open(1, f.now());
    if (target == Screen::Reason) f.session.rate(Rating::Poor, f.now());
    if (target == Screen::Thanks) f.rateAndStore(Rating::Good);
    REQUIRE(f.session.screen() == target);
    const auto generation = f.session.generation();

    f.clock.advance(59'999ms);
    f.session.tick(f.now());
    CHECK(f.session.screen() != Screen::Attract);  // (Thanks may have returned to List)
    f.clock.advance(1ms);
    f.session.tick(f.now());
    CHECK(f.session.screen() == Screen::Attract);
    CHECK(f.session.nextDeadline() == std::nullopt);
    f.session.start(f.now());
    CHECK(f.session.generation() == generation + 1);
  }
}

TEST_CASE("activity postpones the idle reset") {
  Fixture f;
  f.session.start(f.now());
  f.clock.advance(50s);
  f.session.key(Action::Down, f.now(), 1);
  f.clock.advance(50s);
  f.session.tick(f.now());
  CHECK(f.session.screen() == Screen::List);
  REQUIRE(f.session.nextDeadline());
  CHECK(*f.session.nextDeadline() == f.now() + 10s);
}

TEST_CASE("a second vote on the same commitment in one session is filtered, a new session counts") {
  Fixture f;
  f.session.start(f.now());
  f.session.open(0, f.now());
  CHECK(f.rateAndStore(Rating::Good)->verdict == Verdict::Counted);
  f.clock.advance(30s);
  f.session.back(f.now());
  f.session.open(0, f.now());
  auto again = f.rateAndStore(Rating::Poor);
  REQUIRE(again);
  CHECK(again->verdict == Verdict::FilteredRepeat);
  CHECK(f.session.screen() == Screen::Thanks);
  CHECK(f.session.lastVerdict() == Verdict::FilteredRepeat);

  f.session.finish(f.now());
  f.clock.advance(30s);
  f.session.start(f.now());
  f.session.open(0, f.now());
  CHECK(f.rateAndStore(Rating::Good)->verdict == Verdict::Counted);
}

TEST_CASE("taps inside the response interval are filtered for audit") {
  Fixture f;
  f.session.start(f.now());
  f.session.open(0, f.now());
  f.rateAndStore(Rating::Good);
  f.clock.advance(1s);
  // A bouncing evaluator on the thanks screen: kept, filtered.
  auto bounce = f.session.key(Action::Good, f.now(), 1);
  REQUIRE(bounce);
  CHECK(bounce->verdict == Verdict::FilteredRepeat);
  f.session.voteStored(*bounce, f.now());
  // A different commitment within 5 s of the counted vote.
  f.session.back(f.now());
  f.session.open(1, f.now());
  f.clock.advance(3'999ms);
  CHECK(f.session.rate(Rating::Fair, f.now())->verdict == Verdict::FilteredResponseInterval);
  f.clock.advance(1ms);
  CHECK(f.session.rate(Rating::Fair, f.now())->verdict == Verdict::Counted);
}

TEST_CASE("the reason picker follows the configured mode") {
  SUBCASE("optional: a reason or skip") {
    Fixture f;
    f.session.start(f.now());
    f.session.open(0, f.now());
    CHECK_FALSE(f.session.rate(Rating::Poor, f.now()));
    CHECK(f.session.screen() == Screen::Reason);
    CHECK(f.session.reasonOptionCount() == 3);
    auto skipped = f.session.chooseReason(2, f.now());
    REQUIRE(skipped);
    CHECK_FALSE(skipped->reason);
    CHECK(skipped->rating == Rating::Poor);
    auto withReason = f.session.chooseReason(1, f.now());
    REQUIRE(withReason);
    CHECK(withReason->reason == "attitude");
    CHECK_FALSE(f.session.chooseReason(3, f.now()));
  }
  SUBCASE("required: no skip option, back returns to the detail") {
    Fixture f;
    f.cfg.reasonMode = ReasonMode::Required;
    Session s(f.cfg, {"c-1"}, {"not_kept"});
    s.start(f.now());
    s.open(0, f.now());
    s.rate(Rating::Poor, f.now());
    CHECK(s.reasonOptionCount() == 1);
    s.key(Action::Back, f.now(), 1);
    CHECK(s.screen() == Screen::Detail);
  }
  SUBCASE("off: poor is stored at once") {
    Fixture f;
    f.cfg.reasonMode = ReasonMode::Off;
    Session s(f.cfg, {"c-1"}, {"not_kept"});
    s.start(f.now());
    s.open(0, f.now());
    auto v = s.rate(Rating::Poor, f.now());
    REQUIRE(v);
    CHECK_FALSE(v->reason);
  }
}

TEST_CASE("keys drive the whole flow like a keypad or 3-button evaluator") {
  Fixture f;
  f.session.key(Action::Select, f.now(), 2);
  CHECK(f.session.screen() == Screen::List);
  CHECK(f.session.focus() == 0);
  f.session.key(Action::Down, f.now(), 2);
  CHECK(f.session.focus() == 2);
  f.session.key(Action::Right, f.now(), 2);
  CHECK(f.session.focus() == 3);
  f.session.key(Action::Down, f.now(), 2);
  CHECK(f.session.focus() == 4);  // clamped to the last card
  f.session.key(Action::Up, f.now(), 2);
  f.session.key(Action::Up, f.now(), 2);
  f.session.key(Action::Up, f.now(), 2);
  CHECK(f.session.focus() == 0);
  f.session.key(Action::Select, f.now(), 2);
  CHECK(f.session.screen() == Screen::Detail);
  auto vote = f.session.key(Action::Good, f.now(), 2);
  REQUIRE(vote);
  CHECK(vote->rating == Rating::Good);
  f.session.voteStored(*vote, f.now());
  f.session.key(Action::Select, f.now(), 2);
  CHECK(f.session.screen() == Screen::List);
  f.session.key(Action::Back, f.now(), 2);
  CHECK(f.session.screen() == Screen::Attract);
}

TEST_CASE("a new list sends the resident back to the attract screen") {
  Fixture f;
  f.session.start(f.now());
  f.session.open(4, f.now());
  f.session.replaceList({"x-1"}, {});
  CHECK(f.session.screen() == Screen::Attract);
  CHECK(f.session.commitmentCount() == 1);
  f.session.start(f.now());
  f.session.open(4, f.now());  // out of range for the new list: ignored
  CHECK(f.session.screen() == Screen::List);
}

TEST_CASE("a resident's large text, contrast and language last until their session ends or they walk away") {
  Fixture f;
  f.session.toggleLargeText(f.now());
  f.session.toggleHighContrast(f.now());
  f.session.nextLanguage(f.now(), 3);
  f.session.nextLanguage(f.now(), 3);
  CHECK(f.session.prefs() == ResidentPrefs{true, true, 2});
  f.session.nextLanguage(f.now(), 3);
  CHECK(f.session.prefs().language == 0);  // wraps around
  f.session.nextLanguage(f.now(), 3);
  f.session.start(f.now());
  f.session.open(0, f.now());
  CHECK(f.session.prefs().largeText);  // kept through the session
  f.session.toggleLargeText(f.now());  // only switchable on the attract screen
  CHECK(f.session.prefs().largeText);
  f.session.finish(f.now());
  CHECK(f.session.prefs() == ResidentPrefs{});

  // Chosen on the attract screen, then nobody starts: forgotten after the idle timeout.
  f.session.toggleHighContrast(f.now());
  REQUIRE(f.session.nextDeadline());
  f.clock.advance(59s);
  f.session.tick(f.now());
  CHECK(f.session.prefs().highContrast);
  f.clock.advance(1s);
  f.session.tick(f.now());
  CHECK(f.session.prefs() == ResidentPrefs{});
  CHECK_FALSE(f.session.nextDeadline());
}

TEST_CASE("a filter narrows what keys move through, and the next resident starts unfiltered") {
  ManualClock clock;
  Session s{{},
            {"c-1", "c-2", "c-3", "c-4", "c-5"},
            {},
            {{"long_term", "a"}, {"annual", "a"}, {"immediate", "b"}, {"annual", "b"}, {"annual", "a"}}};
  // Strip: all, long_term, annual, immediate, a, b.
  REQUIRE(s.chips().size() == 6);
  s.chooseChip(2, clock.now());  // ignored off the list screen
  CHECK_FALSE(s.filter().any());
  s.start(clock.now());
  s.chooseChip(2, clock.now());
  CHECK(s.filter().term == "annual");
  CHECK(s.shown() == std::vector<std::size_t>{1, 3, 4});
  CHECK(s.chips()[2].selected);
  CHECK(s.chips()[4].count == 2);  // unit a under annual
  CHECK(s.focus() == 1);
  s.key(Action::Right, clock.now(), 2);
  CHECK(s.focus() == 3);
  s.key(Action::Down, clock.now(), 2);  // one row of two further: past the end, clamped
  CHECK(s.focus() == 4);
  s.key(Action::Select, clock.now(), 2);
  CHECK(s.current() == 4);
  s.back(clock.now());

  s.chooseChip(1, clock.now());  // long_term instead of annual
  CHECK(s.shown() == std::vector<std::size_t>{0});
  s.chooseChip(5, clock.now());  // unit b: nothing long-term there, so the chip is disabled
  CHECK(s.chips()[5].count == 0);
  CHECK(s.shown() == std::vector<std::size_t>{0});
  s.chooseChip(99, clock.now());  // no such chip
  CHECK(s.filter().term == "long_term");

  s.finish(clock.now());
  CHECK_FALSE(s.filter().any());
  CHECK(s.shown().size() == 5);
}

TEST_CASE("a list without facets offers only the all chip") {
  Fixture f;
  REQUIRE(f.session.chips().size() == 1);
  CHECK(f.session.chips()[0].count == 5);
}

TEST_CASE("staff mode: entered only from attract or closed, takes no votes, ends on its own idle timeout") {
  Fixture f;
  f.session.start(f.now());
  f.session.enterStaff(f.now());  // a resident is mid-session: no
  CHECK(f.session.screen() == Screen::List);
  f.session.finish(f.now());

  f.session.enterStaff(f.now());
  CHECK(f.session.screen() == Screen::StaffPin);
  CHECK_FALSE(f.session.key(Action::Good, f.now(), 2));
  CHECK_FALSE(f.session.rate(Rating::Good, f.now()));
  f.session.staffUnlocked(f.now());
  CHECK(f.session.screen() == Screen::Staff);
  f.session.finish(f.now());  // the resident's "finish" does not apply here
  CHECK(f.session.screen() == Screen::Staff);

  // Staff get longer than residents (120 s by default), and any staff input restarts it.
  f.clock.advance(100'000ms);
  f.session.staffActivity(f.now());
  f.clock.advance(119'999ms);
  f.session.tick(f.now());
  CHECK(f.session.screen() == Screen::Staff);
  CHECK(*f.session.nextDeadline() == f.now() + 1ms);
  f.clock.advance(1ms);
  f.session.tick(f.now());
  CHECK(f.session.screen() == Screen::Attract);
}

TEST_CASE("staff mode survives closing time and Back leaves it") {
  Fixture f;
  f.session.closeForHours();
  f.session.enterStaff(f.now());
  CHECK(f.session.screen() == Screen::StaffPin);
  f.session.staffUnlocked(f.now());
  f.session.closeForHours();
  CHECK(f.session.screen() == Screen::Staff);
  f.session.key(Action::Back, f.now(), 2);
  CHECK(f.session.screen() == Screen::Attract);
  f.session.closeForHours();
  CHECK(f.session.screen() == Screen::Closed);
}

TEST_CASE("a 截屏 photographs only the attract, list and closed screens: never staff mode or a rating in progress") {
  for (const Screen s : {Screen::Attract, Screen::List, Screen::Closed}) {
    CAPTURE(nameOf(s));
    CHECK(mayPhotograph(s));
  }
  for (const Screen s :
       {Screen::Detail, Screen::Reason, Screen::Thanks, Screen::OutOfService, Screen::StaffPin, Screen::Staff}) {
    CAPTURE(nameOf(s));
    CHECK_FALSE(mayPhotograph(s));
  }
}

// 朗读 and the detail screen's keypad focus.
namespace {
struct SpeakingFixture : Fixture {
  SpeakingFixture() {
    cfg.canSpeak = true;
    session.reconfigure(cfg);
  }
};
}  // namespace

TEST_CASE("the read-aloud key switches reading on at the attract screen without starting a session") {
  SpeakingFixture f;
  f.session.key(Action::ReadAloud, f.now(), 3);
  CHECK(f.session.screen() == Screen::Attract);
  CHECK(f.session.prefs().readAloud);
  CHECK(f.session.readAloudSwitches() == 1);
  f.session.key(Action::Select, f.now(), 3);
  CHECK(f.session.screen() == Screen::List);
  CHECK(f.session.prefs().readAloud);  // kept through the session
  CHECK(f.session.keysUsed());
  f.session.key(Action::ReadAloud, f.now(), 3);  // and off again mid-session
  CHECK_FALSE(f.session.prefs().readAloud);
  CHECK(f.session.readAloudSwitches() == 2);
}

TEST_CASE("read-aloud is forgotten when the session ends, without counting as a switch") {
  SpeakingFixture f;
  f.session.toggleReadAloud(f.now());
  f.session.start(f.now());
  f.clock.advance(60'000ms);
  f.session.tick(f.now());
  CHECK(f.session.screen() == Screen::Attract);
  CHECK_FALSE(f.session.prefs().readAloud);
  CHECK_FALSE(f.session.keysUsed());
  CHECK(f.session.readAloudSwitches() == 1);
}

TEST_CASE("a kiosk that cannot speak offers no read-aloud") {
  Fixture f;  // canSpeak false
  f.session.key(Action::ReadAloud, f.now(), 3);
  CHECK_FALSE(f.session.prefs().readAloud);
  CHECK(f.session.screen() == Screen::Attract);
  f.session.start(f.now());
  f.session.open(0, f.now());
  f.session.listen(f.now());
  CHECK(f.session.listenRequests() == 0);
}

TEST_CASE("read-aloud can be the hall's default and comes back with each new resident") {
  Fixture f;
  f.cfg.canSpeak = true;
  f.cfg.residentDefaults.readAloud = true;
  f.session.reconfigure(f.cfg);
  CHECK(f.session.prefs().readAloud);
  f.session.toggleReadAloud(f.now());
  f.session.start(f.now());
  f.session.finish(f.now());
  CHECK(f.session.prefs().readAloud);
}

TEST_CASE("on the detail screen the focus starts on listen-again, so Enter on arrival never votes") {
  SpeakingFixture f;
  f.session.start(f.now());
  f.session.key(Action::Select, f.now(), 3);
  REQUIRE(f.session.screen() == Screen::Detail);
  CHECK(f.session.detailFocus() == DetailTarget::Listen);
  CHECK_FALSE(f.session.key(Action::Select, f.now(), 3));
  CHECK(f.session.listenRequests() == 1);
  CHECK(f.session.screen() == Screen::Detail);

  f.session.key(Action::Right, f.now(), 3);
  CHECK(f.session.detailFocus() == DetailTarget::Good);
  f.session.key(Action::Down, f.now(), 3);
  CHECK(f.session.detailFocus() == DetailTarget::Fair);
  f.session.key(Action::Right, f.now(), 3);
  f.session.key(Action::Right, f.now(), 3);  // stays on the last
  CHECK(f.session.detailFocus() == DetailTarget::Poor);
  f.session.key(Action::Left, f.now(), 3);
  const auto vote = f.session.key(Action::Select, f.now(), 3);
  REQUIRE(vote);
  CHECK(vote->rating == Rating::Fair);
  CHECK(vote->commitmentId == "c-1");
}

TEST_CASE("without speech the detail focus shows only after an arrow, and Enter alone does nothing") {
  Fixture f;
  f.session.start(f.now());
  f.session.open(1, f.now());
  CHECK_FALSE(f.session.detailFocus());
  CHECK_FALSE(f.session.key(Action::Select, f.now(), 3));
  CHECK(f.session.screen() == Screen::Detail);
  f.session.key(Action::Left, f.now(), 3);  // the first arrow shows the focus on 好
  CHECK(f.session.detailFocus() == DetailTarget::Good);
  const auto vote = f.session.key(Action::Select, f.now(), 3);
  REQUIRE(vote);
  CHECK(vote->rating == Rating::Good);
  // The next commitment starts without a focus again.
  f.session.voteStored(*vote, f.now());
  f.session.back(f.now());
  f.session.open(2, f.now());
  CHECK_FALSE(f.session.detailFocus());
}

TEST_CASE("the rating just stored is remembered for the thank-you and forgotten with the session") {
  Fixture f;
  f.session.start(f.now());
  f.session.open(0, f.now());
  f.rateAndStore(Rating::Poor);  // reasons optional: the reason screen first
  REQUIRE(f.session.screen() == Screen::Reason);
  const auto vote = f.session.chooseReason(0, f.now());
  REQUIRE(vote);
  f.session.voteStored(*vote, f.now());
  CHECK(f.session.lastRating() == Rating::Poor);
  f.session.finish(f.now());
  CHECK_FALSE(f.session.lastRating());
}
