// The code a kiosk shows for residents' phones (扫码评价), as the screens draw it: the QR code's
// modules and the address they encode. A plain value made by kiosk/app (PhoneCodes) and read by
// kiosk/ui; thread-safe as a value.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

struct QrMatrix {
  int size = 0;                    // modules per side (0: nothing to draw)
  std::vector<std::uint8_t> dark;  // size × size, row by row: 1 for a dark module
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)] != 0; }
};

struct PhoneCodeView {
  std::string url;  // https://<hub public address>/v/<code>
  QrMatrix qr;
  std::int64_t issuedAt = 0;  // unix seconds: a new code is a new value, the screen redraws once
};

}  // namespace kiosk
