// Enrolling a kiosk with its hub: the administrator's request (POST /api/v1/kiosks), the hub's
// answer (the kiosk's token, shown once, with what the kiosk must trust), the kiosk's registration
// of its own batch-signing key (POST /api/v1/kiosk-key), revocation and moves, and the files of the
// bundle a hall technician copies onto the kiosk. The hub, kioskctl and the kiosk share these, so
// they cannot drift apart. Pure; thread-safe.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace wire {

// Every batch upload carries this header: base64 of the Ed25519 signature over the exact body.
inline constexpr std::string_view kSignatureHeader = "X-Kiosk-Signature";
// The `reason` of a 422 that refuses a batch for its signature (missing, or not by the kiosk's
// registered key) rather than its contents: the kiosk keeps such a batch queued.
inline constexpr std::string_view kSignatureRefusal = "signature";

class EnrolmentError : public std::runtime_error {
 public:
  EnrolmentError(const std::string& field, const std::string& problem)
      : std::runtime_error(field.empty() ? problem : field + ": " + problem) {}
};

// What an administrator asks for: enrol `kioskId` in `hall` (POST /api/v1/kiosks), move it to
// `hall` (POST /api/v1/kiosks/move) or revoke it (POST /api/v1/kiosks/revoke, hall unused).
struct KioskRef {
  std::string kioskId;
  std::string hall;
  // Enrolment only, optional: the kiosk's public key (PEM) when the administrator has it already
  // (an offline kiosk's USB export carries kiosk-key.pub.pem). Otherwise the kiosk registers its
  // key itself, with its new token, the first time it reaches the hub.
  std::string publicKey = {};
};
std::string encodeKioskRef(const KioskRef& ref);
// Both ids 1-64 characters of A-Z a-z 0-9 . _ - ; `needHall` false accepts a missing hall.
KioskRef parseKioskRef(std::string_view json, bool needHall);

// The hub's answer to an enrolment: the kiosk's bearer token (the hub keeps only its hash, so this
// is the one time it exists in full) and what the kiosk needs to trust the lists it will receive.
struct Enrolment {
  std::string kioskId;
  std::string hall;
  std::string deployment;
  std::string token;
  std::map<std::string, std::string> trustedKeys;  // key_id -> administrator public key PEM
};
std::string encodeEnrolment(const Enrolment& e);
Enrolment parseEnrolment(std::string_view json);

// The kiosk's own public key (PEM), sent once with its token: {"public_key": "-----BEGIN ..."}.
std::string encodeKioskKey(std::string_view publicKeyPem);
// Returns the PEM after checking it is one Ed25519 public key; throws EnrolmentError.
std::string parseKioskKey(std::string_view json);

}  // namespace wire
