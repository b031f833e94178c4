#include "kiosk/app/list_source.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/durable_file.hpp"
#include "common/text_file.hpp"
#include "wire/list_limits.hpp"

namespace kiosk::app {

wire::CommitmentList loadListFile(const std::filesystem::path& file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) throw wire::ListError("", "cannot read commitment list " + file.string() + ": " + ec.message());
  if (size > wire::limits::kMaxDocumentBytes)  // refuse before reading an absurd file into memory
    throw wire::ListError("", "commitment list " + file.string() + " is too large (" + std::to_string(size) +
                                  " bytes, at most " + std::to_string(wire::limits::kMaxDocumentBytes) + ")");
  std::string text;
  try {
    text = common::readTextFile(file);
  } catch (const std::runtime_error& e) {
    throw wire::ListError("", std::string("cannot read commitment list: ") + e.what());
  }
  return wire::parseCommitmentList(text);
}

wire::TrustedKeys loadTrustedKeys(const std::map<std::string, std::filesystem::path>& files) {
  wire::TrustedKeys keys;
  for (const auto& [id, file] : files) {
    try {
      keys.emplace(id, wire::Ed25519PublicKey::fromPem(common::readTextFile(file)));
    } catch (const std::exception& e) {
      throw std::runtime_error("trusted key " + id + " (" + file.string() + "): " + e.what());
    }
  }
  return keys;
}

void persistSignedList(const std::filesystem::path& dataDir, const std::string& envelope) {
  common::writeFileDurably(dataDir / kPersistedListFile, envelope);
}

std::optional<wire::CommitmentList> loadPersistedList(const std::filesystem::path& dataDir,
                                                      const wire::TrustedKeys& trusted, const wire::ListTarget& target,
                                                      std::string& problem) {
  const auto file = dataDir / kPersistedListFile;
  if (!std::filesystem::exists(file)) return std::nullopt;
  try {
    wire::CommitmentList list = wire::verifySignedList(common::readTextFile(file), trusted);
    if (auto why = wire::whyListIsNotFor(list, target)) {
      problem = file.string() + ": " + *why;
      return std::nullopt;
    }
    return list;
  } catch (const std::exception& e) {
    problem = file.string() + ": " + e.what();
    return std::nullopt;
  }
}

}  // namespace kiosk::app
