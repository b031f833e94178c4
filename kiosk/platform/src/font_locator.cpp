#include "kiosk/platform/font_locator.hpp"

#include <fontconfig/fontconfig.h>

#include <fstream>
#include <memory>
#include <stdexcept>

namespace kiosk::platform {

FontMatch locateFont(const std::string& family, const std::string& lang) {
  if (!FcInit()) throw std::runtime_error("fontconfig could not be initialised");
  std::unique_ptr<FcPattern, decltype(&FcPatternDestroy)> pattern(FcPatternCreate(), FcPatternDestroy);
  FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcPatternAddString(pattern.get(), FC_LANG, reinterpret_cast<const FcChar8*>(lang.c_str()));
  FcPatternAddInteger(pattern.get(), FC_WEIGHT, FC_WEIGHT_REGULAR);
  FcConfigSubstitute(nullptr, pattern.get(), FcMatchPattern);
  FcDefaultSubstitute(pattern.get());
  FcResult result = FcResultNoMatch;
  std::unique_ptr<FcPattern, decltype(&FcPatternDestroy)> match(FcFontMatch(nullptr, pattern.get(), &result),
                                                                 FcPatternDestroy);
  if (!match) throw std::runtime_error("fontconfig found no font for " + family);

  FcChar8* file = nullptr;
  FcChar8* foundFamily = nullptr;
  int index = 0;
  FcPatternGetString(match.get(), FC_FILE, 0, &file);
  FcPatternGetString(match.get(), FC_FAMILY, 0, &foundFamily);
  FcPatternGetInteger(match.get(), FC_INDEX, 0, &index);
  // Fontconfig always returns *some* font; one that cannot draw Chinese would show tofu.
  FcLangSet* langs = nullptr;
  if (!file || FcPatternGetLangSet(match.get(), FC_LANG, 0, &langs) != FcResultMatch ||
      FcLangSetHasLang(langs, reinterpret_cast<const FcChar8*>(lang.c_str())) == FcLangDifferentLang)
    throw std::runtime_error("no installed font covers " + lang + " (install fonts-noto-cjk)");
  return {reinterpret_cast<const char*>(file), index, foundFamily ? reinterpret_cast<const char*>(foundFamily) : ""};
}

ui::FontFile readFontFile(const FontMatch& match) {
  std::ifstream in(match.file, std::ios::binary | std::ios::ate);
  if (!in) throw std::runtime_error("cannot read font file " + match.file.string());
  ui::FontFile font;
  font.faceIndex = match.faceIndex;
  font.bytes.resize(static_cast<std::size_t>(in.tellg()));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(font.bytes.data()), static_cast<std::streamsize>(font.bytes.size()));
  if (!in) throw std::runtime_error("cannot read font file " + match.file.string());
  return font;
}

}  // namespace kiosk::platform
