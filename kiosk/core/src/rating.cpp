#include "kiosk/core/rating.hpp"

namespace kiosk {

std::string_view nameOf(Rating r) { return kRatingNames.nameOf(r); }
std::optional<Rating> ratingFromString(std::string_view s) { return kRatingNames.parse(s); }
std::string_view nameOf(ReasonMode m) { return kReasonModeNames.nameOf(m); }
std::optional<ReasonMode> reasonModeFromString(std::string_view s) { return kReasonModeNames.parse(s); }

}  // namespace kiosk
