#include "kiosk/app/phone_codes.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

#include "wire/endpoints.hpp"
#include "wire/phone_code.hpp"

namespace kiosk::app {

QrMatrix encodeQr(const std::string& text) {
  const std::unique_ptr<QRcode, void (*)(QRcode*)> code(QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_L),
                                                        &QRcode_free);
  if (!code) throw std::runtime_error("cannot make a QR code of " + std::to_string(text.size()) + " bytes");
  QrMatrix m;
  m.size = code->width;
  const auto n = static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
  m.dark.resize(n);
  for (std::size_t i = 0; i < n; ++i) m.dark[i] = code->data[i] & 1;  // bit 0: dark; the others say why
  return m;
}

PhoneCodes::PhoneCodes(std::string publicUrl, std::string kioskId, std::string hall, std::int64_t lifetimeSeconds,
                       const wire::Ed25519PrivateKey& key, NonceSource nonce)
    : publicUrl_(std::move(publicUrl)), kioskId_(std::move(kioskId)), hall_(std::move(hall)),
      lifetime_(lifetimeSeconds), key_(key), nonce_(std::move(nonce)) {}

const PhoneCodeView& PhoneCodes::codeFor(const std::optional<std::string>& commitment, std::int64_t nowUnix) {
  // Fresh while under half its life; a clock set back (NTP after a cold start) makes a new one too.
  const bool fresh = shown_ && shownFor_ == commitment && nowUnix >= shown_->issuedAt && nowUnix < refreshAt();
  if (fresh) return *shown_;
  const std::string code = wire::makePhoneCode({kioskId_, hall_, nowUnix, nonce_(), commitment}, key_);
  PhoneCodeView view;
  view.url = wire::endpoint::phoneVoteUrl(publicUrl_, code);
  view.qr = encodeQr(view.url);
  view.issuedAt = nowUnix;
  shown_ = std::move(view);
  shownFor_ = commitment;
  return *shown_;
}

std::string randomNonce() { return wire::base64UrlEncode(wire::randomBytes(wire::kPhoneCodeNonceBytes)); }

}  // namespace kiosk::app
