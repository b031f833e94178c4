// How a commitment's holder is written on a card, the same on the kiosk and in the console's
// preview: the round badge's initial, and the line under the name (post and unit); and the
// suggestions it answers as the detail page shows them. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wire/commitment_list.hpp"

namespace wire {

// The first letter of the holder's name — a surname, or a post's or unit's first character —
// skipping quotation marks, brackets, spaces and other punctuation (“党员先锋岗” → 党); the unit's
// when the name has none; "" when neither has a letter.
std::string holderInitial(const Holder& holder);

// The post and the unit to write after the kind, leaving out any the name already says (a post
// named 窗口 3 号 is not "窗口 3 号 · 窗口 3 号"), and any that repeats the one before it.
std::vector<std::string> holderPlaces(const Holder& holder);

// The suggestions a commitment answers (征求意见), as its detail page shows them and speech reads
// them: "<label>：" and the texts joined by "；". "" when it cites none.
std::string answersText(const Commitment& c, std::string_view label);

}  // namespace wire
