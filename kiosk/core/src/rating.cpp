#include "kiosk/core/rating.hpp"

namespace kiosk {

std::string_view nameOf(Rating r) {
  switch (r) {
    case Rating::Good: return "good";
    case Rating::Fair: return "fair";
    case Rating::Poor: return "poor";
  }
  return "good";
}

std::optional<Rating> ratingFromString(std::string_view s) {
  if (s == "good") return Rating::Good;
  if (s == "fair") return Rating::Fair;
  if (s == "poor") return Rating::Poor;
  return std::nullopt;
}

std::string_view nameOf(ReasonMode m) {
  switch (m) {
    case ReasonMode::Off: return "off";
    case ReasonMode::Optional: return "optional";
    case ReasonMode::Required: return "required";
  }
  return "off";
}

std::optional<ReasonMode> reasonModeFromString(std::string_view s) {
  if (s == "off") return ReasonMode::Off;
  if (s == "optional") return ReasonMode::Optional;
  if (s == "required") return ReasonMode::Required;
  return std::nullopt;
}

}  // namespace kiosk
