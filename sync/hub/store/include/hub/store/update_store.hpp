// Software updates as the hub keeps them (wire/update_manifest.hpp): each signed manifest as it was
// published, with its rollout's control (paused, advanced by hand), and the package it names, in
// 256 KiB base64 chunks so a range is read without loading the whole .deb, in SQLite and
// PostgreSQL alike (hubs sharing a database serve the same bytes). Free functions over the caller's
// connection; writes on the writer lane.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "hub/core/rollout.hpp"
#include "wire/update_manifest.hpp"

namespace hub::update_store {

inline constexpr std::int64_t kChunkBytes = 256 * 1024;

struct StoredUpdate {
  wire::UpdateManifest manifest;
  std::string envelope;  // the signed manifest, as published
  std::int64_t publishedUnix = 0;
  std::string publishedBy;
  RolloutControl control;
  bool packageStored = false;  // every byte of the .deb it names is here
};

// The deployment's newest manifest (highest id), if any.
std::optional<StoredUpdate> latest(common::sql::Database& db, const std::string& deployment);
void publish(common::sql::Database& db, const wire::UpdateManifest& manifest, const std::string& envelope,
             std::int64_t nowUnix, const std::string& by);
void setControl(common::sql::Database& db, const std::string& deployment, std::int64_t manifestId,
                const RolloutControl& control);
// Stores the package's bytes under their SHA-256 (the caller checked them against the manifest).
void storePackage(common::sql::Database& db, const std::string& sha256, const std::string& bytes);
// Every enrolled kiosk as the rollout sees it: its hall, the version it runs and its updater's
// last word, both from its latest heartbeat (revoked kiosks take no part).
std::vector<KioskUpdateReport> fleetReports(common::sql::Database& db);
// Bytes [from, from + length) of a stored package; fewer at its end.
std::string packageBytes(common::sql::Database& db, const std::string& sha256, std::int64_t from, std::int64_t length);

}  // namespace hub::update_store
