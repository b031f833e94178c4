#include "hub/export/xlsx_book.hpp"

#include <xlsxwriter.h>

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <stdexcept>

#include "common/csv.hpp"
#include "common/text_file.hpp"
#include "wire/tally_shares.hpp"

namespace hub {

namespace {

// libxlsxwriter 1.1.4 (Debian 12) writes to a file only, and stages each part of the workbook in
// temporary files. Both live in memory: the workbook in a memfd (named by its /proc/self/fd path,
// gone when closed, even after a crash), the parts in /dev/shm when the system has it. An export
// must not write to the disk that ingest fsyncs: on ext4 a journal commit flushes other files'
// new data with it, so a kiosk's batch would wait for a staff member's spreadsheet.
class TempXlsx {
 public:
  TempXlsx() {
    fd_ = ::memfd_create("kiosk-hub-xlsx", MFD_CLOEXEC);
    if (fd_ >= 0) {
      path_ = "/proc/self/fd/" + std::to_string(fd_);
      return;
    }
    std::string pattern = (std::filesystem::temp_directory_path() / "kiosk-hub-XXXXXX.xlsx").string();
    const int fd = ::mkstemps(pattern.data(), 5);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the XLSX export");
    ::close(fd);
    path_ = pattern;
  }
  ~TempXlsx() {
    if (fd_ >= 0) {
      ::close(fd_);
      return;
    }
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempXlsx(const TempXlsx&) = delete;
  TempXlsx& operator=(const TempXlsx&) = delete;
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

std::string finish(lxw_workbook* wb, const TempXlsx& file) {
  if (const lxw_error err = workbook_close(wb); err != LXW_NO_ERROR)
    throw std::runtime_error(std::string("XLSX export failed: ") + lxw_strerror(err));
  return common::readTextFile(file.path());
}

// A memory-backed directory for the workbook's staged parts, or null (the system's temp dir).
char* partsDirectory() {
  static std::string shm = [] {
    std::error_code ec;
    return std::filesystem::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK | X_OK) == 0
               ? std::string("/dev/shm")
               : std::string();
  }();
  return shm.empty() ? nullptr : shm.data();
}

lxw_workbook* open(const TempXlsx& file) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = partsDirectory();
  lxw_workbook* wb = workbook_new_opt(file.path().c_str(), &options);
  if (!wb) throw std::runtime_error("cannot start an XLSX workbook");
  return wb;
}

lxw_format* format(lxw_workbook* wb, bool bold, bool border, const char* numFormat = nullptr, int size = 11) {
  lxw_format* f = workbook_add_format(wb);
  format_set_font_name(f, "宋体");
  format_set_font_size(f, size);
  if (bold) format_set_bold(f);
  if (border) format_set_border(f, LXW_BORDER_THIN);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  if (numFormat) format_set_num_format(f, numFormat);
  return f;
}

// Every sheet prints as a ledger is filed: A4 landscape, as wide as one page, the header rows
// `first`..`last` repeated on each page and "第 N 页，共 M 页" at the foot.
void printSetup(lxw_worksheet* ws, lxw_row_t first, lxw_row_t last) {
  worksheet_repeat_rows(ws, first, last);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
}

// Text a person typed or a kiosk sent: never a formula when the sheet is edited and re-saved.
std::string safe(const std::string& text) { return common::spreadsheetText(text); }

// One plain table on a sheet of its own: title, header row (frozen), cells.
void writeTableSheet(lxw_workbook* wb, const std::string& sheetName, const SheetTable& table) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheetName.c_str());
  lxw_format* title = format(wb, true, false, nullptr, 14);
  lxw_format* head = format(wb, true, true);
  format_set_bg_color(head, 0xE8EEF7);
  lxw_format* textCell = format(wb, false, true);
  lxw_format* count = format(wb, false, true, "0");
  lxw_format* share = format(wb, false, true, "0.0%");
  const auto columns = static_cast<lxw_col_t>(std::max<std::size_t>(1, table.headers.size()));
  if (columns > 1) worksheet_merge_range(ws, 0, 0, 0, static_cast<lxw_col_t>(columns - 1), table.title.c_str(), title);
  else worksheet_write_string(ws, 0, 0, table.title.c_str(), title);
  // Each column as wide as its widest text (a Chinese character is two of Excel's units), between
  // 10 and 60; longer text wraps.
  std::vector<double> widths(table.headers.size(), 0);
  const auto widen = [&](std::size_t c, const std::string& text) {
    double w = 0;
    for (const char byte : text) {  // per code point: its first byte
      const auto ch = static_cast<unsigned char>(byte);
      w += ch < 0x80 ? 1.0 : (ch >= 0xC0 ? 2.0 : 0.0);
    }
    if (c < widths.size()) widths[c] = std::max(widths[c], w + 2);
  };
  for (std::size_t c = 0; c < table.headers.size(); ++c) widen(c, table.headers[c]);
  for (const auto& row : table.rows)
    for (std::size_t c = 0; c < row.size(); ++c)
      if (const auto* text = std::get_if<std::string>(&row[c])) widen(c, *text);
  format_set_text_wrap(textCell);
  for (lxw_col_t c = 0; c < table.headers.size(); ++c) {
    worksheet_write_string(ws, 1, c, table.headers[c].c_str(), head);
    worksheet_set_column(ws, c, c, std::clamp(widths[c], 10.0, 60.0), nullptr);
  }
  worksheet_freeze_panes(ws, 2, 0);
  printSetup(ws, 1, 1);
  lxw_row_t r = 2;
  for (const auto& row : table.rows) {
    for (lxw_col_t c = 0; c < row.size(); ++c) {
      if (const auto* s = std::get_if<std::string>(&row[c]))
        worksheet_write_string(ws, r, c, safe(*s).c_str(), textCell);
      else if (const auto* n = std::get_if<std::int64_t>(&row[c]))
        worksheet_write_number(ws, r, c, static_cast<double>(*n), count);
      else worksheet_write_number(ws, r, c, std::get<double>(row[c]), share);
    }
    ++r;
  }
}

}  // namespace

std::string sheetNameOf(const std::string& title) {
  // Excel's rules: at most 31 characters, none of []:*?/\ , not empty. The title's first words
  // ("单位汇总" of "单位汇总 2026-12-01 — 2026-12-07") name the sheet; the period stays in the title.
  std::string name;
  std::size_t characters = 0;
  for (std::size_t i = 0; i < title.size() && characters < 31;) {
    const auto lead = static_cast<unsigned char>(title[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    const std::string ch = title.substr(i, length);
    i += length;
    if (ch == " " || ch == "\xE3\x80\x80") break;  // a space or an ideographic space ends the name
    if (ch.size() == 1 && std::string_view("[]:*?/\\'").find(ch[0]) != std::string_view::npos) continue;
    name += ch;
    ++characters;
  }
  return name.empty() ? "数据" : name;
}

std::string ledgerXlsx(const Ledger& ledger) {
  TempXlsx file;
  lxw_workbook* wb = open(file);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "台账");
  lxw_format* title = format(wb, true, false, nullptr, 16);
  format_set_align(title, LXW_ALIGN_CENTER);
  lxw_format* note = format(wb, false, false);
  lxw_format* head = format(wb, true, true);
  format_set_align(head, LXW_ALIGN_CENTER);
  format_set_bg_color(head, 0xE8EEF7);
  format_set_text_wrap(head);
  lxw_format* textCell = format(wb, false, true);
  format_set_text_wrap(textCell);
  lxw_format* count = format(wb, false, true, "0");
  lxw_format* share = format(wb, false, true, "0.0%");
  lxw_format* boldCount = format(wb, true, true, "0");
  lxw_format* boldShare = format(wb, true, true, "0.0%");
  lxw_format* boldText = format(wb, true, true);

  // Columns: 大厅 编号 承诺 承诺人 类别 岗位 单位 期限 | 好 一般 差 合计 | 满意率 一般及以下占比 | 备注
  // | 其中: 终端 手机扫码 海报扫码 — where the votes were cast, after 备注 so the columns ledgers
  // were read by before channels stay where they were.
  constexpr lxw_col_t kGood = 8, kFair = 9, kPoor = 10, kTotal = 11, kSatisfaction = 12, kFairOrWorse = 13, kNote = 14,
                      kChannel = 15, kLast = kChannel + 2;
  const double widths[] = {12, 10, 36, 12, 8, 14, 18, 8, 8, 8, 8, 9, 10, 14, 24, 8, 9, 9};
  static_assert(std::size(widths) == kLast + 1);
  for (lxw_col_t c = 0; c <= kLast; ++c) worksheet_set_column(ws, c, c, widths[c], nullptr);
  worksheet_merge_range(ws, 0, 0, 0, kLast, ledger.title.c_str(), title);
  worksheet_set_row(ws, 0, 28, nullptr);
  worksheet_merge_range(ws, 1, 0, 1, kLast, ledger.subtitle.c_str(), note);
  worksheet_merge_range(ws, 2, 0, 2, kGood - 1, "承诺信息", head);
  worksheet_merge_range(ws, 2, kGood, 2, kTotal, "评价数（票）", head);
  worksheet_merge_range(ws, 2, kSatisfaction, 2, kFairOrWorse, "比率", head);
  worksheet_merge_range(ws, 2, kChannel, 2, kLast, "其中（票）", head);
  const char* second[] = {"大厅", "编号", "承诺", "承诺人", "类别",           "岗位", "单位", "期限",     "好",
                          "一般", "差",   "合计", "满意率", "一般及以下占比", "备注", "终端", "手机扫码", "海报扫码"};
  static_assert(std::size(second) == kLast + 1);
  for (lxw_col_t c = 0; c <= kLast; ++c) worksheet_write_string(ws, 3, c, second[c], head);
  worksheet_write_blank(ws, 2, kNote, head);
  worksheet_freeze_panes(ws, 4, 0);
  printSetup(ws, 2, 3);

  lxw_row_t r = 4;
  std::int64_t good = 0, fair = 0, poor = 0, hiddenRows = 0;
  std::array<std::int64_t, 3> channels{}, hiddenChannels{};  // added up as good/fair/poor are
  wire::TallyCounts hidden;
  for (const auto& row : ledger.rows) {
    const std::string* texts[] = {&row.hall, &row.commitmentId, &row.title, &row.holder,
                                  &row.kind, &row.post,         &row.unit,  &row.term};
    static_assert(std::size(texts) == kGood);
    for (lxw_col_t c = 0; c < kGood; ++c) worksheet_write_string(ws, r, c, safe(*texts[c]).c_str(), textCell);
    worksheet_write_string(ws, r, kNote, safe(row.note).c_str(), textCell);
    const std::int64_t total = row.good + row.fair + row.poor;
    worksheet_write_number(ws, r, kTotal, static_cast<double>(total), count);
    for (std::size_t i = 0; i < row.byChannel.size(); ++i) {
      worksheet_write_number(ws, r, static_cast<lxw_col_t>(kChannel + i), static_cast<double>(row.byChannel[i]), count);
      (row.hidden ? hiddenChannels : channels)[i] += row.byChannel[i];
    }
    if (row.hidden) {
      for (const lxw_col_t c : {kGood, kFair, kPoor, kSatisfaction, kFairOrWorse})
        worksheet_write_string(ws, r, c, "—", textCell);
    } else {
      worksheet_write_number(ws, r, kGood, static_cast<double>(row.good), count);
      worksheet_write_number(ws, r, kFair, static_cast<double>(row.fair), count);
      worksheet_write_number(ws, r, kPoor, static_cast<double>(row.poor), count);
      if (total > 0) {
        worksheet_write_number(ws, r, kSatisfaction, static_cast<double>(row.good) / static_cast<double>(total), share);
        worksheet_write_number(ws, r, kFairOrWorse,
                               static_cast<double>(row.fair + row.poor) / static_cast<double>(total), share);
      } else {
        worksheet_write_string(ws, r, kSatisfaction, "—", textCell);
        worksheet_write_string(ws, r, kFairOrWorse, "—", textCell);
      }
    }
    if (row.hidden) {
      hidden.good += row.good;
      hidden.fair += row.fair;
      hidden.poor += row.poor;
      ++hiddenRows;
    } else {
      good += row.good;
      fair += row.fair;
      poor += row.poor;
    }
    ++r;
  }
  const bool hiddenApart = hiddenRows > 0 && hidden.total() < ledger.minCount;
  if (!hiddenApart) {
    for (std::size_t i = 0; i < channels.size(); ++i) channels[i] += hiddenChannels[i];
    good += hidden.good;
    fair += hidden.fair;
    poor += hidden.poor;
  }
  // Totals as values, not formulas: what the hub counted, whatever the sheet is later edited to.
  const std::int64_t total = good + fair + poor;
  worksheet_merge_range(ws, r, 0, r, kGood - 1, hiddenApart ? "合计（不含票数不足的项）" : "合计", boldText);
  worksheet_write_number(ws, r, kGood, static_cast<double>(good), boldCount);
  worksheet_write_number(ws, r, kFair, static_cast<double>(fair), boldCount);
  worksheet_write_number(ws, r, kPoor, static_cast<double>(poor), boldCount);
  worksheet_write_number(ws, r, kTotal, static_cast<double>(total), boldCount);
  for (std::size_t i = 0; i < channels.size(); ++i)
    worksheet_write_number(ws, r, static_cast<lxw_col_t>(kChannel + i), static_cast<double>(channels[i]), boldCount);
  if (total > 0) {
    worksheet_write_number(ws, r, kSatisfaction, static_cast<double>(good) / static_cast<double>(total), boldShare);
    worksheet_write_number(ws, r, kFairOrWorse, static_cast<double>(fair + poor) / static_cast<double>(total),
                           boldShare);
  } else {
    worksheet_write_string(ws, r, kSatisfaction, "—", boldText);
    worksheet_write_string(ws, r, kFairOrWorse, "—", boldText);
  }
  if (hiddenApart) {
    ++r;
    const std::string apart = "另有票数不足 " + std::to_string(ledger.minCount) + " 票的 " +
                              std::to_string(hiddenRows) + " 项共 " + std::to_string(hidden.total()) +
                              " 票，为保护评价人不列评价结果，不计入合计";
    worksheet_merge_range(ws, r, 0, r, kLast, apart.c_str(), note);
  }
  r += 2;
  const std::string footer = "单位负责人：____________    填表人：____________    报出日期：" + ledger.reportDate;
  worksheet_merge_range(ws, r, 0, r, kLast, footer.c_str(), note);
  for (const auto& [name, sheet] : ledger.sheets) writeTableSheet(wb, name, sheet);
  return finish(wb, file);
}

std::string tableXlsx(const SheetTable& table) {
  TempXlsx file;
  lxw_workbook* wb = open(file);
  writeTableSheet(wb, sheetNameOf(table.title), table);
  return finish(wb, file);
}

std::string listTemplateXlsx(const ListTemplate& t) {
  TempXlsx file;
  lxw_workbook* wb = open(file);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "承诺清单");
  lxw_format* head = format(wb, true, true);
  lxw_format* text = format(wb, false, false, "@");  // text cells: Excel keeps 2026-01-01 and 007 as typed
  const struct {
    const char* title;
    double width;
  } columns[] = {{"编号", 12}, {"承诺人", 14},   {"类型", 10},     {"岗位", 18},     {"单位", 18},
                 {"期限", 8},  {"承诺标题", 30}, {"承诺内容", 60}, {"开始日期", 12}, {"结束日期", 12},
                 {"照片", 16}, {"群众意见", 14}};  // accepted suggestions' numbers (console 征求意见), 12、15
  for (lxw_col_t c = 0; c < std::size(columns); ++c) {
    worksheet_set_column(ws, c, c, columns[c].width, text);
    worksheet_write_string(ws, 0, c, columns[c].title, head);
  }
  worksheet_freeze_panes(ws, 1, 0);
  for (lxw_row_t r = 0; r < t.examples.size(); ++r)
    for (lxw_col_t c = 0; c < t.examples[r].size() && c < std::size(columns); ++c)
      worksheet_write_string(ws, r + 1, c, safe(t.examples[r][c]).c_str(), text);
  // Drop-downs: only the words the list format knows, so a typo cannot reach the upload.
  const auto dropDown = [&](lxw_col_t column, const std::vector<std::string>& values, const char* what) {
    // libxlsxwriter's API takes char** but only reads the strings.
    std::vector<char*> items;
    for (const auto& v : values) items.push_back(const_cast<char*>(v.c_str()));
    items.push_back(nullptr);
    lxw_data_validation validation{};
    validation.validate = LXW_VALIDATION_TYPE_LIST;
    validation.value_list = items.data();
    validation.show_error = LXW_VALIDATION_ON;
    validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    const std::string message = std::string("请从下拉列表中选择") + what;
    validation.error_title = const_cast<char*>("输入有误");
    validation.error_message = const_cast<char*>(message.c_str());
    worksheet_data_validation_range(ws, 1, column, t.rows - 1, column, &validation);  // rows 2..t.rows
  };
  dropDown(2, t.kinds, "类型");
  dropDown(5, t.terms, "期限");
  // The reasons residents pick after 差: kept with the list, so a list made here asks them too.
  lxw_worksheet* rs = workbook_add_worksheet(wb, "差评原因");
  worksheet_set_column(rs, 0, 0, 16, text);
  worksheet_set_column(rs, 1, 1, 30, text);
  worksheet_write_string(rs, 0, 0, "代码", head);
  worksheet_write_string(rs, 0, 1, "原因", head);
  worksheet_freeze_panes(rs, 1, 0);
  for (lxw_row_t r = 0; r < t.reasons.size(); ++r) {
    worksheet_write_string(rs, r + 1, 0, safe(t.reasons[r].first).c_str(), text);
    worksheet_write_string(rs, r + 1, 1, safe(t.reasons[r].second).c_str(), text);
  }
  return finish(wb, file);
}

std::string tableCsv(const SheetTable& table) {
  std::string out(common::kUtf8Bom);
  const auto line = [&](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + common::csvField(fields[i]);
    out += "\r\n";
  };
  line(table.headers);
  for (const auto& row : table.rows) {
    std::vector<std::string> fields;
    for (const auto& cell : row) {
      if (const auto* s = std::get_if<std::string>(&cell)) fields.push_back(*s);
      else if (const auto* n = std::get_if<std::int64_t>(&cell)) fields.push_back(std::to_string(*n));
      else fields.push_back(common::csvPercent(std::get<double>(cell)));
    }
    line(fields);
  }
  return out;
}

}  // namespace hub
