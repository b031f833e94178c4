// Excel files the console hands out, written with libxlsxwriter: the ledger (台账) — title, a
// two-level merged header, frozen header rows, widths that fit Chinese, totals and the sign-off
// footer — and a plain table for every other page. Text cells are neutralised against formula
// injection like the CSV. Thread-safe (each call writes its own temporary file and removes it).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "hub/core/ledger.hpp"

namespace hub {

// The XLSX file's bytes. Throws std::runtime_error if libxlsxwriter fails.
std::string ledgerXlsx(const Ledger& ledger);

// One table on a sheet named after the table's title (sheetNameOf).
std::string tableXlsx(const SheetTable& table);
// A title's first words as a sheet name Excel accepts (≤ 31 characters, none of []:*?/\).
std::string sheetNameOf(const std::string& title);
// The workbook administrators fill in to publish a list: its columns (Chinese headers the list
// builder reads), text-formatted cells, example rows, and drop-downs for holder kind and term.
struct ListTemplate {
  std::vector<std::string> kinds, terms;           // the drop-downs' words, e.g. 党员 … / 长远 …
  std::vector<std::vector<std::string>> examples;  // rows under the header
  unsigned rows = 2000;                            // how far down the drop-downs reach
  // The 差评原因 sheet (list_sheet::kReasonsSheet): code and label, pre-filled.
  std::vector<std::pair<std::string, std::string>> reasons;
};
std::string listTemplateXlsx(const ListTemplate& t);
// The same table as CSV (UTF-8 with BOM), for Excel and WPS.
std::string tableCsv(const SheetTable& table);

inline constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace hub
