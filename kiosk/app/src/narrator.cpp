#include "kiosk/app/narrator.hpp"

#include <algorithm>

#include "wire/holder_text.hpp"

namespace kiosk::app {

namespace {

bool residentScreen(Screen s) {
  return s == Screen::List || s == Screen::Detail || s == Screen::Reason || s == Screen::Thanks;
}

std::string_view thanksKey(std::optional<Verdict> verdict) {
  const Verdict v = verdict.value_or(Verdict::Counted);
  if (isCounted(v)) return "thanks.counted";
  return v == Verdict::FilteredRepeat ? "thanks.repeat" : "thanks.too_fast";
}

std::string_view detailTargetKey(DetailTarget target) {
  switch (target) {
    case DetailTarget::Listen: return "speech.listen";
    case DetailTarget::Good: return config::ratingKey(Rating::Good);
    case DetailTarget::Fair: return config::ratingKey(Rating::Fair);
    case DetailTarget::Poor: return config::ratingKey(Rating::Poor);
  }
  return "speech.listen";
}

}  // namespace

NarratedMoment momentOf(const Session& s) {
  return {.screen = s.screen(),
          .generation = s.generation(),
          .focus = s.focus(),
          .current = s.current(),
          .detailFocus = s.detailFocus(),
          .reasonFocus = s.reasonFocus(),
          .language = s.prefs().language,
          .readAloud = s.prefs().readAloud,
          .keysUsed = s.keysUsed(),
          .listenRequests = s.listenRequests(),
          .readAloudSwitches = s.readAloudSwitches()};
}

const config::StringTable& Narrator::table(std::size_t language) const {
  static const config::StringTable kNone;
  if (strings_.empty()) return kNone;
  return strings_[std::min(language, strings_.size() - 1)];
}

Cue Narrator::say(std::size_t language, std::string text, std::string prompt) const {
  Cue cue;
  cue.text = std::move(text);
  cue.prompt = std::move(prompt);
  const auto& languages = config_.languages;
  cue.language = languages.empty() ? config_.language : languages[std::min(language, languages.size() - 1)];
  return cue;
}

Cue Narrator::sayPrompt(std::size_t language, std::string_view key) const {
  return say(language, std::string(table(language).get(key)), std::string(key));
}

std::string Narrator::commitmentText(const wire::Commitment& c, std::size_t language) const {
  const auto& t = table(language);
  const std::string text = config::format(
      t.get("speech.commitment"), {{"holder", c.holder.name},
                                   {"kind", std::string(t.get("kind." + std::string(wire::nameOf(c.holder.kind))))},
                                   {"term", std::string(t.get("term." + std::string(wire::nameOf(c.term))))},
                                   {"title", c.title},
                                   {"text", c.text}});
  std::string said =
      text + " " + config::format(t.get("detail.valid"), {{"from", c.valid_from}, {"to", c.valid_to}}) + "。";
  // 群众意见, as the page shows them after the text: a resident who cannot read hears them too.
  if (const auto answers = wire::answersText(c, t.get("detail.answers")); !answers.empty()) said += answers + "。";
  return said;
}

std::string Narrator::cardText(const wire::Commitment& c, std::size_t position, std::size_t language) const {
  return config::format(table(language).get("speech.card"),
                        {{"i", std::to_string(position + 1)}, {"holder", c.holder.name}, {"title", c.title}});
}

std::optional<Cue> Narrator::screenCue(const Session& session, const wire::CommitmentList& list,
                                       const NarratedMoment& now, bool fresh) const {
  const std::size_t lang = now.language;
  const auto& t = table(lang);
  switch (now.screen) {
    case Screen::List: {
      // The whole instruction when the list is new to the resident (from the attract screen, or
      // 朗读 just switched on); back from a commitment, only where the focus is.
      const auto& shown = session.shown();
      std::string text;
      if (fresh) text = config::format(t.get("speech.list"), {{"n", std::to_string(shown.size())}});
      const auto at = std::find(shown.begin(), shown.end(), now.focus);
      if (at != shown.end() && now.focus < list.commitments.size())
        text += (text.empty() ? "" : " ") +
                cardText(list.commitments[now.focus], static_cast<std::size_t>(at - shown.begin()), lang);
      return say(lang, std::move(text));
    }
    case Screen::Detail:
      if (now.current >= list.commitments.size()) return std::nullopt;
      return say(lang, commitmentText(list.commitments[now.current], lang) + " " + std::string(t.get("speech.rate")));
    case Screen::Reason: {
      std::string text(t.get("speech.reason"));
      if (now.reasonFocus < list.reasons.size()) text += " " + list.reasons[now.reasonFocus].label;
      else text += " " + std::string(t.get("reason.skip"));
      return say(lang, std::move(text));
    }
    case Screen::Thanks: {
      const std::string_view key = thanksKey(session.lastVerdict());
      Cue cue = sayPrompt(lang, key);
      cue.chime = true;
      if (config_.speech.announceChoice && session.lastRating() && isCounted(*session.lastVerdict())) {
        // Said once, quietly, before the thanks: for a resident who wants to be sure of the key
        // they pressed. Off by default (kiosk/README.md, "朗读").
        cue.text = config::format(t.get("speech.chosen"),
                                  {{"rating", std::string(t.get(config::ratingKey(*session.lastRating())))}}) +
                   " " + cue.text;
        cue.prompt.clear();
        cue.quiet = true;
      }
      return cue;
    }
    case Screen::OutOfService: return sayPrompt(lang, "oos.body");
    case Screen::Attract: return sayPrompt(lang, "speech.welcome");
    case Screen::Closed:
    case Screen::StaffPin:
    case Screen::Staff:
    case Screen::Panel: return Cue{.kind = Cue::Kind::Stop};
  }
  return std::nullopt;
}

std::optional<Cue> Narrator::focusCue(const Session& session, const wire::CommitmentList& list,
                                      const NarratedMoment& before, const NarratedMoment& now) const {
  const std::size_t lang = now.language;
  switch (now.screen) {
    case Screen::List: {
      if (now.focus == before.focus || now.focus >= list.commitments.size()) return std::nullopt;
      const auto& shown = session.shown();
      const auto at = std::find(shown.begin(), shown.end(), now.focus);
      if (at == shown.end()) return std::nullopt;
      return say(lang, cardText(list.commitments[now.focus], static_cast<std::size_t>(at - shown.begin()), lang));
    }
    case Screen::Detail:
      if (now.detailFocus == before.detailFocus || !now.detailFocus) return std::nullopt;
      return sayPrompt(lang, detailTargetKey(*now.detailFocus));
    case Screen::Reason:
      if (now.reasonFocus == before.reasonFocus) return std::nullopt;
      if (now.reasonFocus < list.reasons.size()) return say(lang, list.reasons[now.reasonFocus].label);
      return sayPrompt(lang, "reason.skip");
    default: return std::nullopt;
  }
}

std::optional<Cue> Narrator::update(const Session& session, const wire::CommitmentList& list, bool speaking) {
  const NarratedMoment now = momentOf(session);
  const std::optional<NarratedMoment> before = last_;
  last_ = now;
  if (!before || *before == now) return std::nullopt;  // the first frame says nothing: nobody is there yet
  const Cue stop{.kind = Cue::Kind::Stop};
  const bool screenChanged = now.screen != before->screen || now.generation != before->generation;

  // Staff mode and the closed screen are silent, whatever was being said.
  if (now.screen == Screen::Closed || session.inStaffMode()) return screenChanged ? std::optional(stop) : std::nullopt;

  // 再听一遍 / 停止: asked for on the detail screen, with 朗读 on or off.
  if (now.listenRequests != before->listenRequests && now.screen == Screen::Detail) {
    if (speaking) return stop;
    if (now.current >= list.commitments.size()) return std::nullopt;
    return say(now.language, commitmentText(list.commitments[now.current], now.language));
  }

  // The resident switched 朗读: confirmed aloud either way; switched on mid-session, the screen
  // they are on is read.
  if (now.readAloudSwitches != before->readAloudSwitches) {
    if (!now.readAloud) return sayPrompt(now.language, "speech.off");
    if (now.screen == Screen::Attract) return sayPrompt(now.language, "speech.on");
    return screenCue(session, list, now, true);
  }

  if (screenChanged) {
    if (now.screen == Screen::Attract) {  // the session ended: silence, or the hall's welcome when 朗读 is its default
      if (now.readAloud && residentScreen(before->screen)) return sayPrompt(now.language, "speech.welcome");
      return stop;
    }
    if (!now.readAloud) {
      // Every stored vote is confirmed by the same short chime, whoever is listening.
      if (now.screen == Screen::Thanks) {
        Cue chime = say(now.language, "");
        chime.chime = true;
        return chime;
      }
      // A session begun with a key, 朗读 off: once, which key switches it on.
      if (before->screen == Screen::Attract && now.screen == Screen::List && now.keysUsed && config_.session.canSpeak) {
        const auto keys = config_.keys.keysFor(Action::ReadAloud);
        if (!keys.empty())
          return say(now.language, config::format(table(now.language).get("speech.key_hint"), {{"key", keys.front()}}));
      }
      return stop;
    }
    return screenCue(session, list, now, before->screen == Screen::Attract);
  }
  if (now.readAloud != before->readAloud) return now.readAloud ? std::nullopt : std::optional(stop);  // reset at idle

  if (!now.readAloud) return std::nullopt;
  if (now.language != before->language && now.screen == Screen::Attract)  // the language, in itself
    return sayPrompt(now.language, "prefs.language");
  return focusCue(session, list, *before, now);
}

}  // namespace kiosk::app
