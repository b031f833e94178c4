// A list spreadsheet's mistakes (list_sheet's "row 6, column C (类型): has unknown value …") in the
// reader's words: where (第 6 行「类型」列) and what to do. The shapes list_sheet and the list
// validator write are matched here; anything else is shown as written. Pure; thread-safe.
#pragma once

#include <string>

#include "hub/core/strings.hpp"

namespace hub::console {

std::string sheetMistakeWords(const Strings& t, const std::string& mistake);

}  // namespace hub::console
