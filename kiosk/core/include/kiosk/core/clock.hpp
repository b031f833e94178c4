// The kiosk's words for time: the shared clock types (common/clock.hpp), named in namespace kiosk
// so the core reads as before. Injected everywhere, so tests drive time by hand.
#pragma once

#include "common/clock.hpp"

namespace kiosk {

using common::Clock;
using common::Instant;
using common::ManualClock;
using common::Millis;
using common::SystemClock;
using common::WallTime;

}  // namespace kiosk
