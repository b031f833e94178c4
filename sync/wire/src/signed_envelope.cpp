#include "wire/signed_envelope.hpp"

#include <nlohmann/json.hpp>

#include "wire/json_input.hpp"

namespace wire {

using nlohmann::json;

std::string signEnvelope(std::string_view format, std::string_view payload, std::string_view keyId,
                         const Ed25519PrivateKey& key) {
  json envelope{{"format", format},
                {"key_id", keyId},
                {"payload", base64Encode(payload)},
                {"signature", base64Encode(key.sign(payload))}};
  return envelope.dump(2) + "\n";
}

SignedEnvelope parseEnvelope(std::string_view text, std::string_view format, std::string_view what,
                             std::size_t maxPayloadBytes) {
  // Base64 grows the payload by a third; anything larger cannot hold a document we would accept.
  if (text.size() > maxPayloadBytes * 4 / 3 + 4096)
    throw EnvelopeError("", std::string(what) + " is too large (" + std::to_string(text.size()) + " bytes)");
  const json doc = detail::parseJsonOrThrow<EnvelopeError>(text, std::string(what));
  if (!doc.is_object()) throw EnvelopeError("", std::string(what) + " must be a JSON object");
  const auto field = [&](const char* name) -> std::string {
    auto it = doc.find(name);
    if (it == doc.end() || !it->is_string()) throw EnvelopeError(name, "is required and must be a string");
    return it->get<std::string>();
  };
  if (field("format") != format) throw EnvelopeError("format", "must be \"" + std::string(format) + "\"");
  SignedEnvelope env;
  env.keyId = field("key_id");
  try {
    env.payload = base64Decode(field("payload"));
  } catch (const CryptoError& e) {
    throw EnvelopeError("payload", e.what());
  }
  try {
    env.signature = base64Decode(field("signature"));
  } catch (const CryptoError& e) {
    throw EnvelopeError("signature", e.what());
  }
  if (env.signature.size() != 64) throw EnvelopeError("signature", "must be a 64-byte Ed25519 signature");
  return env;
}

std::string verifiedPayload(const SignedEnvelope& env, const TrustedKeys& trusted, std::string_view what) {
  auto key = trusted.find(env.keyId);
  if (key == trusted.end()) throw EnvelopeError("key_id", "\"" + env.keyId + "\" is not a trusted administrator key");
  if (!key->second.verify(env.payload, env.signature))
    throw EnvelopeError("signature", "does not match " + std::string(what) + " (altered, or signed with another key)");
  return env.payload;
}

}  // namespace wire
