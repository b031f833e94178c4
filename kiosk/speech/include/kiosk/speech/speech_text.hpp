// What the kiosk says, made ready for a speech engine: a commitment's text or a prompt with its
// numbers, dates, times, percentages and ranges written as a Mandarin speaker reads them
// ("2026-01-01 至 2028-12-31" → "二〇二六年一月一日至二〇二八年十二月三十一日", "86.4%" →
// "百分之八十六点四", "08:30" → "八点三十分"), and cut into sentences so the first one can be spoken
// while the rest is still being made (a long text starts within the 300 ms the issue asks). The
// engines read Chinese characters well but digits and signs by their own rules (espeak's cmn voice
// reads "2026" as a number, "-" as a word). English text is left as it is. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::speech {

// `language` as the kiosk names it: "zh-CN", "zh-TW" (Chinese readings) or "en" (unchanged).
std::string normaliseForSpeech(std::string_view text, std::string_view language);

// Mandarin reading of a whole number: 0 → 零, 10 → 十, 105 → 一百零五, 12345 → 一万二千三百四十五.
std::string chineseNumber(unsigned long long n);
// Digit by digit: "2026" → "二〇二六" (years, and long numbers such as telephone numbers).
std::string chineseDigits(std::string_view digits);

// Sentences of at most about `maxChars` characters: cut after 。！？；!?; and line ends, and at a
// comma when a sentence runs longer. Empty pieces are dropped; the pieces joined are the text.
std::vector<std::string> splitSentences(std::string_view text, std::size_t maxChars = 40);

}  // namespace kiosk::speech
