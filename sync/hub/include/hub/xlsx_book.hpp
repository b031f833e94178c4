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

namespace hub {

using Cell = std::variant<std::string, std::int64_t, double>;  // double: a share, shown as a percentage
struct SheetTable {
  std::string title;
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
};

struct LedgerRow {
  std::string hall, commitmentId, title, holder, unit, term;
  std::int64_t good = 0, fair = 0, poor = 0;
  bool hidden = false;  // under the privacy floor: "—" for the counts and shares, only the total
  std::string note;     // 备注: e.g. which list version's wording the row counts (see commitment_wording.hpp)
};

struct Ledger {
  std::string title;     // "党员公开承诺群众评议台账"
  std::string subtitle;  // "统计期间：2026-01-01 至 2026-06-30　大厅：全部"
  std::string reportDate;
  std::vector<LedgerRow> rows;
  // The privacy floor the hidden rows are under. The totals row adds their ratings only when they
  // reach it together; otherwise a line under it gives only their number and votes, so no hidden
  // row's ratings can be found by subtracting the shown rows from the totals.
  std::int64_t minCount = 0;
  // Further sheets after 台账, by sheet name (e.g. 整改案件, 领导点评): the console's half-year ledger.
  std::vector<std::pair<std::string, SheetTable>> sheets;
};

// The XLSX file's bytes. Throws std::runtime_error if libxlsxwriter fails.
std::string ledgerXlsx(const Ledger& ledger);

std::string tableXlsx(const SheetTable& table);
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
