// A row of counted votes as every report reads it: a hall, a commitment (or none, grouped by
// hall), the three ratings and the filtered taps, and the list version when grouped by it. Plain
// value types; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace hub {

// Where votes were cast (the brief's `channel`): a kiosk's screen; a resident's phone, after scanning
// the code a kiosk shows; a printed poster's code, for windows without a kiosk.
inline constexpr std::string_view kChannelKiosk = "kiosk";
inline constexpr std::string_view kChannelPhone = "phone";
inline constexpr std::string_view kChannelPoster = "poster";
inline constexpr std::array<std::string_view, 3> kChannels{kChannelKiosk, kChannelPhone, kChannelPoster};
inline bool isChannel(std::string_view name) {
  for (const auto c : kChannels)
    if (c == name) return true;
  return false;
}

struct TallyRow {
  std::string hall;
  std::string commitmentId;  // empty when grouped by hall
  std::int64_t good = 0, fair = 0, poor = 0, filtered = 0;
  std::int64_t listVersion = 0;  // grouped by version: the list the kiosk showed (0: not recorded)
  std::string channel = {};      // split by channel: kiosk, phone or poster ("" when not split)
  std::int64_t total() const { return good + fair + poor; }
};

// Rows per commitment, per hall, or per commitment and the list version its votes were given under.
enum class TallyGroup { Commitment, Hall, CommitmentVersion };

}  // namespace hub
