// The yearly 评选 report (issue 28 §4), built once for the console's page, its XLSX and its print:
// each candidate holder of the halls in view — a 示范岗 / 团队 / 单位 / 行业 by the kind of holder —
// with the public's votes and satisfaction, the 评议会's and the 党员互评's good shares (where shown
// over their floors), the leader reviews of its unit, and its cases and how they closed, over the
// scope's days; then scored with the hall's weights and ranked (hub/core/selection.hpp). Reads
// through the ledger's sources; one call per request, on the caller's thread.
#pragma once

#include <string>
#include <vector>

#include "hub/core/ledger.hpp"
#include "hub/core/selection.hpp"
#include "hub/export/ledger_builder.hpp"

namespace hub {

std::vector<selection::Candidate> selectionCandidates(const LedgerSources& sources, const LedgerScope& scope,
                                                      const Strings& t);

// The report as one sheet, each evaluation in its own column, the weights in its title line.
SheetTable selectionSheet(const std::vector<selection::Candidate>& candidates, const selection::Weights& weights,
                          const HallNames& hallNames, const Strings& t, const std::string& year);

// "群众评价 60% · 评议会 25% · 党员互评 15% · 评价不足 30 人次不排名": what the ranking weighed.
std::string weightsLine(const selection::Weights& weights, const Strings& t);

}  // namespace hub
