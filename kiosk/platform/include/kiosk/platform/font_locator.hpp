// Finds the CJK UI font through fontconfig and maps it into memory once. Which families to try,
// in order, is product data (assets/fonts/families.txt), not code. Plain functions; call from the
// UI thread at start-up (fontconfig is not re-entrant).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/ui/font_atlas.hpp"

namespace kiosk::platform {

struct FontMatch {
  std::filesystem::path file;
  int faceIndex = 0;
  std::string family;
  bool exactFamily = false;  // the font is the family asked for, not fontconfig's substitute
};

struct FontChoice {
  std::vector<std::string> families{"Noto Sans CJK SC"};  // tried in order
  std::string lang = "zh-cn";                             // the font must cover this language
};

// Reads a families file: one family per line, blank lines and "#" comments ignored, and an
// optional "lang = zh-cn" line. Throws std::runtime_error naming the file if it cannot be read or
// names no family.
FontChoice loadFontChoice(const std::filesystem::path& file);

// Asks fontconfig for each family in turn with the language; throws if none is installed rather
// than settling for a font without Chinese glyphs.
FontMatch locateFont(const FontChoice& choice = {});
ui::FontFile readFontFile(const FontMatch& match);

// The product's font: the families in `familiesFile` located and mapped. Throws naming the problem.
ui::FontFile loadProductFont(const std::filesystem::path& familiesFile);

}  // namespace kiosk::platform
