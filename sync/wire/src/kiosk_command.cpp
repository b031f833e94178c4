#include "wire/kiosk_command.hpp"

#include <nlohmann/json.hpp>

#include "wire/json_input.hpp"
#include "wire/list_limits.hpp"

namespace wire {

using nlohmann::json;

namespace {

// parseJsonOrThrow wants (field, problem) errors.
struct AnswerError : CommandError {
  AnswerError(const std::string& field, const std::string& problem)
      : CommandError(field.empty() ? problem : field + ": " + problem) {}
};

}  // namespace

std::string_view nameOf(CommandKind kind) {
  switch (kind) {
    case CommandKind::SyncNow: return "sync";
    case CommandKind::Restart: return "restart";
    case CommandKind::Screenshot: return "screenshot";
  }
  return "sync";
}

std::optional<CommandKind> commandKindFromString(std::string_view name) {
  if (name == "sync") return CommandKind::SyncNow;
  if (name == "restart") return CommandKind::Restart;
  if (name == "screenshot") return CommandKind::Screenshot;
  return std::nullopt;
}

std::string encodeHeartbeatAnswer(const HeartbeatAnswer& answer) {
  json commands = json::array();
  for (const auto& c : answer.commands)
    commands.push_back({{"id", c.id}, {"kind", nameOf(c.kind)}, {"expires", c.expiresUnix}});
  return json{{"status", "ok"}, {"server_time", answer.serverTime}, {"commands", commands}}.dump();
}

HeartbeatAnswer parseHeartbeatAnswer(std::string_view text) {
  const json doc = detail::parseJsonOrThrow<AnswerError>(text, "heartbeat answer");
  if (!doc.is_object()) throw CommandError("heartbeat answer must be a JSON object");
  HeartbeatAnswer out;
  if (const auto t = doc.find("server_time"); t != doc.end() && t->is_number_integer())
    out.serverTime = t->get<std::int64_t>();
  const auto commands = doc.find("commands");
  if (commands == doc.end()) return out;  // a hub from before commands
  if (!commands->is_array() || commands->size() > kMaxCommandsPerAnswer)
    throw CommandError("heartbeat answer: commands must be a list of at most " + std::to_string(kMaxCommandsPerAnswer));
  for (const auto& c : *commands) {
    if (!c.is_object() || !c.contains("id") || !c["id"].is_string() || !limits::isSafeId(c["id"].get<std::string>()) ||
        !c.contains("kind") || !c["kind"].is_string() || !c.contains("expires") || !c["expires"].is_number_integer())
      throw CommandError("heartbeat answer: each command needs an id (A-Z a-z 0-9 . _ -), a kind and an expiry");
    const auto kind = commandKindFromString(c["kind"].get<std::string>());
    if (!kind) continue;
    out.commands.push_back({c["id"].get<std::string>(), *kind, c["expires"].get<std::int64_t>()});
  }
  return out;
}

std::string encodeCommandRequest(const CommandRequest& request) {
  return json{{"kiosk_id", request.kioskId}, {"kind", nameOf(request.kind)}}.dump();
}

CommandRequest parseCommandRequest(std::string_view text) {
  const json doc = detail::parseJsonOrThrow<AnswerError>(text, "command");
  if (!doc.is_object()) throw CommandError("command must be a JSON object");
  CommandRequest out;
  if (!doc.contains("kiosk_id") || !doc["kiosk_id"].is_string() ||
      !limits::isSafeId(doc["kiosk_id"].get<std::string>()))
    throw CommandError("kiosk_id: required, 1-64 of A-Z a-z 0-9 . _ -");
  out.kioskId = doc["kiosk_id"].get<std::string>();
  const auto kind = doc.contains("kind") && doc["kind"].is_string()
                        ? commandKindFromString(doc["kind"].get<std::string>())
                        : std::nullopt;
  if (!kind) throw CommandError("kind: must be sync, restart or screenshot");
  out.kind = *kind;
  return out;
}

}  // namespace wire
