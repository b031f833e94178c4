#include "kiosk/ui/layout_audit.hpp"

#include <algorithm>
#include <cstdio>

#include "kiosk/ui/view_context.hpp"

namespace kiosk::ui {

namespace {
// Glyph boxes are rounded to whole pixels; a pixel of slack keeps the check about layout.
constexpr float kSlack = 1.0f;

bool inside(const Rect& inner, const Rect& outer) {
  return inner.x0 >= outer.x0 - kSlack && inner.y0 >= outer.y0 - kSlack && inner.x1 <= outer.x1 + kSlack &&
         inner.y1 <= outer.y1 + kSlack;
}

// The start of a text for a problem line: at most 60 bytes, cut at a character boundary.
std::string_view opening(std::string_view text) {
  if (text.size() <= 60) return text;
  std::size_t cut = 60;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

std::string describe(const Rect& r) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "(%.0f,%.0f)-(%.0f,%.0f)", static_cast<double>(r.x0), static_cast<double>(r.y0),
                static_cast<double>(r.x1), static_cast<double>(r.y1));
  return buf;
}
}  // namespace

void LayoutAudit::text(std::string_view text, const Rect& drawn, const Rect& clip) {
  const Rect r{std::max(drawn.x0, clip.x0), std::max(drawn.y0, clip.y0), std::min(drawn.x1, clip.x1),
               std::min(drawn.y1, clip.y1)};
  if (r.x1 <= r.x0 || r.y1 <= r.y0) return;  // scrolled out of sight
  boxes_.push_back({std::string(text), r});
}

std::vector<std::string> LayoutAudit::problems(const TargetRegistry& targets, float width, float height) const {
  std::vector<std::string> out;
  const Rect screen{0, 0, width, height};
  for (const Box& box : boxes_) {
    if (!inside(box.rect, screen)) {
      out.push_back("text \"" + std::string(opening(box.text)) + "\" at " + describe(box.rect) + " leaves the screen");
      continue;
    }
    // The smallest target under the text's middle is the one it is drawn on.
    const Point middle{(box.rect.x0 + box.rect.x1) / 2, (box.rect.y0 + box.rect.y1) / 2};
    const NamedRect* home = nullptr;
    const auto area = [](const Rect& r) { return (r.x1 - r.x0) * (r.y1 - r.y0); };
    for (const NamedRect& t : targets.all())
      if (t.rect.contains(middle) && (!home || area(t.rect) < area(home->rect))) home = &t;
    if (home && !inside(box.rect, home->rect))
      out.push_back("text \"" + std::string(opening(box.text)) + "\" at " + describe(box.rect) + " overflows " +
                    home->name + " " + describe(home->rect));
  }
  return out;
}

bool LayoutAudit::drew(std::string_view needle) const {
  return std::any_of(boxes_.begin(), boxes_.end(),
                     [needle](const Box& b) { return b.text.find(needle) != std::string::npos; });
}

}  // namespace kiosk::ui
