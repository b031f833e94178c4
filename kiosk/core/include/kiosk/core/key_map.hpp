// Maps key names (X11 keysym spelling: "1", "KP_1", "Return", "Escape", "Up") to resident actions,
// so a keypad or a 3-button USB evaluator drives the kiosk. Immutable after construction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// ReadAloud switches 朗读 on or off, on the attract screen and during a session: a resident who
// cannot read the screen finds it by touch (0 by default) before anything is said.
enum class Action { Good, Fair, Poor, Up, Down, Left, Right, Select, Back, ReadAloud };

std::string_view nameOf(Action a);  // the config key: "good", "up", "select", ...
std::optional<Action> actionFromString(std::string_view s);
const std::vector<Action>& allActions();

class KeyMap {
 public:
  // 1/KP_1 good, 2/KP_2 fair, 3/KP_3 poor, arrows, Return/KP_Enter select, Escape/BackSpace back,
  // 0/KP_0 read aloud.
  static KeyMap defaults();

  // Replaces every key bound to `action` with `keys`; a key bound twice keeps its last action.
  void bind(Action action, const std::vector<std::string>& keys);
  std::optional<Action> lookup(std::string_view keyName) const;
  std::vector<std::string> keysFor(Action action) const;
  // Whether residents are told which key does what ("或按 1 键" on the rating buttons): only when a
  // keypad or evaluator is attached ([keys] hints = true); on a touch-only kiosk it would puzzle.
  void showHints(bool shown) { hints_ = shown; }
  bool hintsShown() const { return hints_; }

 private:
  std::map<std::string, Action, std::less<>> byKey_;
  bool hints_ = false;
};

}  // namespace kiosk
