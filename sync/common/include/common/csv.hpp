// CSV as staff open it in Excel or WPS: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180
// quoting. Shared by the hub's tally downloads and the kiosk's USB export. Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace common {

// Without it Excel and WPS read UTF-8 Chinese as the local code page.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// `s` quoted when it holds a separator, quote or line break.
std::string csvField(std::string_view s);
// A share as a percentage with one decimal: 0.3137 -> "31.4%".
std::string csvPercent(double share);

}  // namespace common
