// Where the list the kiosk shows comes from: the configured file at first, then the newest signed
// list the hub delivered, kept in the data folder so a restart shows it again. Plain functions;
// any thread.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "wire/signed_list.hpp"

namespace kiosk::app {

// Throws wire::ListError naming the file and the bad field.
wire::CommitmentList loadListFile(const std::filesystem::path& file);

// Reads each administrator public key (key_id -> PEM file); throws naming the file that is bad.
wire::TrustedKeys loadTrustedKeys(const std::map<std::string, std::filesystem::path>& files);

inline constexpr const char* kPersistedListFile = "current-list.signed.json";

// Writes the envelope to <dataDir>/current-list.signed.json atomically (temp file, fsync, rename),
// so a power cut leaves either the old list or the new one, never half of one.
void persistSignedList(const std::filesystem::path& dataDir, const std::string& envelope);

// The persisted list if it is still valid for this kiosk (signature, deployment, hall); nullopt
// when there is none. A damaged file is reported through `problem` and ignored.
std::optional<wire::CommitmentList> loadPersistedList(const std::filesystem::path& dataDir,
                                                      const wire::TrustedKeys& trusted, const wire::ListTarget& target,
                                                      std::string& problem);

}  // namespace kiosk::app
