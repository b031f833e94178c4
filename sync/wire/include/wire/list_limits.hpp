// Size limits of commitment-list/1: one table so the parser, the CSV builder and the docs agree.
// Constants only; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace wire::limits {

inline constexpr std::size_t kMaxDocumentBytes = 8u * 1024u * 1024u;
inline constexpr std::size_t kMaxCommitments = 5000;
inline constexpr std::size_t kMaxReasons = 20;
inline constexpr std::size_t kMaxIdBytes = 64;
inline constexpr std::size_t kMaxShortTextChars = 100;  // names, posts, units, labels
inline constexpr std::size_t kMaxTitleChars = 200;
inline constexpr std::size_t kMaxTextChars = 5000;
// 征求意见: what a resident may write (a kiosk's detail page shows it whole), and how many suggestions
// one commitment may cite (the page has room for a few lines, not a petition).
inline constexpr std::size_t kMaxSuggestionChars = 200;
inline constexpr std::size_t kMaxAnswersPerCommitment = 5;

// Ids (commitments, reasons, kiosks, epochs) are 1-64 characters of A-Z a-z 0-9 . _ - : safe in
// file names, URLs, logs and spreadsheets (no formula can start with one of them but "-", and CSV
// cells are neutralised besides).
bool isSafeId(std::string_view id);

// Number of Unicode code points in valid UTF-8 (the parser has already rejected invalid UTF-8).
std::size_t codePoints(std::string_view utf8);

}  // namespace wire::limits
