#include "kiosk/ui/font_atlas.hpp"

#include <stdexcept>

namespace kiosk::ui {

namespace {

void buildRanges(ImFontAtlas& atlas, const std::string& text, std::vector<ImWchar>& out) {
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(atlas.GetGlyphRangesDefault());  // ASCII + Latin-1: digits, keys
  builder.AddText(text.data(), text.data() + text.size());
  builder.AddText("…·，。：、（）“”？！0123456789");
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
  cfg.FontDataOwnedByAtlas = false;  // one copy of the ~20 MB file for every size
  cfg.FontNo = file.faceIndex;
  cfg.OversampleH = 1;  // CJK at these sizes needs no horizontal oversampling; saves 3x atlas area
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  // ImGui's API takes a non-const pointer but does not write through it when it does not own the data.
  void* data = const_cast<unsigned char*>(file.bytes.data());
  ImFont* font = atlas.AddFontFromMemoryTTF(data, static_cast<int>(file.bytes.size()), size, &cfg, ranges.data());
  if (!font) throw std::runtime_error("the font file could not be loaded into the atlas");
  return font;
}

}  // namespace

FontSet FontAtlasBuilder::build(ImFontAtlas& atlas, const FontFile& file, const GlyphText& text, float small,
                                float body, float title, float huge) {
  if (file.bytes.empty()) throw std::runtime_error("no font data");
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
  if (!atlas.Build()) throw std::runtime_error("font atlas build failed");
  glyphCount_ = countGlyphs(bodyRanges_);
  return set;
}

}  // namespace kiosk::ui
