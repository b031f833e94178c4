// Builds the CJK font atlas from one in-memory copy of the font file, holding only the glyphs the
// current strings and list use (a full CJK range at kiosk sizes is 64 MiB and 0.6 s to build).
// UI thread only; rebuild when the list, language or display size changes.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

// The font file's bytes, read once and shared by every size (the atlas does not own them).
struct FontFile {
  std::vector<unsigned char> bytes;
  int faceIndex = 0;  // index inside a .ttc collection (Noto Sans CJK: 2 = Simplified Chinese)
};

struct FontSet {
  ImFont* small = nullptr;
  ImFont* body = nullptr;
  ImFont* title = nullptr;
  ImFont* huge = nullptr;
};

// Text each font size must be able to draw; smaller sets for the larger sizes keep the atlas small.
struct GlyphText {
  std::string body;   // everything: UI strings, holder names, titles, full texts
  std::string title;  // UI strings, names, titles
  std::string huge;   // UI strings and the list title
};

class FontAtlasBuilder {
 public:
  // Clears `atlas` and builds it; the glyph ranges live in this object, which must outlive the atlas
  // build (done here) and any later rebuild by the renderer.
  FontSet build(ImFontAtlas& atlas, const FontFile& file, const GlyphText& text, float small, float body,
                float title, float huge);
  std::size_t glyphCount() const { return glyphCount_; }

 private:
  std::vector<ImWchar> bodyRanges_, titleRanges_, hugeRanges_;
  std::size_t glyphCount_ = 0;
};

}  // namespace kiosk::ui
