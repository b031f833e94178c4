#include "wire/enrolment.hpp"

#include "wire/crypto.hpp"
#include "wire/json_input.hpp"
#include "wire/list_limits.hpp"

namespace wire {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxPemBytes = 4096;    // an Ed25519 public key's PEM is 113 bytes
constexpr std::size_t kMaxTokenBytes = 200;   // "kh_" and 43 base64url characters
constexpr std::size_t kMaxTrustedKeys = 100;  // administrators of one deployment

json objectOf(std::string_view body, const char* what) {
  json doc = detail::parseJsonOrThrow<EnrolmentError>(body, what);
  if (!doc.is_object()) throw EnrolmentError("", std::string(what) + " must be a JSON object");
  return doc;
}

std::string text(const json& doc, const char* key, std::size_t maxBytes) {
  const auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) throw EnrolmentError(key, "required");
  if (!it->is_string()) throw EnrolmentError(key, "must be a string");
  std::string s = it->get<std::string>();
  if (s.empty() || s.size() > maxBytes)
    throw EnrolmentError(key, "must be 1-" + std::to_string(maxBytes) + " bytes long");
  return s;
}

std::string id(const json& doc, const char* key) {
  std::string s = text(doc, key, 64);
  if (!limits::isSafeId(s)) throw EnrolmentError(key, "must be 1-64 characters of A-Z a-z 0-9 . _ -");
  return s;
}

// The key in one canonical spelling (as OpenSSL writes it), whatever line ends or white space it
// came with, so the hub stores and compares one text per key.
std::string checkedPem(const std::string& pem, const std::string& field) {
  try {
    return Ed25519PublicKey::fromPem(pem).toPem();
  } catch (const CryptoError& e) {
    throw EnrolmentError(field, std::string("not an Ed25519 public key: ") + e.what());
  }
}

}  // namespace

std::string encodeKioskRef(const KioskRef& ref) {
  json out{{"kiosk_id", ref.kioskId}};
  if (!ref.hall.empty()) out["hall"] = ref.hall;
  if (!ref.publicKey.empty()) out["public_key"] = ref.publicKey;
  return out.dump();
}

KioskRef parseKioskRef(std::string_view body, bool needHall) {
  const json doc = objectOf(body, "kiosk request");
  KioskRef ref{id(doc, "kiosk_id"), ""};
  if (needHall || doc.contains("hall")) ref.hall = id(doc, "hall");
  if (doc.contains("public_key")) ref.publicKey = checkedPem(text(doc, "public_key", kMaxPemBytes), "public_key");
  return ref;
}

std::string encodeEnrolment(const Enrolment& e) {
  return json{{"kiosk_id", e.kioskId},
              {"hall", e.hall},
              {"deployment", e.deployment},
              {"token", e.token},
              {"trusted_keys", e.trustedKeys}}
      .dump();
}

Enrolment parseEnrolment(std::string_view body) {
  const json doc = objectOf(body, "enrolment");
  Enrolment e{id(doc, "kiosk_id"), id(doc, "hall"), id(doc, "deployment"), text(doc, "token", kMaxTokenBytes), {}};
  const auto keys = doc.find("trusted_keys");
  if (keys == doc.end() || !keys->is_object() || keys->empty())
    throw EnrolmentError("trusted_keys", "must name at least one administrator key (the hub trusts none yet?)");
  if (keys->size() > kMaxTrustedKeys)
    throw EnrolmentError("trusted_keys", "more than " + std::to_string(kMaxTrustedKeys) + " keys");
  for (const auto& [keyId, pem] : keys->items()) {
    if (!limits::isSafeId(keyId))
      throw EnrolmentError("trusted_keys", "key id " + keyId.substr(0, 64) + " is not an id");
    if (!pem.is_string() || pem.get<std::string>().size() > kMaxPemBytes)
      throw EnrolmentError("trusted_keys." + keyId, "must be a PEM public key");
    e.trustedKeys[keyId] = checkedPem(pem.get<std::string>(), "trusted_keys." + keyId);
  }
  return e;
}

std::string encodeKioskKey(std::string_view publicKeyPem) { return json{{"public_key", publicKeyPem}}.dump(); }

std::string parseKioskKey(std::string_view body) {
  const json doc = objectOf(body, "kiosk key");
  return checkedPem(text(doc, "public_key", kMaxPemBytes), "public_key");
}

}  // namespace wire
