#include "kiosk/platform/font_locator.hpp"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <strings.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace kiosk::platform {

namespace {
std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

FontMatch locateFamily(const std::string& family, const std::string& lang) {
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
  if (!match) throw std::runtime_error("fontconfig found no font for " + family + " (install fonts-noto-cjk)");

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
  FontMatch found{reinterpret_cast<const char*>(file), index,
                  foundFamily ? reinterpret_cast<const char*>(foundFamily) : "", false};
  // A face carries several family names (localised ones too); any of them may be the one asked for.
  FcChar8* name = nullptr;
  for (int i = 0; FcPatternGetString(match.get(), FC_FAMILY, i, &name) == FcResultMatch; ++i)
    if (strcasecmp(reinterpret_cast<const char*>(name), family.c_str()) == 0) found.exactFamily = true;
  return found;
}
}  // namespace

FontChoice loadFontChoice(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read the font choice " + file.string());
  FontChoice choice;
  choice.families.clear();
  for (std::string line; std::getline(in, line);) {
    line = trimmed(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    if (line.rfind("lang", 0) == 0 && line.find('=') != std::string::npos) {
      choice.lang = trimmed(line.substr(line.find('=') + 1));
      continue;
    }
    choice.families.push_back(line);
  }
  if (choice.families.empty() || choice.lang.empty())
    throw std::runtime_error(file.string() + " names no font family (one per line)");
  return choice;
}

FontMatch locateFont(const FontChoice& choice) {
  // Fontconfig substitutes when a family is missing, so a match counts as the family asked for only
  // if it carries that name; failing all, any font that covers the language beats refusing.
  std::string problems;
  for (const auto& family : choice.families) {
    try {
      FontMatch match = locateFamily(family, choice.lang);
      if (match.exactFamily) return match;
    } catch (const std::runtime_error& e) {
      problems += problems.empty() ? e.what() : std::string("; ") + e.what();
    }
  }
  if (choice.families.empty()) throw std::runtime_error("no font family to look for");
  try {
    return locateFamily(choice.families.front(), choice.lang);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(problems.empty() ? e.what() : problems);
  }
}

ui::FontFile readFontFile(const FontMatch& match) {
  // Mapped, not read: the CJK collection is ~20 MB and four faces, of which a kiosk touches the
  // tables of one and the outlines of a few hundred glyphs.
  const int fd = ::open(match.file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open font file " + match.file.string() + ": " + std::strerror(errno));
  struct stat st {};
  void* map = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && st.st_size > 0)
    map = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) throw std::runtime_error("cannot map font file " + match.file.string());
  const auto size = static_cast<std::size_t>(st.st_size);
  ui::FontFile font;
  font.data = static_cast<const unsigned char*>(map);
  font.size = size;
  font.faceIndex = match.faceIndex;
  font.owner = std::shared_ptr<const void>(map, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
  font.releasePages = [map, size] { ::madvise(map, size, MADV_DONTNEED); };
  return font;
}

ui::FontFile loadProductFont(const std::filesystem::path& familiesFile) {
  return readFontFile(locateFont(loadFontChoice(familiesFile)));
}

}  // namespace kiosk::platform
