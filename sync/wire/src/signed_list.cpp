#include "wire/signed_list.hpp"

#include "wire/list_limits.hpp"

namespace wire {

std::string signList(std::string_view listJson, std::string_view keyId, const Ed25519PrivateKey& key) {
  return signEnvelope(kSignedListFormat, listJson, keyId, key);
}

SignedListEnvelope parseSignedEnvelope(std::string_view text) {
  try {
    return parseEnvelope(text, kSignedListFormat, "signed list", limits::kMaxDocumentBytes);
  } catch (const EnvelopeError& e) {
    throw ListError(e.field(), e.what());
  }
}

CommitmentList verifySignedList(std::string_view envelopeJson, const TrustedKeys& trusted) {
  const SignedListEnvelope env = parseSignedEnvelope(envelopeJson);
  try {
    return parseCommitmentList(verifiedPayload(env, trusted, "the list"));
  } catch (const EnvelopeError& e) {
    throw ListError(e.field(), e.what());
  }
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
