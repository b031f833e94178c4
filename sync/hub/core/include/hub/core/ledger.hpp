// The ledger (台账) and plain tables as values — rows, cells, the privacy floor of hidden rows and
// the further sheets — built by the report and console code and written out by xlsx_book. Plain
// value types; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace hub {

using Cell = std::variant<std::string, std::int64_t, double>;  // double: a share, shown as a percentage
struct SheetTable {
  std::string title;  // the sheet's first line; a workbook of one table names its sheet after it
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
};

struct LedgerRow {
  std::string hall, commitmentId, title, holder, kind, post, unit, term;  // kind: 类别 in words
  std::int64_t good = 0, fair = 0, poor = 0;
  bool hidden = false;  // under the privacy floor: "—" for the counts and shares, only the total
  std::string note;     // 备注: e.g. which list version's wording the row counts (see commitment_wording.hpp)
  // The votes by where they were cast, in kChannels' order (终端, 手机, 海报). Totals reveal no
  // rating, so they are shown under the privacy floor too.
  std::array<std::int64_t, 3> byChannel = {};
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

}  // namespace hub
