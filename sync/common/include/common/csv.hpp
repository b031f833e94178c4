// CSV as staff open it in Excel or WPS: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180
// quoting. Shared by the hub's tally downloads and the kiosk's USB export. Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace common {

// Without it Excel and WPS read UTF-8 Chinese as the local code page.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Text as a spreadsheet cell holds it: a leading = + - @ (tab, CR) gets an apostrophe before it,
// so no cell text is ever run as a formula. For every text cell the product writes (CSV, XLSX).
std::string spreadsheetText(std::string_view s);
// A text cell: neutralised as above, then quoted when it holds a separator, quote or line break.
// (Numbers are written as numbers, not through here.)
std::string csvField(std::string_view s);
// A share as a percentage with one decimal: 0.3137 -> "31.4%".
std::string csvPercent(double share);

}  // namespace common
