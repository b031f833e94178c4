// 朗读: what the kiosk says as a resident moves through it. Each frame the narrator compares the
// session with what it saw last and answers with at most one cue: say this (a screen's prompt,
// the focused card or button, a commitment read in full, the thank-you) or stop. Pure — no audio,
// no threads: the caller hands the cue to the speaker (kiosk/speech), tests read it as text.
//
// What is said, and why:
// - Only with 朗读 on, except three things a resident asked for themselves: the detail screen's
//   再听一遍 (reads the commitment once), switching 朗读 off (says so), and a session started with
//   a key while 朗读 is off (one line telling which key turns it on — a blind resident cannot
//   read the label).
// - Every stored vote is confirmed by the same short chime, 朗读 on or off, whichever rating was
//   chosen; with 朗读 on the same words follow. The rating itself is said only when the hall set
//   [speech] announce_choice, and then quietly.
// - Leaving the session (idle, finish, a new list), the closed screen and staff mode are silent:
//   a cue to stop.
// UI thread only; holds references to the configuration and string tables, which outlive it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/config/kiosk_config.hpp"
#include "kiosk/config/string_table.hpp"
#include "kiosk/core/session.hpp"
#include "wire/commitment_list.hpp"

namespace kiosk::app {

struct Cue {
  enum class Kind { Say, Stop };
  Kind kind = Kind::Say;
  std::string text = {};
  // The string key when `text` is exactly one fixed string, so a hall's recording of it
  // (assets/voice/<language>/<key>.wav) may be played instead; empty for composed texts.
  std::string prompt = {};
  std::string language = {};  // the resident's language, e.g. "zh-CN"
  bool chime = false;         // the confirmation tone first (the same for every rating)
  bool quiet = false;         // at half the volume (the chosen rating, when announced)
  bool operator==(const Cue&) const = default;
};

// The parts of a session the narrator listens to.
struct NarratedMoment {
  Screen screen = Screen::Attract;
  std::uint64_t generation = 0;
  std::size_t focus = 0;
  std::size_t current = 0;
  std::optional<DetailTarget> detailFocus;
  std::size_t reasonFocus = 0;
  std::size_t language = 0;
  bool readAloud = false;
  bool keysUsed = false;
  std::uint64_t listenRequests = 0;
  std::uint64_t readAloudSwitches = 0;
  bool operator==(const NarratedMoment&) const = default;
};

NarratedMoment momentOf(const Session& session);

class Narrator {
 public:
  // `strings`: one table per entry of config.languages (as KioskSetup loads them).
  Narrator(const config::KioskConfig& config, const std::vector<config::StringTable>& strings)
      : config_(config), strings_(strings) {}

  // The cue for what changed since the last call, if anything is to be said or stopped.
  // `speaking`: the speaker is still busy (再听一遍 then means stop).
  std::optional<Cue> update(const Session& session, const wire::CommitmentList& list, bool speaking);

  // Texts, by themselves (tests and the first frame use them).
  std::string commitmentText(const wire::Commitment& c, std::size_t language) const;
  std::string cardText(const wire::Commitment& c, std::size_t position, std::size_t language) const;

 private:
  const config::StringTable& table(std::size_t language) const;
  Cue say(std::size_t language, std::string text, std::string prompt = "") const;
  Cue sayPrompt(std::size_t language, std::string_view key) const;
  // `fresh`: the resident has not heard this screen's instructions yet.
  std::optional<Cue> screenCue(const Session& session, const wire::CommitmentList& list, const NarratedMoment& now,
                               bool fresh) const;
  std::optional<Cue> focusCue(const Session& session, const wire::CommitmentList& list, const NarratedMoment& before,
                              const NarratedMoment& now) const;

  const config::KioskConfig& config_;
  const std::vector<config::StringTable>& strings_;
  std::optional<NarratedMoment> last_;
};

}  // namespace kiosk::app
