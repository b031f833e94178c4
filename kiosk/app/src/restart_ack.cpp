#include "kiosk/app/restart_ack.hpp"

#include <nlohmann/json.hpp>

#include "common/durable_file.hpp"
#include "common/text_file.hpp"
#include "wire/json_input.hpp"
#include "wire/list_limits.hpp"

namespace kiosk::app {

void saveRestartAck(const std::filesystem::path& dataDir, const wire::CommandAck& ack) {
  common::writeFileDurably(dataDir / kRestartAckFile, nlohmann::json{{"id", ack.id}, {"outcome", ack.outcome}}.dump());
}

std::vector<wire::CommandAck> loadRestartAcks(const std::filesystem::path& dataDir) {
  const auto file = dataDir / kRestartAckFile;
  if (!std::filesystem::exists(file)) return {};
  try {
    const auto doc = wire::parseJsonBounded(common::readTextFile(file));
    if (!doc || !doc->is_object() || !doc->contains("id") || !(*doc)["id"].is_string() || !doc->contains("outcome") ||
        !(*doc)["outcome"].is_string() || !wire::limits::isSafeId((*doc)["id"].get<std::string>()))
      return {};
    return {{(*doc)["id"].get<std::string>(), (*doc)["outcome"].get<std::string>().substr(0, 200)}};
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace kiosk::app
