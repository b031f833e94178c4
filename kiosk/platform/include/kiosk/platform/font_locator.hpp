// Finds the CJK UI font through fontconfig and reads it into memory once.
// Plain functions; call from the UI thread at start-up (fontconfig is not re-entrant).
#pragma once

#include <filesystem>
#include <string>

#include "kiosk/ui/font_atlas.hpp"

namespace kiosk::platform {

struct FontMatch {
  std::filesystem::path file;
  int faceIndex = 0;
  std::string family;
};

// Asks fontconfig for `family` with the language `lang` (e.g. "zh-cn"); throws if it is not
// installed rather than settling for a font without Chinese glyphs.
FontMatch locateFont(const std::string& family = "Noto Sans CJK SC", const std::string& lang = "zh-cn");
ui::FontFile readFontFile(const FontMatch& match);

}  // namespace kiosk::platform
