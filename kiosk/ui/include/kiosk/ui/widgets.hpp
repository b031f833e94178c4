// The kiosk's drawing vocabulary on top of ImDrawList: tap targets, big buttons, text that fits,
// avatars, term badges and the drawn rating symbols. Stateless free functions; UI thread only.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "kiosk/ui/view_context.hpp"

namespace kiosk::ui {

inline ImVec2 toIm(Point p) { return {p.x, p.y}; }
inline Rect rectOf(float x, float y, float w, float h) { return {x, y, x + w, y + h}; }

// Registers `r` under `name` and reports whether it was tapped this frame (never after a drag).
bool tapTarget(ViewContext& ctx, std::string name, const Rect& r);
bool pressed(const ViewContext& ctx, const Rect& r);

void fillRect(ViewContext& ctx, const Rect& r, ImU32 color, float rounding = 0);

// Size of `text`; with wrapWidth > 0, as wrapped by the Chinese line-breaking rules (line_break.hpp).
ImVec2 textSize(ImFont* font, std::string_view text, float wrapWidth = 0);
// Draws text (wrapped by the same rules when wrapWidth > 0) and returns its height.
float drawText(ViewContext& ctx, ImFont* font, Point pos, ImU32 color, std::string_view text, float wrapWidth = 0);
void drawTextCentered(ViewContext& ctx, ImFont* font, const Rect& r, ImU32 color, std::string_view text);
// `text` cut at a character boundary and ended with "…" so it fits in maxWidth on one line
// (no opening bracket left dangling before the "…").
std::string ellipsize(ImFont* font, std::string_view text, float maxWidth);
// `text` as at most `maxLines` lines wrapped at `width`, the last ended with "…" when cut.
std::string clampLines(ImFont* font, std::string_view text, float width, std::size_t maxLines);

// A filled rounded button with a centred label; darkens while pressed. Returns true when tapped.
bool button(ViewContext& ctx, std::string name, const Rect& r, std::string_view label, ImU32 fill, ImU32 textColor,
            ImFont* font);

// A number pad of 4 rows of 3 keys (1–9, then erase, 0, ok) from `top` down, keys as big as the
// screen allows up to `maxKey`, centred. Its keys are tap targets "<prefix>:0" … "<prefix>:9",
// "<prefix>:erase" and "<prefix>:ok". Returns the key tapped: a digit, kKeyErase or kKeyOk; a
// dimmed pad is drawn greyed and answers nothing. Shared by the staff PIN and the 评议会 code.
inline constexpr int kKeyErase = 10, kKeyOk = 11;
std::optional<int> drawKeypad(ViewContext& ctx, std::string_view prefix, float top, float maxKey,
                              std::string_view eraseLabel, std::string_view okLabel, bool dimmed);

void drawAvatar(ViewContext& ctx, const Rect& square, const wire::Commitment& c);
// Draws the coloured term badge at `pos`; returns its width.
float drawTermBadge(ViewContext& ctx, Point pos, wire::Term term);
// A face drawn with lines (smile / straight / frown), so colour is not the only signal.
void drawRatingSymbol(ViewContext& ctx, Point center, float radius, Rating rating, ImU32 color);

ImU32 ratingColor(const Theme& theme, Rating r);
ImU32 termColor(const Theme& theme, wire::Term term);
ImU32 ratingTextColor(const Theme& theme, Rating r);
using config::format;
using config::ratingKey;

// The header bar every screen but attract shares; returns its height. Draws a back button when
// `backLabel` is not empty (tap target "back").
float drawHeader(ViewContext& ctx, std::string_view title, std::string_view backLabel, bool& backTapped);

// The phone code (扫码评价) in `area`'s top-right corner: black modules on white with the quiet zone
// the QR standard asks, each module a whole number of pixels so a phone's camera reads it, and
// `caption` under it. Returns the width it took (0 when there is no code or no room).
float drawPhoneCode(ViewContext& ctx, const Rect& area, std::string_view caption);

}  // namespace kiosk::ui
