#include "list_sheet/list_sheet.hpp"

#include <iconv.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

#include "common/iso_time.hpp"
#include "common/utf8.hpp"

namespace list_sheet {

using nlohmann::json;

CsvError::CsvError(std::size_t line, std::string column, const std::string& problem, const char* unit)
    : std::runtime_error(std::string(unit) + " " + std::to_string(line) + (column.empty() ? "" : ", column " + column) +
                         ": " + problem),
      line_(line), column_(std::move(column)), mistakes_{what()} {}

namespace {
std::string joinMistakes(const std::vector<CsvError>& all) {
  std::string text;
  for (std::size_t i = 0; i < all.size() && i < kMaxMistakesListed; ++i)
    text += (i ? "\n" : "") + std::string(all[i].what());
  if (all.size() > kMaxMistakesListed) text += "\n… " + std::to_string(all.size() - kMaxMistakesListed) + " more";
  return text;
}
}  // namespace

CsvError::CsvError(const std::vector<CsvError>& all)
    : std::runtime_error(joinMistakes(all)), line_(all.empty() ? 0 : all.front().line()),
      column_(all.empty() ? std::string() : all.front().column()) {
  for (std::size_t i = 0; i < all.size() && i < kMaxMistakesListed; ++i) mistakes_.push_back(all[i].what());
  if (all.size() > kMaxMistakesListed)
    mistakes_.push_back("… " + std::to_string(all.size() - kMaxMistakesListed) + " more");
}

namespace {

using Record = SheetRow;

enum class Sheet { Csv, Xlsx };

// "C" for the third column of a workbook, "3" in a CSV file.
std::string columnLabel(Sheet kind, std::size_t index) {
  if (kind == Sheet::Csv) return std::to_string(index + 1);
  std::string letters;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return letters;
}

// A date cell in a workbook holds Excel's serial day number (1900 system): 46023 is 2026-01-01.
std::string excelSerialDate(const std::string& value) {
  if (value.empty() || value.size() > 7 ||
      !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return value;
  const long serial = std::stol(value);
  if (serial < 20000 || serial > 80000) return value;  // not a date in this century: left as written
  // Days from 1899-12-30 (Excel's 1900 leap-year quirk folded in), by the civil-from-days algorithm.
  long z = serial - 25569 + 719468;  // days since 1970-01-01, shifted to 0000-03-01
  const long era = z / 146097, doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
  char out[48];
  std::snprintf(out, sizeof out, "%04ld-%02ld-%02ld", y, m, d);
  return out;
}

// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF.
std::vector<Record> parseCsv(std::string_view text) {
  std::vector<Record> records;
  // Blank lines are not kept (the builder would skip them), and a file with more rows than a list
  // can hold is refused where it passes the limit, not after all of it was read into memory.
  const auto keep = [&records](Record&& record) {
    if (record.fields.size() == 1 && record.fields[0].find_first_not_of(" \t") == std::string::npos) return;
    if (records.size() >= kMaxSheetRows)
      throw CsvError(
          record.line, "",
          "is past the most a list can hold (" + std::to_string(wire::limits::kMaxCommitments) + " commitments)");
    records.push_back(std::move(record));
  };
  Record current{1, {}};
  std::string field;
  bool quoted = false, fieldStarted = false;
  std::size_t line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !fieldStarted) {
      quoted = fieldStarted = true;
    } else if (c == ',') {
      if (current.fields.size() + 1 >= kMaxSheetColumns)
        throw CsvError(current.line, "", "has more than " + std::to_string(kMaxSheetColumns) + " fields");
      current.fields.push_back(std::move(field));
      field.clear();
      fieldStarted = false;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      current.fields.push_back(std::move(field));
      field.clear();
      fieldStarted = false;
      keep(std::move(current));
      current = {++line, {}};
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) throw CsvError(current.line, "", "a quoted field is never closed");
  if (fieldStarted || !current.fields.empty()) {
    current.fields.push_back(std::move(field));
    keep(std::move(current));
  }
  return records;
}

// Column names as administrators write them, in English or Chinese.
const std::map<std::string, std::string>& columnAliases() {
  static const std::map<std::string, std::string> aliases{{"id", "id"},
                                                          {"编号", "id"},
                                                          {"holder_name", "holder_name"},
                                                          {"承诺人", "holder_name"},
                                                          {"姓名", "holder_name"},
                                                          {"holder_kind", "holder_kind"},
                                                          {"类型", "holder_kind"},
                                                          {"holder_post", "holder_post"},
                                                          {"岗位", "holder_post"},
                                                          {"holder_unit", "holder_unit"},
                                                          {"单位", "holder_unit"},
                                                          {"term", "term"},
                                                          {"期限", "term"},
                                                          {"title", "title"},
                                                          {"承诺标题", "title"},
                                                          {"text", "text"},
                                                          {"承诺内容", "text"},
                                                          {"valid_from", "valid_from"},
                                                          {"开始日期", "valid_from"},
                                                          {"valid_to", "valid_to"},
                                                          {"结束日期", "valid_to"},
                                                          {"photo", "photo"},
                                                          {"照片", "photo"},
                                                          {"answers", "answers"},
                                                          {std::string(kAnswersColumn), "answers"}};
  return aliases;
}

std::string mapValue(const std::string& column, const std::string& value) {
  static_assert(std::size(kKindWords) == wire::kHolderKinds.entries().size() &&
                std::size(kTermWords) == wire::kTerms.entries().size());
  static const std::map<std::string, std::string> kinds{{"党员", "person"}, {"个人", "person"}, {"示范岗", "post"},
                                                        {"岗位", "post"},   {"团队", "team"},   {"服务队", "team"},
                                                        {"单位", "unit"},   {"行业", "trade"}};
  static const std::map<std::string, std::string> terms{
      {"长远", "long_term"}, {"年度", "annual"}, {"即时", "immediate"}};
  if (column == "holder_kind" && kinds.count(value)) return kinds.at(value);
  if (column == "term" && terms.count(value)) return terms.at(value);
  // Excel writes 2026/1/1, people 2026年1月1日; the format wants 2026-01-01. A date that cannot be
  // read stays as written, for the list's check to name.
  if (column == "valid_from" || column == "valid_to")
    if (const auto day = common::readDay(value)) return *day;
  return value;
}

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// A 群众意见 cell's suggestion numbers, in the order written: separated by 、，, ; or spaces, each
// perhaps written 意见12 or #12. Throws std::invalid_argument with the piece that is no number.
std::vector<std::int64_t> citedNumbers(const std::string& cell) {
  std::string text = cell;
  for (const std::string_view sep : {"、", "，", "；", "意见", "#", ",", ";", "\n"})
    for (std::size_t at = text.find(sep); at != std::string::npos; at = text.find(sep, at))
      text.replace(at, sep.size(), " ");
  std::vector<std::int64_t> numbers;
  std::istringstream in(text);
  for (std::string piece; in >> piece;) {
    if (piece.size() > 12 || !std::all_of(piece.begin(), piece.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoll(piece) == 0)
      throw std::invalid_argument(piece);
    numbers.push_back(std::stoll(piece));
  }
  return numbers;
}

}  // namespace

std::string toUtf8(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (common::isValidUtf8(bytes)) return std::string(bytes);
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw CsvError(1, "", "the file is not UTF-8 and GB18030 is not available");
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  std::size_t inLeft = bytes.size();
  char* outPtr = out.data();
  std::size_t outLeft = out.size();
  const std::size_t rc = iconv(cd, &in, &inLeft, &outPtr, &outLeft);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1)) {
    const std::string_view done = bytes.substr(0, bytes.size() - inLeft);
    const auto line = 1 + static_cast<std::size_t>(std::count(done.begin(), done.end(), '\n'));
    throw CsvError(line, "", "the file is neither UTF-8 nor GB18030 (undecodable bytes)");
  }
  out.resize(out.size() - outLeft);
  return out;
}

namespace {

std::string buildList(std::vector<Record> records, const ListHeader& header, Sheet kind) {
  const char* unit = kind == Sheet::Csv ? "line" : "row";
  if (records.empty()) throw CsvError(1, "", "the file is empty (a header row and one row per commitment)", unit);
  std::vector<std::string> columns;
  std::map<std::string, std::string> displayName;
  for (std::size_t i = 0; i < records[0].fields.size(); ++i) {
    const std::string name = trim(records[0].fields[i]);
    auto alias = columnAliases().find(name);
    if (alias == columnAliases().end())
      throw CsvError(records[0].line, columnLabel(kind, i),
                     "unknown column \"" + name + "\" (see sync/kioskctl/README.md)", unit);
    columns.push_back(alias->second);
    displayName[alias->second] = columnLabel(kind, i) + " (" + name + ")";
  }
  json items = json::array();
  std::vector<std::size_t> lineOf;
  for (std::size_t r = 1; r < records.size(); ++r) {
    Record& rec = records[r];
    if (rec.fields.size() == 1 && trim(rec.fields[0]).empty()) continue;  // blank line
    if (kind == Sheet::Xlsx) {
      // A workbook row is as wide as its last filled cell; trailing empty cells are simply absent.
      if (rec.fields.size() > columns.size() &&
          std::all_of(rec.fields.begin() + static_cast<std::ptrdiff_t>(columns.size()), rec.fields.end(),
                      [](const std::string& f) { return trim(f).empty(); }))
        rec.fields.resize(columns.size());
      if (rec.fields.size() < columns.size()) rec.fields.resize(columns.size());
    }
    if (rec.fields.size() != columns.size())
      throw CsvError(
          rec.line, "",
          "has " + std::to_string(rec.fields.size()) + " fields, the header has " + std::to_string(columns.size()),
          unit);
    json c{{"holder", json::object()}};
    for (std::size_t i = 0; i < columns.size(); ++i) {
      std::string cell = trim(rec.fields[i]);
      if (kind == Sheet::Xlsx && (columns[i] == "valid_from" || columns[i] == "valid_to")) cell = excelSerialDate(cell);
      if (columns[i] == "answers") {
        if (!cell.empty()) c["answers"] = json::array();  // resolved below, where the mistakes are kept
        continue;
      }
      const std::string value = mapValue(columns[i], cell);
      if (value.empty()) continue;
      if (columns[i].rfind("holder_", 0) == 0) c["holder"][columns[i].substr(7)] = value;
      else c[columns[i]] = value;
    }
    items.push_back(std::move(c));
    lineOf.push_back(rec.line);
  }
  json doc{{"format", "commitment-list/1"}, {"deployment", header.deployment},    {"hall", header.hall},
           {"version", header.version},     {"published_at", header.publishedAt}, {"title", header.title},
           {"commitments", items}};
  json reasons = json::array();
  for (const auto& r : header.reasons) reasons.push_back({{"code", r.code}, {"label", r.label}});
  doc["reasons"] = reasons;
  // A problem the validator found in "commitments[i]…" → the sheet's row of item i and its column.
  const auto rowError = [&](const wire::ListError& e, std::size_t line) {
    const std::string& field = e.field();
    std::string rest = field.substr(field.find(']') + 1);
    if (!rest.empty() && rest[0] == '.') rest.erase(0, 1);
    std::string column = rest;
    if (rest.rfind("holder.", 0) == 0) column = "holder_" + rest.substr(7);
    std::string message = std::string(e.what()).substr(field.size() + 2);
    // The validator knows the codes; the sheet is usually filled in Chinese (the template's drop-downs).
    const auto words = [](const auto& list) {
      std::string joined;
      for (const auto w : list) joined += (joined.empty() ? "" : ", ") + std::string(w);
      return joined;
    };
    if (column == "holder_kind") message += "; in Chinese: " + words(kKindWords);
    if (column == "term") message += "; in Chinese: " + words(kTermWords);
    return CsvError(line, displayName.count(column) ? displayName[column] : column, message, unit);
  };
  // Each row on its own first, so one upload names every row's mistakes, not only the first.
  std::vector<CsvError> mistakes;
  // The 群众意见 cells: numbers the hub's accepted suggestions resolve to their texts.
  if (const auto at = std::find(columns.begin(), columns.end(), "answers"); at != columns.end()) {
    const auto column = static_cast<std::size_t>(at - columns.begin());
    for (std::size_t i = 0, r = 1; r < records.size(); ++r) {
      const Record& rec = records[r];
      if (rec.fields.size() == 1 && trim(rec.fields[0]).empty()) continue;  // skipped above too
      json& item = items[i++];
      if (!item.contains("answers")) continue;
      const auto fail = [&](const std::string& problem) {
        mistakes.emplace_back(rec.line, displayName["answers"], problem, unit);
      };
      try {
        for (const std::int64_t n : citedNumbers(trim(rec.fields[column]))) {
          if (!header.citable) {
            fail("suggestions are cited only in the hub's console (承诺清单), which knows the accepted ones");
            break;
          }
          const auto found = header.citable->find(n);
          if (found == header.citable->end()) {
            fail("cites suggestion " + std::to_string(n) + ", which is not an accepted suggestion of this hall");
            continue;
          }
          item["answers"].push_back({{"number", n}, {"text", found->second}});
        }
      } catch (const std::invalid_argument& e) {
        fail("\"" + std::string(e.what()) + "\" is not a suggestion number");
      }
    }
    doc["commitments"] = items;
  }
  json one = doc;  // the header once, each row's commitment alone in it
  for (std::size_t i = 0; i < items.size(); ++i) {
    one["commitments"] = json::array({items[i]});
    try {
      wire::parseCommitmentList(one.dump());
    } catch (const wire::ListError& e) {
      if (e.field().rfind("commitments[", 0) != 0) break;  // about the whole list: told once, below
      mistakes.push_back(rowError(e, lineOf[i]));
    }
  }
  std::stable_sort(mistakes.begin(), mistakes.end(),
                   [](const CsvError& a, const CsvError& b) { return a.line() < b.line(); });
  if (!mistakes.empty()) throw CsvError(mistakes);
  // Then the list as a whole: ids used twice, more commitments than a list may hold.
  const std::string text = doc.dump(2) + "\n";
  try {
    wire::parseCommitmentList(text);
  } catch (const wire::ListError& e) {
    const std::string& field = e.field();
    if (field.rfind("commitments[", 0) == 0) {
      const std::size_t index = std::stoul(field.substr(12));
      throw rowError(e, index < lineOf.size() ? lineOf[index] : 0);
    }
    throw CsvError(1, field, std::string(e.what()), unit);
  }
  return text;
}

}  // namespace

std::string buildListFromCsv(std::string_view csvBytes, const ListHeader& header) {
  return buildList(parseCsv(toUtf8(csvBytes)), header, Sheet::Csv);
}

std::string buildListFromXlsx(std::string_view xlsxBytes, const ListHeader& header) {
  ListHeader withReasons = header;
  if (const auto reasons = readXlsxSheetRows(xlsxBytes, kReasonsSheet)) withReasons.reasons = reasonsFromRows(*reasons);
  return buildList(readXlsxRows(xlsxBytes), withReasons, Sheet::Xlsx);
}

std::vector<wire::ReasonCode> reasonsFromRows(const std::vector<SheetRow>& rows) {
  const std::string sheet(kReasonsSheet);
  const auto fail = [&](std::size_t row, const std::string& column, const std::string& problem) {
    throw CsvError(row, sheet + " " + column, problem, "row");
  };
  if (rows.empty()) fail(1, "", "the sheet is empty: list the reasons, or delete the sheet to keep the current ones");
  // The header row: 代码 / code and 原因 / label, in either order.
  std::size_t codeColumn = SIZE_MAX, labelColumn = SIZE_MAX;
  for (std::size_t i = 0; i < rows[0].fields.size(); ++i) {
    const std::string name = trim(rows[0].fields[i]);
    if (name == "代码" || name == "code") codeColumn = i;
    if (name == "原因" || name == "label") labelColumn = i;
  }
  if (codeColumn == SIZE_MAX || labelColumn == SIZE_MAX)
    fail(rows[0].line, "", "the first row must name the columns 代码 and 原因");
  std::vector<wire::ReasonCode> reasons;
  std::set<std::string> codes;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    const auto cell = [&](std::size_t c) { return c < row.fields.size() ? trim(row.fields[c]) : std::string(); };
    const std::string code = cell(codeColumn), label = cell(labelColumn);
    if (code.empty() && label.empty()) continue;
    if (!wire::limits::isSafeId(code)) fail(row.line, "代码", "must be 1-64 characters of A-Z a-z 0-9 . _ -");
    if (label.empty()) fail(row.line, "原因", "is empty: residents choose the reason by these words");
    if (common::countCharacters(label) > wire::limits::kMaxShortTextChars)
      fail(row.line, "原因", "is longer than " + std::to_string(wire::limits::kMaxShortTextChars) + " characters");
    if (!codes.insert(code).second) fail(row.line, "代码", "\"" + code + "\" is already used in an earlier row");
    reasons.push_back({code, label});
  }
  if (reasons.empty())
    fail(rows[0].line, "", "names no reason: list at least one, or delete the sheet to keep the current ones");
  if (reasons.size() > wire::limits::kMaxReasons)
    fail(rows.back().line, "", "has more than " + std::to_string(wire::limits::kMaxReasons) + " reasons");
  return reasons;
}

namespace {
std::string citedCell(const wire::Commitment& c) {
  std::string cell;
  for (const auto& a : c.answers) cell += (cell.empty() ? "" : "、") + std::to_string(a.number);
  return cell;
}
}  // namespace

std::vector<std::vector<std::string>> sheetRowsOf(const wire::CommitmentList& list) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(list.commitments.size());
  for (const auto& c : list.commitments) {
    rows.push_back({c.id, c.holder.name, std::string(kKindWords[static_cast<std::size_t>(c.holder.kind)]),
                    c.holder.post, c.holder.unit, std::string(kTermWords[static_cast<std::size_t>(c.term)]), c.title,
                    c.text, c.valid_from, c.valid_to, c.photo.value_or(""), citedCell(c)});
  }
  return rows;
}

}  // namespace list_sheet
