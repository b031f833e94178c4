// One unit however it was typed: 区人社局, 區人社局 and " 区人社局 " in lists of different years or
// halls are one office in the units page, the ledger's 单位汇总 and the overview. The key folds
// traditional characters to simplified (core/data/traditional-to-simplified.txt, the characters
// of offices, places and services — not a full converter), full-width letters, digits and
// parentheses to their ASCII forms, and trims and joins spaces. Pure; thread-safe (the table is
// read once, on first use, under the C++ static initialisation guarantee).
#pragma once

#include <string>
#include <string_view>

namespace hub {

// The unit as pages show it and group by: folded as above.
std::string unitKey(std::string_view unit);

}  // namespace hub
