// 征求意见: what a resident's suggestion may say, decided before anything is stored. A suggestion is
// short, carries no personal data (the page asks for none and takes none: a phone or ID number, an
// e-mail address is refused, so a resident cannot leave one by mistake), and is kept with a flag
// when it holds a word of core/data/offensive-words.txt — an administrator sees it, nobody else.
// Pure; thread-safe (the word list is read once, on first use).
#pragma once

#include <string>
#include <string_view>

namespace hub::suggestion {

enum class TextProblem {
  None,
  Empty,
  TooLong,         // over wire::limits::kMaxSuggestionChars characters
  PersonalNumber,  // seven or more digits in a run: a phone, ID, bank card or QQ number
  Email,
  NotText,  // control characters, or not UTF-8
};

// The text as kept: line breaks and tabs made spaces, runs of spaces joined, trimmed.
std::string normalised(std::string_view text);
// What is wrong with an already normalised text, if anything.
TextProblem problemOf(std::string_view normalisedText);
// True when the text holds a word of the offensive-words list, however spaced, punctuated, written
// in traditional characters or full-width letters.
bool offensive(std::string_view text);

}  // namespace hub::suggestion
