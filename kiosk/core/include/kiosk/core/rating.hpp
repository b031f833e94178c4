// The three ratings a resident can give and how a poor rating's reason is asked for.
// Value types only; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "common/names.hpp"

namespace kiosk {

enum class Rating { Good, Fair, Poor };
inline constexpr common::NameTable<Rating, 3> kRatingNames(
    {{{Rating::Good, "good"}, {Rating::Fair, "fair"}, {Rating::Poor, "poor"}}});

// Whether tapping 差 (poor) opens the reason picker: configured per kiosk.
enum class ReasonMode { Off, Optional, Required };
inline constexpr common::NameTable<ReasonMode, 3> kReasonModeNames(
    {{{ReasonMode::Off, "off"}, {ReasonMode::Optional, "optional"}, {ReasonMode::Required, "required"}}});

std::string_view nameOf(Rating r);  // "good" | "fair" | "poor", as on the wire
std::optional<Rating> ratingFromString(std::string_view s);
std::string_view nameOf(ReasonMode m);
std::optional<ReasonMode> reasonModeFromString(std::string_view s);

}  // namespace kiosk
