// The three ratings a resident can give and how a poor rating's reason is asked for.
// Value types only; thread-safe.
#pragma once

#include <optional>
#include <string_view>

namespace kiosk {

enum class Rating { Good, Fair, Poor };

// Whether tapping 差 (poor) opens the reason picker: configured per kiosk.
enum class ReasonMode { Off, Optional, Required };

std::string_view nameOf(Rating r);  // "good" | "fair" | "poor", as on the wire
std::optional<Rating> ratingFromString(std::string_view s);
std::string_view nameOf(ReasonMode m);
std::optional<ReasonMode> reasonModeFromString(std::string_view s);

}  // namespace kiosk
