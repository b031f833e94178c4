// The signed envelope every administrator-signed document travels in — a list
// (signed-commitment-list/1), a kiosk's settings (signed-kiosk-settings/1): the exact payload bytes
// in base64, the Ed25519 signature over them and the id of the key that made it. One parser for
// all, so a hostile envelope is refused the same way whatever it claims to carry. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#include "wire/crypto.hpp"

namespace wire {

using TrustedKeys = std::map<std::string, Ed25519PublicKey, std::less<>>;

struct SignedEnvelope {
  std::string keyId;
  std::string payload;    // the exact document bytes that were signed
  std::string signature;  // 64 raw bytes
};

// Names the envelope field that is wrong ("" for the document as a whole); each format rethrows
// it as its own error type.
class EnvelopeError : public std::runtime_error {
 public:
  EnvelopeError(std::string field, const std::string& problem)
      : std::runtime_error(problem), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// The envelope JSON of `format` holding `payload` signed with `key`.
std::string signEnvelope(std::string_view format, std::string_view payload, std::string_view keyId,
                         const Ed25519PrivateKey& key);

// Parses an envelope of `format` whose payload may be at most `maxPayloadBytes`; `what` names the
// document in messages ("signed list"). No signature check. Throws EnvelopeError.
SignedEnvelope parseEnvelope(std::string_view text, std::string_view format, std::string_view what,
                             std::size_t maxPayloadBytes);

// The payload, once its signature verifies against the trusted key named by key_id. Throws
// EnvelopeError on "key_id" or "signature"; `what` names the document ("the list").
std::string verifiedPayload(const SignedEnvelope& envelope, const TrustedKeys& trusted, std::string_view what);

// A format's document out of its envelope: parsed by `parse` from the payload — verified against
// `trusted` first, or as it is when `trusted` is null (to show what an envelope holds). Envelope
// mistakes are rethrown as the format's own Error(field, message). `title` names the envelope
// ("signed kiosk settings"), `what` the document ("the settings").
template <typename Error, typename Parse>
auto documentInEnvelope(std::string_view text, std::string_view format, std::string_view title, std::string_view what,
                        std::size_t maxPayloadBytes, const TrustedKeys* trusted, Parse parse) {
  try {
    const SignedEnvelope envelope = parseEnvelope(text, format, title, maxPayloadBytes);
    return parse(trusted ? verifiedPayload(envelope, *trusted, what) : envelope.payload);
  } catch (const EnvelopeError& e) {
    throw Error(e.field(), e.what());
  }
}

}  // namespace wire
