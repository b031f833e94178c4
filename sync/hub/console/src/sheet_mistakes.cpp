#include "sheet_mistakes.hpp"

// GCC 12 warns that std::regex's compiled states "may be used uninitialized" at -O1 with the
// sanitizers (a false positive in libstdc++'s std::function, GCC bug 105562); this file only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <regex>

namespace hub::console {

namespace {

// A problem's English shape → the key of the words saying it; {1}, {2}, {3} are the captures.
struct Shape {
  const char* pattern;
  const char* key;
};
const Shape kShapes[] = {
    {R"re(is required|must not be empty)re", "sheet_required"},
    {R"re(is too long \((\d+) characters, at most (\d+)\))re", "sheet_too_long"},
    {R"re(has unknown value "(.*)" \(expected one of: [^)]*\); in Chinese: (.*))re", "sheet_unknown_value_hint"},
    {R"re(has unknown value "(.*)" \(expected one of: [^)]*\))re", "sheet_unknown_value"},
    {R"re(must be 1-64 characters of .*)re", "sheet_id"},
    {R"re(must be a date YYYY-MM-DD, found "(.*)")re", "sheet_date"},
    {R"re(is before valid_from \((.*) < (.*)\))re", "sheet_date_order"},
    {R"re(duplicates id "(.*)")re", "sheet_duplicate"},
    {R"re(unknown column "(.*)" \(see .*\))re", "sheet_column"},
    {R"re(has (\d+) fields, the header has (\d+))re", "sheet_fields"},
    {R"re(the file is empty.*)re", "sheet_empty"},
    {R"re(the file is (neither UTF-8 nor GB18030|not UTF-8).*)re", "sheet_encoding"},
    {R"re(this is not a workbook.*)re", "sheet_not_workbook"},
    {R"re(a quoted field is never closed)re", "sheet_quote"},
};

std::string filled(std::string text, const std::smatch& m) {
  for (std::size_t i = 1; i < m.size() && i <= 3; ++i) text = replaceText(text, "{" + std::to_string(i) + "}", m[i]);
  return text;
}

}  // namespace

std::string sheetMistakeWords(const Strings& t, const std::string& mistake) {
  static const std::regex more(R"re(… (\d+) more)re");
  static const std::regex where(R"re((?:line|row) (\d+)(?:, column (?:\S+ \((.*?)\)|([^:]+)))?: (.*))re");
  std::smatch m;
  if (std::regex_match(mistake, m, more)) return filled(t["sheet_more"], m);
  if (!std::regex_match(mistake, m, where)) return mistake;
  std::string place = replaceText(t["sheet_row"], "{n}", m[1]);
  const std::string column = m[2].matched ? m[2].str() : m[3].str();
  if (!column.empty()) place += replaceText(t["sheet_column_of"], "{c}", column);
  const std::string problem = m[4];
  for (const auto& shape : kShapes) {
    std::smatch p;
    if (std::regex_match(problem, p, std::regex(shape.pattern))) return place + "：" + filled(t[shape.key], p);
  }
  return place + "：" + problem;
}

}  // namespace hub::console

#pragma GCC diagnostic pop
