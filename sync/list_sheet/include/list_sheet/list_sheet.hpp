// Builds a commitment-list/1 document from the spreadsheet administrators keep: CSV as Excel or
// WPS save it (UTF-8, UTF-8 with BOM, or GB18030) or the XLSX workbook itself, one commitment per
// row, English or Chinese column names and values. Every problem names the line (CSV) or row
// (XLSX) and the column. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "wire/commitment_list.hpp"
#include "wire/list_limits.hpp"

namespace list_sheet {

class CsvError : public std::runtime_error {
 public:
  // `unit` names where: "line" in a CSV file, "row" in a workbook (whose columns are letters).
  CsvError(std::size_t line, std::string column, const std::string& problem, const char* unit = "line");
  // Every mistake of a sheet at once (the rows are checked one by one): what() has one a line; the
  // first one's line and column are this error's.
  explicit CsvError(const std::vector<CsvError>& all);
  std::size_t line() const { return line_; }
  const std::string& column() const { return column_; }
  // Each mistake as "row 6, column C (类型): …" — one for an error about the whole file.
  const std::vector<std::string>& mistakes() const { return mistakes_; }

 private:
  std::size_t line_;
  std::string column_;
  std::vector<std::string> mistakes_;
};

// At most this many mistakes are listed; a sheet with more says how many more there are.
inline constexpr std::size_t kMaxMistakesListed = 50;

struct ListHeader {
  std::string deployment;
  std::string hall;
  std::int64_t version = 0;
  std::string title;
  std::string publishedAt;
  std::vector<wire::ReasonCode> reasons;
  // The suggestions the 群众意见 column may cite: number → text, the hall's accepted ones (the hub's
  // console fills it). Without it (kioskctl builds lists offline) a filled 群众意见 cell is a mistake:
  // only the hub knows which suggestions were accepted.
  std::optional<std::map<std::int64_t, std::string>> citable;
};

// What a sheet may hold, so that reading one takes memory in proportion to a list rather than to
// what a small file can describe (4.6 MB of line breaks, a 200 KB workbook naming column 200 in
// each of 100,000 rows): non-blank rows (the header and at most a list's commitments) and columns
// (a dozen are known; Excel adds empty trailing ones). Past either the file is refused at once.
inline constexpr std::size_t kMaxSheetRows = wire::limits::kMaxCommitments + 1;
inline constexpr std::size_t kMaxSheetColumns = 64;

// Text as UTF-8: a BOM is dropped, valid UTF-8 kept, anything else read as GB18030.
std::string toUtf8(std::string_view bytes);

// One row of the sheet, numbered as the administrator sees it (the CSV line, the workbook row).
struct SheetRow {
  std::size_t line;
  std::vector<std::string> fields;
};

// The sheet of 差评原因 in a workbook: 代码 (code) and 原因 (label) columns, one reason per row.
// When a workbook has it, its reasons are the list's (in the order written); without it the
// caller's (the current version's) carry over.
inline constexpr std::string_view kReasonsSheet = "差评原因";

// The workbook's columns in the order the template writes them, and the words it offers in the
// 类型 and 期限 drop-downs (the builder also reads the other spellings, e.g. 个人, 示范岗, 服务队).
inline constexpr std::string_view kSheetColumns[] = {"编号",     "承诺人",   "类型",     "岗位",
                                                     "单位",     "期限",     "承诺标题", "承诺内容",
                                                     "开始日期", "结束日期", "照片",     "群众意见"};
// The 群众意见 column holds suggestion numbers (12、15 or 12,15; "意见12" is read too).
inline constexpr std::string_view kAnswersColumn = "群众意见";
inline constexpr std::string_view kKindWords[] = {"党员", "示范岗", "服务队", "单位", "行业"};  // by wire::HolderKind
inline constexpr std::string_view kTermWords[] = {"长远", "年度", "即时"};                      // by wire::Term
// A published list as the sheet's rows (kSheetColumns' order), so the current version can be
// downloaded, edited and uploaded again: building from these rows gives the same commitments.
std::vector<std::vector<std::string>> sheetRowsOf(const wire::CommitmentList& list);

// Returns the list JSON (validated by the same parser kiosks use).
std::string buildListFromCsv(std::string_view csvBytes, const ListHeader& header);
// The same from an .xlsx workbook's first worksheet (see readXlsxRows for what is read).
std::string buildListFromXlsx(std::string_view xlsxBytes, const ListHeader& header);

// The first worksheet's rows: shared and inline strings, numbers as written (a date column's serial
// number is turned into YYYY-MM-DD by the builder), empty rows skipped. Throws CsvError (row 1)
// naming what is wrong with the file: not a ZIP, no worksheet, too large when inflated.
std::vector<SheetRow> readXlsxRows(std::string_view xlsxBytes);
// The rows of the worksheet named `sheetName` (found through the workbook's sheet list, wherever
// Excel or WPS put it), or nullopt when the workbook has no sheet of that name.
std::optional<std::vector<SheetRow>> readXlsxSheetRows(std::string_view xlsxBytes, std::string_view sheetName);
// A reasons sheet's rows as the list's reasons; CsvError names the row and column of a bad one
// (an empty or unsafe code, a missing or long label, a code twice, none at all, more than 20).
std::vector<wire::ReasonCode> reasonsFromRows(const std::vector<SheetRow>& rows);

}  // namespace list_sheet
