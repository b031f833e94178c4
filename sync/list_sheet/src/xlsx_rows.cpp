// Reading an .xlsx workbook's first worksheet: the ZIP through common_zip (sizes checked while
// inflating), the shared strings and the sheet's XML through expat, event by event (no tree, no
// entity expansion: expat refuses the "billion laughs" by default and external entities are never
// loaded). Only what a list needs: cell text by position.
#include <expat.h>

#include <algorithm>
#include <exception>
#include <map>
#include <new>

#include "common/zip_archive.hpp"
#include "list_sheet/list_sheet.hpp"

namespace list_sheet {

namespace {

constexpr const char* kSharedStrings = "xl/sharedStrings.xml";
constexpr const char* kFirstSheet = "xl/worksheets/sheet1.xml";
constexpr std::size_t kMaxRows = 100'000;  // row numbers; how many rows hold text is kMaxSheetRows

[[noreturn]] void bad(const std::string& problem) { throw CsvError(1, "", problem, "row"); }

// Runs expat over `xml`, calling the handler object's start/end/text. A handler may throw (a
// CsvError naming the problem); the exception must not unwind through expat's C frames — expat
// would be left mid-parse and XML_ParserFree would leak its buffers — so each callback catches it,
// stops the parser, and it is rethrown here once XML_Parse has returned.
template <typename Handler>
struct ParseContext {
  Handler& handler;
  XML_Parser parser;
  std::exception_ptr failure;
};

template <typename Handler, typename Call>
void guarded(void* data, Call&& call) {
  auto* context = static_cast<ParseContext<Handler>*>(data);
  if (context->failure) return;
  try {
    call(context->handler);
  } catch (...) {
    context->failure = std::current_exception();
    XML_StopParser(context->parser, XML_FALSE);
  }
}

template <typename Handler>
void parseXml(const std::string& xml, Handler& handler, const char* what) {
  XML_Parser parser = XML_ParserCreate("UTF-8");
  if (!parser) throw std::bad_alloc();
  struct Free {
    XML_Parser p;
    ~Free() { XML_ParserFree(p); }
  } owner{parser};
  ParseContext<Handler> context{handler, parser, nullptr};
  XML_SetUserData(parser, &context);
  XML_SetElementHandler(
      parser,
      [](void* data, const XML_Char* name, const XML_Char** attributes) {
        guarded<Handler>(data, [&](Handler& h) { h.start(name, attributes); });
      },
      [](void* data, const XML_Char* name) { guarded<Handler>(data, [&](Handler& h) { h.end(name); }); });
  XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* text, int length) {
    guarded<Handler>(data, [&](Handler& h) { h.text(std::string_view(text, static_cast<std::size_t>(length))); });
  });
  const auto status = XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE);
  if (context.failure) std::rethrow_exception(context.failure);
  if (status == XML_STATUS_ERROR)
    bad(std::string("the workbook's ") + what + " is not valid XML (" + XML_ErrorString(XML_GetErrorCode(parser)) +
        " at line " + std::to_string(XML_GetCurrentLineNumber(parser)) + ")");
}

// Local names: "x:si" and "si" alike (some writers use a namespace prefix).
std::string_view local(const XML_Char* name) {
  std::string_view n(name);
  const auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attribute(const XML_Char** attributes, std::string_view name) {
  for (int i = 0; attributes[i]; i += 2)
    if (local(attributes[i]) == name) return attributes[i + 1];
  return nullptr;
}

// <sst><si><t>text</t></si><si><r><t>rich</t></r><r><t> text</t></r></si>… ; phonetic runs (<rPh>) are not text.
struct SharedStrings {
  std::vector<std::string> strings;
  bool inText = false;
  int phonetic = 0;
  void start(const XML_Char* name, const XML_Char**) {
    const auto n = local(name);
    if (n == "si") strings.emplace_back();
    else if (n == "rPh") ++phonetic;
    else if (n == "t" && !phonetic) inText = true;
  }
  void end(const XML_Char* name) {
    const auto n = local(name);
    if (n == "t") inText = false;
    else if (n == "rPh") --phonetic;
  }
  void text(std::string_view t) {
    if (inText && !strings.empty()) strings.back() += t;
  }
};

// Column index of a cell reference: "C5" -> 2.
std::size_t columnOf(const char* reference) {
  std::size_t column = 0;
  for (const char* p = reference; *p >= 'A' && *p <= 'Z'; ++p)
    column = column * 26 + static_cast<std::size_t>(*p - 'A' + 1);
  return column == 0 ? 0 : column - 1;
}

struct Worksheet {
  explicit Worksheet(const std::vector<std::string>& strings) : shared(strings) {}
  const std::vector<std::string>& shared;
  std::map<std::size_t, std::vector<std::string>> rows;  // row number -> cells
  std::size_t row = 0, nextRow = 1, column = 0, nextColumn = 0;
  std::string type, value;
  bool inCell = false, inValue = false;
  void start(const XML_Char* name, const XML_Char** attributes) {
    const auto n = local(name);
    if (n == "row") {
      const char* r = attribute(attributes, "r");
      row = r ? std::strtoul(r, nullptr, 10) : nextRow;
      if (row == 0 || row > kMaxRows) bad("the worksheet has more than " + std::to_string(kMaxRows) + " rows");
      nextRow = row + 1;
      nextColumn = 0;
    } else if (n == "c") {
      const char* r = attribute(attributes, "r");
      column = r ? columnOf(r) : nextColumn;
      if (column >= kMaxSheetColumns)
        bad("the worksheet has more than " + std::to_string(kMaxSheetColumns) + " columns");
      nextColumn = column + 1;
      const char* t = attribute(attributes, "t");
      type = t ? t : "n";
      value.clear();
      inCell = true;
    } else if (inCell && (n == "v" || n == "t")) {
      inValue = true;  // <v> for values and shared-string indexes; <is><t> for inline strings
    }
  }
  void end(const XML_Char* name) {
    const auto n = local(name);
    if (n == "v" || n == "t") inValue = false;
    if (n != "c" || !inCell) return;
    inCell = false;
    std::string text = value;
    if (type == "s") {
      const auto index = std::strtoul(value.c_str(), nullptr, 10);
      if (value.empty() || index >= shared.size()) bad("a cell names a shared string the workbook does not have");
      text = shared[index];
    } else if (type == "b") {
      text = value == "1" ? "TRUE" : "FALSE";
    } else if (type == "n" && value.size() > 2 && value.compare(value.size() - 2, 2, ".0") == 0) {
      text = value.substr(0, value.size() - 2);  // 7.0 as written by some tools: the number 7
    }
    // An empty cell (formatted, or a cleared value) is as good as none: rows hold text only.
    if (text.empty()) return;
    auto found = rows.find(row);
    if (found == rows.end()) {
      if (rows.size() >= kMaxSheetRows)
        bad("the worksheet has more rows than a list can hold (" + std::to_string(wire::limits::kMaxCommitments) +
            " commitments)");
      found = rows.emplace(row, std::vector<std::string>{}).first;
    }
    auto& cells = found->second;
    if (cells.size() <= column) cells.resize(column + 1);
    cells[column] = std::move(text);
  }
  void text(std::string_view t) {
    if (inValue) value += t;
  }
};

// xl/workbook.xml: <sheet name="差评原因" r:id="rId2"/> — each sheet's name and relationship id.
struct SheetNames {
  std::map<std::string, std::string> idByName;
  void start(const XML_Char* name, const XML_Char** attributes) {
    if (local(name) != "sheet") return;
    const char* sheetName = attribute(attributes, "name");
    const char* id = attribute(attributes, "id");  // r:id
    if (sheetName && id) idByName.emplace(sheetName, id);
  }
  void end(const XML_Char*) {}
  void text(std::string_view) {}
};

// xl/_rels/workbook.xml.rels: <Relationship Id="rId2" Target="worksheets/sheet2.xml"/>.
struct Relationships {
  std::map<std::string, std::string> targetById;
  void start(const XML_Char* name, const XML_Char** attributes) {
    if (local(name) != "Relationship") return;
    const char* id = attribute(attributes, "Id");
    const char* target = attribute(attributes, "Target");
    if (id && target) targetById.emplace(id, target);
  }
  void end(const XML_Char*) {}
  void text(std::string_view) {}
};

std::map<std::string, std::string> membersOf(std::string_view xlsxBytes, const std::vector<std::string>& names) {
  try {
    return common::readZipMembers(xlsxBytes, names);
  } catch (const common::ZipError& e) {
    bad(std::string("this is not a workbook Excel or WPS can open: ") + e.what());
  }
}

std::vector<SheetRow> rowsOf(const std::string& sheetXml, const std::map<std::string, std::string>& members,
                             const char* what) {
  SharedStrings shared;
  if (const auto strings = members.find(kSharedStrings); strings != members.end())
    parseXml(strings->second, shared, "shared strings");
  Worksheet ws(shared.strings);
  parseXml(sheetXml, ws, what);
  std::vector<SheetRow> out;
  for (auto& [number, cells] : ws.rows) out.push_back({number, std::move(cells)});  // only rows with text
  return out;
}

}  // namespace

std::optional<std::vector<SheetRow>> readXlsxSheetRows(std::string_view xlsxBytes, std::string_view sheetName) {
  constexpr const char* kWorkbook = "xl/workbook.xml";
  constexpr const char* kWorkbookRels = "xl/_rels/workbook.xml.rels";
  const auto index = membersOf(xlsxBytes, {kWorkbook, kWorkbookRels});
  SheetNames names;
  Relationships rels;
  if (const auto w = index.find(kWorkbook); w != index.end()) parseXml(w->second, names, "sheet list");
  if (const auto r = index.find(kWorkbookRels); r != index.end()) parseXml(r->second, rels, "sheet relationships");
  const auto id = names.idByName.find(std::string(sheetName));
  if (id == names.idByName.end()) return std::nullopt;
  const auto target = rels.targetById.find(id->second);
  if (target == rels.targetById.end())
    bad("the workbook names a sheet \"" + std::string(sheetName) + "\" it does not hold");
  // Targets are relative to xl/ ("worksheets/sheet2.xml") or absolute in the package ("/xl/…").
  const std::string member = target->second.rfind('/', 0) == 0 ? target->second.substr(1) : "xl/" + target->second;
  const auto members = membersOf(xlsxBytes, {kSharedStrings, member});
  const auto sheet = members.find(member);
  if (sheet == members.end()) bad("the workbook names a sheet \"" + std::string(sheetName) + "\" it does not hold");
  return rowsOf(sheet->second, members, "reasons sheet");
}

std::vector<SheetRow> readXlsxRows(std::string_view xlsxBytes) {
  const auto members = membersOf(xlsxBytes, {kSharedStrings, kFirstSheet});
  const auto sheet = members.find(kFirstSheet);
  if (sheet == members.end()) bad("the workbook has no first worksheet (xl/worksheets/sheet1.xml)");
  return rowsOf(sheet->second, members, "first worksheet");
}

}  // namespace list_sheet
