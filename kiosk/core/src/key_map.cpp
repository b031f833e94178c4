#include "kiosk/core/key_map.hpp"

#include "common/names.hpp"

namespace kiosk {

namespace {
constexpr common::NameTable<Action, 10> kActionNames({{{Action::Good, "good"},
                                                       {Action::Fair, "fair"},
                                                       {Action::Poor, "poor"},
                                                       {Action::Up, "up"},
                                                       {Action::Down, "down"},
                                                       {Action::Left, "left"},
                                                       {Action::Right, "right"},
                                                       {Action::Select, "select"},
                                                       {Action::Back, "back"},
                                                       {Action::ReadAloud, "read_aloud"}}});
}  // namespace

std::string_view nameOf(Action a) { return kActionNames.nameOf(a); }
std::optional<Action> actionFromString(std::string_view s) { return kActionNames.parse(s); }

const std::vector<Action>& allActions() {
  static const std::vector<Action> all = [] {
    std::vector<Action> v;
    for (const auto& entry : kActionNames.entries()) v.push_back(entry.first);
    return v;
  }();
  return all;
}

KeyMap KeyMap::defaults() {
  KeyMap m;
  m.bind(Action::Good, {"1", "KP_1"});
  m.bind(Action::Fair, {"2", "KP_2"});
  m.bind(Action::Poor, {"3", "KP_3"});
  m.bind(Action::Up, {"Up", "KP_Up"});
  m.bind(Action::Down, {"Down", "KP_Down"});
  m.bind(Action::Left, {"Left", "KP_Left"});
  m.bind(Action::Right, {"Right", "KP_Right"});
  m.bind(Action::Select, {"Return", "KP_Enter", "space"});
  m.bind(Action::Back, {"Escape", "BackSpace"});
  // 0 sits at the bottom of every keypad, easy to find by touch and to mark with a raised dot;
  // KP_Insert is the same key with Num Lock off.
  m.bind(Action::ReadAloud, {"0", "KP_0", "KP_Insert"});
  return m;
}

void KeyMap::bind(Action action, const std::vector<std::string>& keys) {
  std::erase_if(byKey_, [&](const auto& entry) { return entry.second == action; });
  for (const auto& k : keys) byKey_[k] = action;
}

std::optional<Action> KeyMap::lookup(std::string_view keyName) const {
  auto it = byKey_.find(keyName);
  if (it == byKey_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> KeyMap::keysFor(Action action) const {
  std::vector<std::string> keys;
  for (const auto& [key, a] : byKey_)
    if (a == action) keys.push_back(key);
  return keys;
}

}  // namespace kiosk
