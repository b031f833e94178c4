// signed-commitment-list/1: a commitment list as exact bytes plus an administrator's Ed25519
// signature over those bytes, and the rule a kiosk applies before showing a new list.
// Pure functions over values; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "wire/commitment_list.hpp"
#include "wire/crypto.hpp"
#include "wire/signed_envelope.hpp"

namespace wire {

inline constexpr std::string_view kSignedListFormat = "signed-commitment-list/1";

using SignedListEnvelope = SignedEnvelope;

// Builds the envelope JSON for `listJson` signed with `key`.
std::string signList(std::string_view listJson, std::string_view keyId, const Ed25519PrivateKey& key);

// Parses the envelope only (no signature check); throws ListError naming the field.
SignedListEnvelope parseSignedEnvelope(std::string_view json);

// Checks the signature against the trusted key named by key_id, then parses the payload.
// Throws ListError with the reason ("signature", "key_id", or the list field).
CommitmentList verifySignedList(std::string_view envelopeJson, const TrustedKeys& trusted);

// Whether a verified list may replace what a kiosk shows; the reason when not.
struct ListTarget {
  std::string deployment;
  std::string hall;
  std::int64_t currentVersion = 0;  // 0 when nothing from the hub is shown yet
};
std::optional<std::string> whyListIsNotFor(const CommitmentList& list, const ListTarget& target);

}  // namespace wire
