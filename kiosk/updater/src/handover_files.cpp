#include "kiosk/updater/handover_files.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <utility>

namespace kiosk::updater {

using nlohmann::json;

namespace {

constexpr std::array<std::pair<KioskScreen, const char*>, 4> kScreens{{{KioskScreen::Unknown, "unknown"},
                                                                       {KioskScreen::Attract, "attract"},
                                                                       {KioskScreen::Closed, "closed"},
                                                                       {KioskScreen::Busy, "busy"}}};
constexpr std::array<std::pair<Phase, const char*>, 6> kPhases{{{Phase::Idle, "idle"},
                                                                {Phase::Downloading, "downloading"},
                                                                {Phase::WaitingQuiet, "waiting"},
                                                                {Phase::Installing, "installing"},
                                                                {Phase::CheckingHealth, "checking"},
                                                                {Phase::RollingBack, "rolling-back"}}};

template <class E, std::size_t N>
const char* nameOf(const std::array<std::pair<E, const char*>, N>& names, E value) {
  for (const auto& [v, name] : names)
    if (v == value) return name;
  return names[0].second;
}

template <class E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char*>, N>& names, const std::string& name) {
  for (const auto& [v, n] : names)
    if (name == n) return v;
  return std::nullopt;
}

std::int64_t number(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

std::string text(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string encodeRunStatus(const RunStatus& s) {
  return json{{"screen", nameOf(kScreens, s.screen)},
              {"screen_since_unix", s.screenSinceUnix},
              {"ready_unix", s.readyUnix},
              {"heartbeat_unix", s.heartbeatUnix}}
      .dump();
}

RunStatus parseRunStatus(std::string_view text_) {
  const json j = json::parse(text_, nullptr, false);
  if (!j.is_object()) return {};
  RunStatus s;
  s.screen = valueOf(kScreens, text(j, "screen")).value_or(KioskScreen::Unknown);
  s.screenSinceUnix = number(j, "screen_since_unix");
  s.readyUnix = number(j, "ready_unix");
  s.heartbeatUnix = number(j, "heartbeat_unix");
  return s;
}

std::string encodeUpdateState(const UpdateState& s) {
  json j{{"phase", nameOf(kPhases, s.phase)},
         {"previous_version", s.previousVersion},
         {"phase_since_unix", s.phaseSinceUnix},
         {"why", s.why},
         {"abandoned_version", s.abandonedVersion}};
  if (s.target) j["target"] = json::parse(wire::encodeUpdateManifest(*s.target));
  return j.dump();
}

std::optional<UpdateState> parseUpdateState(std::string_view text_) {
  const json j = json::parse(text_, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  const auto phase = valueOf(kPhases, text(j, "phase"));
  if (!phase) return std::nullopt;
  UpdateState s;
  s.phase = *phase;
  s.previousVersion = text(j, "previous_version");
  s.phaseSinceUnix = number(j, "phase_since_unix");
  s.why = text(j, "why");
  s.abandonedVersion = text(j, "abandoned_version");
  if (const auto it = j.find("target"); it != j.end()) {
    try {
      s.target = wire::parseUpdateManifest(it->dump());
    } catch (const wire::ManifestError&) {
      return std::nullopt;
    }
  }
  return s;
}

}  // namespace kiosk::updater
