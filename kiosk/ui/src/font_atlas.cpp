#include "kiosk/ui/font_atlas.hpp"

#include <stdexcept>

namespace kiosk::ui {

namespace {

void buildRanges(ImFontAtlas& atlas, const std::string& text, std::vector<ImWchar>& out) {
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(atlas.GetGlyphRangesDefault());  // ASCII + Latin-1: digits, keys
  builder.AddText(text.data(), text.data() + text.size());
  // Symbols the views compose in code (not from string tables): ranges, separators, punctuation.
  builder.AddText("…·–—/，。：、（）“”？！0123456789");
  ImVector<ImWchar> ranges;
  builder.BuildRanges(&ranges);
  out.assign(ranges.begin(), ranges.end());
}

std::size_t countGlyphs(const std::vector<ImWchar>& ranges) {
  std::size_t n = 0;
  for (std::size_t i = 0; i + 1 < ranges.size(); i += 2) n += static_cast<std::size_t>(ranges[i + 1] - ranges[i] + 1);
  return n;
}

ImFont* addFont(ImFontAtlas& atlas, const FontFile& file, float size, const std::vector<ImWchar>& ranges) {
  ImFontConfig cfg;
  // Dear ImGui 1.86 copies the font data of every config that it does *not* own: four sizes of a
  // 20 MB .ttc would be 80 MB. Marking the shared mapping as owned avoids the copies; build() takes
  // ownership back (disownFontData) before the atlas could ever free it.
  cfg.FontDataOwnedByAtlas = true;
  cfg.FontNo = file.faceIndex;
  cfg.OversampleH = 1;  // CJK at these sizes needs no horizontal oversampling; saves 3x atlas area
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  // ImGui's API takes a non-const pointer; stb_truetype only reads through it.
  void* data = const_cast<unsigned char*>(file.data);
  ImFont* font = atlas.AddFontFromMemoryTTF(data, static_cast<int>(file.size), size, &cfg, ranges.data());
  if (!font) throw std::runtime_error("the font file could not be loaded into the atlas");
  return font;
}

// Forget the font bytes before anything in ImGui could free them, then drop every input config:
// the glyphs are baked, and the bytes belong to the FontFile.
void disownFontData(ImFontAtlas& atlas) {
  for (ImFontConfig& cfg : atlas.ConfigData) cfg.FontDataOwnedByAtlas = false;
  atlas.ClearInputData();
}

}  // namespace

FontSet FontAtlasBuilder::build(ImFontAtlas& atlas, const FontFile& file, const GlyphText& text, float small,
                                float body, float title, float huge) {
  if (!file.data || file.size == 0) throw std::runtime_error("no font data");
  disownFontData(atlas);
  atlas.Clear();
  buildRanges(atlas, text.body, bodyRanges_);
  buildRanges(atlas, text.title, titleRanges_);
  buildRanges(atlas, text.huge, hugeRanges_);
  FontSet set;
  set.body = addFont(atlas, file, body, bodyRanges_);  // first font = ImGui's default font
  set.small = addFont(atlas, file, small, bodyRanges_);
  set.title = addFont(atlas, file, title, titleRanges_);
  set.huge = addFont(atlas, file, huge, hugeRanges_);
  atlas.TexDesiredWidth = 2048;
  const bool built = atlas.Build();
  disownFontData(atlas);
  if (file.releasePages) file.releasePages();  // the glyphs are baked; the outlines can go
  if (!built) throw std::runtime_error("font atlas build failed");
  glyphCount_ = countGlyphs(bodyRanges_);
  return set;
}

}  // namespace kiosk::ui
