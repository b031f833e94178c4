#include "kiosk/core/key_map.hpp"

#include <array>
#include <utility>

namespace kiosk {

namespace {
constexpr std::array<std::pair<std::string_view, Action>, 9> kNames{{
    {"good", Action::Good},
    {"fair", Action::Fair},
    {"poor", Action::Poor},
    {"up", Action::Up},
    {"down", Action::Down},
    {"left", Action::Left},
    {"right", Action::Right},
    {"select", Action::Select},
    {"back", Action::Back},
}};
}  // namespace

std::string_view nameOf(Action a) {
  for (const auto& [name, action] : kNames)
    if (action == a) return name;
  return "select";
}

std::optional<Action> actionFromString(std::string_view s) {
  for (const auto& [name, action] : kNames)
    if (name == s) return action;
  return std::nullopt;
}

const std::vector<Action>& allActions() {
  static const std::vector<Action> all = [] {
    std::vector<Action> v;
    for (const auto& entry : kNames) v.push_back(entry.second);
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
