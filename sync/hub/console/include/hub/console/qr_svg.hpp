// A QR code as an inline SVG (libqrencode, error correction M): the second-factor enrolment's
// otpauth:// address, drawn by the console page itself so the secret never leaves the hub for a
// QR service. Pure; thread-safe (libqrencode's encoder keeps no state between calls).
#pragma once

#include <string>

namespace hub::console {

// <svg …> with one path of dark modules and a four-module quiet zone, `pixels` wide. Throws
// std::runtime_error when the text is too long for a QR code.
std::string qrSvg(const std::string& text, int pixels = 240);

}  // namespace hub::console
