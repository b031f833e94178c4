// Builds the CJK font atlas from one in-memory copy of the font file, holding only the glyphs the
// current strings and list use (a full CJK range at kiosk sizes is 64 MiB and 0.6 s to build).
// UI thread only; rebuild when the list, language or display size changes.
#pragma once

#include <imgui.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

// The font file's bytes, mapped once and shared by every size; `owner` keeps them alive (the
// platform maps the file read-only, so only the glyphs actually rasterised become resident).
struct FontFile {
  const unsigned char* data = nullptr;
  std::size_t size = 0;
  int faceIndex = 0;  // index inside a .ttc collection (Noto Sans CJK: 2 = Simplified Chinese)
  std::shared_ptr<const void> owner;
  // Optional: lets the pages read during a build leave memory (data stays valid, re-read on use).
  std::function<void()> releasePages;
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
  // Clears `atlas` and builds it. Afterwards the atlas holds baked glyphs and pixels only: no
  // reference to the font bytes or to the glyph ranges survives the call.
  FontSet build(ImFontAtlas& atlas, const FontFile& file, const GlyphText& text, float small, float body, float title,
                float huge);
  std::size_t glyphCount() const { return glyphCount_; }

 private:
  std::vector<ImWchar> bodyRanges_, titleRanges_, hugeRanges_;
  std::size_t glyphCount_ = 0;
};

}  // namespace kiosk::ui
