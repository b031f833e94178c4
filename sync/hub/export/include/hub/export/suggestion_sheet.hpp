// The ledger's 征求意见 sheet: every suggestion the halls in view received in the period, with what
// it was about, how it was decided, by whom and when, and which commitments of the current list
// answer it. A file travels further than a page, so text with offensive words is never in it (only
// the console shows it, to administrators). Pure over the stores it reads; thread-safe as they are.
#pragma once

#include "hub/core/ledger.hpp"
#include "hub/core/strings.hpp"
#include "hub/export/ledger_builder.hpp"

namespace hub {

// At most this many rows: a province's halls over a year, not an unbounded read.
inline constexpr std::size_t kMaxSuggestionRows = 20'000;

// Empty rows when `src` has no suggestion store or none came in the period.
SheetTable suggestionSheet(const LedgerSources& src, const LedgerScope& scope, const Strings& t);

}  // namespace hub
