#include "wire/update_manifest.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "common/iso_time.hpp"
#include "wire/debian_version.hpp"
#include "wire/json_input.hpp"
#include "wire/list_limits.hpp"

namespace wire {

using nlohmann::json;

ManifestError::ManifestError(std::string field, const std::string& problem)
    : std::runtime_error(field.empty() ? problem : "update manifest: " + field + ": " + problem),
      field_(std::move(field)) {}

namespace {

const json& required(const json& doc, const char* key) {
  const auto it = doc.find(key);
  if (it == doc.end()) throw ManifestError(key, "required");
  return *it;
}

std::string text(const json& doc, const char* key, std::size_t maxBytes) {
  const json& v = required(doc, key);
  if (!v.is_string()) throw ManifestError(key, "must be a string");
  std::string s = v.get<std::string>();
  if (s.empty() || s.size() > maxBytes) throw ManifestError(key, "must be 1-" + std::to_string(maxBytes) + " bytes");
  return s;
}

std::int64_t whole(const json& doc, const char* key, std::int64_t lo, std::int64_t hi) {
  const json& v = required(doc, key);
  if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi)
    throw ManifestError(key, "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  return v.get<std::int64_t>();
}

bool isLowerHex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::vector<std::string> ids(const json& ring, const char* key, const std::string& field, bool starAllowed) {
  std::vector<std::string> out;
  const auto it = ring.find(key);
  if (it == ring.end()) return out;
  if (!it->is_array() || it->size() > kMaxRingMembers)
    throw ManifestError(field, "must be a list of at most " + std::to_string(kMaxRingMembers) + " ids");
  for (const auto& id : *it) {
    if (!id.is_string() || !(limits::isSafeId(id.get<std::string>()) || (starAllowed && id == "*")))
      throw ManifestError(field,
                          std::string("each must be an id (A-Z a-z 0-9 . _ -)") + (starAllowed ? " or \"*\"" : ""));
    out.push_back(id.get<std::string>());
  }
  return out;
}

}  // namespace

std::string UpdateManifest::fileName() const {
  const auto colon = version.find(':');
  return std::string(kKioskPackage) + "_" + (colon == std::string::npos ? version : version.substr(colon + 1)) + "_" +
         architecture + ".deb";
}

UpdateManifest parseUpdateManifest(std::string_view text_) {
  if (text_.size() > kMaxManifestBytes)
    throw ManifestError("", "update manifest is larger than " + std::to_string(kMaxManifestBytes) + " bytes");
  const json doc = detail::parseJsonOrThrow<ManifestError>(text_, "update manifest");
  if (!doc.is_object()) throw ManifestError("", "update manifest must be a JSON object");
  if (doc.value("format", json()) != kUpdateManifestFormat)
    throw ManifestError("format", "must be \"" + std::string(kUpdateManifestFormat) + "\"");
  UpdateManifest m;
  m.deployment = text(doc, "deployment", 64);
  if (!limits::isSafeId(m.deployment)) throw ManifestError("deployment", "must be an id (A-Z a-z 0-9 . _ -)");
  m.id = whole(doc, "id", 1, std::int64_t{1} << 53);
  if (text(doc, "package", 64) != kKioskPackage)
    throw ManifestError("package",
                        "must be \"" + std::string(kKioskPackage) + "\" (the updater installs nothing else)");
  m.version = text(doc, "version", 128);
  if (!isDebianVersion(m.version)) throw ManifestError("version", "is not a Debian package version: " + m.version);
  m.architecture = text(doc, "architecture", 16);
  if (!std::all_of(m.architecture.begin(), m.architecture.end(),
                   [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }))
    throw ManifestError("architecture", "must be a Debian architecture such as amd64");
  m.sha256 = text(doc, "sha256", 64);
  if (m.sha256.size() != 64 || !isLowerHex(m.sha256))
    throw ManifestError("sha256", "must be 64 lowercase hexadecimal digits");
  m.size = whole(doc, "size", 1, kMaxPackageBytes);
  m.notBeforeText = text(doc, "not_before", 40);
  const auto notBefore = common::parseIsoTime(m.notBeforeText);
  if (!notBefore)
    throw ManifestError("not_before", "must be an ISO-8601 time with its offset (2026-12-08T20:00:00+08:00)");
  m.notBefore = *notBefore;
  const json& rings = required(doc, "rings");
  if (!rings.is_array() || rings.empty() || rings.size() > kMaxRings)
    throw ManifestError("rings", "must be a list of 1-" + std::to_string(kMaxRings) + " rings");
  for (std::size_t i = 0; i < rings.size(); ++i) {
    const std::string field = "rings[" + std::to_string(i) + "]";
    if (!rings[i].is_object()) throw ManifestError(field, "must be {\"name\", \"halls\", \"kiosks\"}");
    UpdateRing ring;
    ring.name = text(rings[i], "name", 64);
    ring.halls = ids(rings[i], "halls", field + ".halls", true);
    ring.kiosks = ids(rings[i], "kiosks", field + ".kiosks", false);
    if (ring.halls.empty() && ring.kiosks.empty()) throw ManifestError(field, "names no hall and no kiosk");
    m.rings.push_back(std::move(ring));
  }
  return m;
}

std::string encodeUpdateManifest(const UpdateManifest& m) {
  json rings = json::array();
  for (const auto& r : m.rings) rings.push_back({{"name", r.name}, {"halls", r.halls}, {"kiosks", r.kiosks}});
  return json{{"format", kUpdateManifestFormat},
              {"deployment", m.deployment},
              {"id", m.id},
              {"package", kKioskPackage},
              {"version", m.version},
              {"architecture", m.architecture},
              {"sha256", m.sha256},
              {"size", m.size},
              {"not_before", m.notBeforeText},
              {"rings", rings}}
      .dump(2);
}

std::string signUpdateManifest(std::string_view manifestJson, std::string_view keyId, const Ed25519PrivateKey& key) {
  return signEnvelope(kSignedUpdateManifestFormat, manifestJson, keyId, key);
}

UpdateManifest verifySignedUpdateManifest(std::string_view envelopeJson, const TrustedKeys& trusted) {
  return documentInEnvelope<ManifestError>(envelopeJson, kSignedUpdateManifestFormat, "signed update manifest",
                                           "the update manifest", kMaxManifestBytes, &trusted, parseUpdateManifest);
}

UpdateManifest updateManifestInEnvelope(std::string_view envelopeJson) {
  return documentInEnvelope<ManifestError>(envelopeJson, kSignedUpdateManifestFormat, "signed update manifest",
                                           "the update manifest", kMaxManifestBytes, nullptr, parseUpdateManifest);
}

std::optional<std::size_t> ringOf(const UpdateManifest& m, std::string_view kioskId, std::string_view hall) {
  for (std::size_t i = 0; i < m.rings.size(); ++i) {
    const auto& r = m.rings[i];
    if (std::find(r.kiosks.begin(), r.kiosks.end(), kioskId) != r.kiosks.end() ||
        std::find(r.halls.begin(), r.halls.end(), hall) != r.halls.end() ||
        std::find(r.halls.begin(), r.halls.end(), "*") != r.halls.end())
      return i;
  }
  return std::nullopt;
}

}  // namespace wire
