// The codes this kiosk shows for residents' phones (扫码评价, brief "Phone votes and the public
// page"): signed with the kiosk's own key (the one enrolment registered), naming the kiosk, its
// hall, the time, a fresh nonce and — on a commitment's page — the commitment, as the hub's
// /v/<code> address in a QR code. A code lives `lifetime` seconds at the hub; the kiosk replaces
// it when half of that has passed, so a phone always scans one with a minute to spare, and only
// then (one new picture a minute: no redraw storm). UI thread only; time and randomness injected.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "kiosk/core/phone_code_view.hpp"
#include "wire/crypto.hpp"

namespace kiosk::app {

// The text as a QR code (libqrencode, error correction L: a screen is clean, and a smaller code is
// read from farther away). Throws std::runtime_error when the text cannot be encoded.
QrMatrix encodeQr(const std::string& text);

class PhoneCodes {
 public:
  using NonceSource = std::function<std::string()>;  // base64url, 8-32 characters, never the same twice
  PhoneCodes(std::string publicUrl, std::string kioskId, std::string hall, std::int64_t lifetimeSeconds,
             const wire::Ed25519PrivateKey& key, NonceSource nonce);

  // The code for `commitment`'s page (or, without one, the attract screen's) at `nowUnix`: the one
  // shown already while it is fresh, else a new one.
  const PhoneCodeView& codeFor(const std::optional<std::string>& commitment, std::int64_t nowUnix);
  // When the code last asked for must be replaced.
  std::int64_t refreshAt() const { return shown_ ? shown_->issuedAt + lifetime_ / 2 : 0; }

 private:
  std::string publicUrl_, kioskId_, hall_;
  std::int64_t lifetime_;
  const wire::Ed25519PrivateKey& key_;
  NonceSource nonce_;
  std::optional<PhoneCodeView> shown_;
  std::optional<std::string> shownFor_;
};

// 12 random bytes in base64url (16 characters), from the OS.
std::string randomNonce();

}  // namespace kiosk::app
