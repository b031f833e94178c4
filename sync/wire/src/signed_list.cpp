#include "wire/signed_list.hpp"

#include <nlohmann/json.hpp>

#include "wire/json_input.hpp"

#include "wire/list_limits.hpp"

namespace wire {

using nlohmann::json;

std::string signList(std::string_view listJson, std::string_view keyId, const Ed25519PrivateKey& key) {
  json envelope{{"format", kSignedListFormat},
                {"key_id", keyId},
                {"payload", base64Encode(listJson)},
                {"signature", base64Encode(key.sign(listJson))}};
  return envelope.dump(2) + "\n";
}

SignedListEnvelope parseSignedEnvelope(std::string_view text) {
  // Base64 grows the list by a third; anything larger cannot hold a list we would accept.
  if (text.size() > limits::kMaxDocumentBytes * 4 / 3 + 4096)
    throw ListError("", "signed list is too large (" + std::to_string(text.size()) + " bytes)");
  const json doc = detail::parseJsonOrThrow<ListError>(text, "signed list");
  if (!doc.is_object()) throw ListError("", "signed list must be a JSON object");
  const auto field = [&](const char* name) -> std::string {
    auto it = doc.find(name);
    if (it == doc.end() || !it->is_string()) throw ListError(name, "is required and must be a string");
    return it->get<std::string>();
  };
  if (field("format") != kSignedListFormat)
    throw ListError("format", "must be \"" + std::string(kSignedListFormat) + "\"");
  SignedListEnvelope env;
  env.keyId = field("key_id");
  try {
    env.payload = base64Decode(field("payload"));
  } catch (const CryptoError& e) {
    throw ListError("payload", e.what());
  }
  try {
    env.signature = base64Decode(field("signature"));
  } catch (const CryptoError& e) {
    throw ListError("signature", e.what());
  }
  if (env.signature.size() != 64) throw ListError("signature", "must be a 64-byte Ed25519 signature");
  return env;
}

CommitmentList verifySignedList(std::string_view envelopeJson, const TrustedKeys& trusted) {
  const SignedListEnvelope env = parseSignedEnvelope(envelopeJson);
  auto key = trusted.find(env.keyId);
  if (key == trusted.end()) throw ListError("key_id", "\"" + env.keyId + "\" is not a trusted administrator key");
  if (!key->second.verify(env.payload, env.signature))
    throw ListError("signature", "does not match the list (altered, or signed with another key)");
  return parseCommitmentList(env.payload);
}

std::optional<std::string> whyListIsNotFor(const CommitmentList& list, const ListTarget& target) {
  if (list.deployment != target.deployment)
    return "list is for deployment \"" + list.deployment + "\", this kiosk belongs to \"" + target.deployment + "\"";
  if (list.hall != "*" && list.hall != target.hall)
    return "list is for hall \"" + list.hall + "\", this kiosk stands in \"" + target.hall + "\"";
  if (list.version <= target.currentVersion)
    return "list version " + std::to_string(list.version) + " is not newer than the shown version " +
           std::to_string(target.currentVersion);
  return std::nullopt;
}

}  // namespace wire
