// The list builder on an .xlsx workbook as Excel, WPS and openpyxl write it (shared and inline
// strings, numbers, dates as serial numbers), bad cells named by row and column letter, and files
// that are no workbook at all: not a ZIP, a ZIP without a worksheet, a "zip bomb".
#include <doctest/doctest.h>

#include "hub_process.hpp"
#include "list_sheet/list_sheet.hpp"
#include "temp_dir.hpp"
#include "wire/commitment_list.hpp"

using list_sheet::CsvError;

namespace {

const list_sheet::ListHeader kHeader{"zibo-zhangdian", "hall-01", 9, "党员公开承诺", "2026-11-26T08:00:00+08:00", {},
                                     std::nullopt};

// A workbook made by openpyxl (Debian's python3-openpyxl): `rows` is a Python literal.
// With `reasons`, a second sheet named 差评原因 holds those rows.
std::string workbook(const testing::TempDir& dir, const std::string& rows, const std::string& reasons = "") {
  const auto file = dir / "list.xlsx";
  const std::string script =
      "import datetime, openpyxl, sys\n"
      "wb = openpyxl.Workbook(); ws = wb.active\n"
      "for row in " +
      rows + ":\n    ws.append(row)\n" +
      (reasons.empty() ? "" : "rs = wb.create_sheet('差评原因')\nfor row in " + reasons + ":\n    rs.append(row)\n") +
      "wb.save(sys.argv[1])\n";
  testing::writeFile(dir / "make.py", script);
  REQUIRE(testing::run("/usr/bin/python3 " + (dir / "make.py").string() + " " + file.string()).status == 0);
  return testing::readFile(file);
}

const std::string kColumns =
    "['编号', '承诺人', '类型', '岗位', '单位', '期限', '承诺标题', '承诺内容', '开始日期', '结束日期']";

std::string errorOf(const std::string& xlsx) {
  try {
    list_sheet::buildListFromXlsx(xlsx, kHeader);
  } catch (const CsvError& e) {
    return e.what();
  }
  FAIL("workbook accepted");
  return "";
}

}  // namespace

TEST_CASE("a workbook with Chinese columns and values, numbers and real dates becomes the list") {
  testing::TempDir dir;
  const std::string xlsx = workbook(
      dir,
      "[" + kColumns +
          ", ['c-0001', '王丽', '党员', '社保窗口 3 号', '区人社局', '年度', '社保业务一次办好', '材料齐全当场办结', "
          "datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)],"
          " [], ['c-0002', '第一服务队', '服务队', None, '区医保局', '长远', '异地就医备案即时办理', "
          "'线上线下同时受理', "
          "'2026-01-01', '2026/12/31']]");
  const auto list = wire::parseCommitmentList(list_sheet::buildListFromXlsx(xlsx, kHeader));
  REQUIRE(list.commitments.size() == 2);
  CHECK(list.commitments[0].holder.name == "王丽");
  CHECK(list.commitments[0].holder.post == "社保窗口 3 号");
  CHECK(list.commitments[0].valid_from == "2026-01-01");
  CHECK(list.commitments[0].valid_to == "2026-12-31");
  CHECK(list.commitments[1].holder.kind == wire::HolderKind::Team);
  CHECK(list.commitments[1].valid_to == "2026-12-31");
  CHECK(list.version == 9);
}

TEST_CASE("a bad cell is named by its row and column letter") {
  testing::TempDir dir;
  const std::string unknownKind = workbook(
      dir, "[" + kColumns +
               ", ['c-0001', '王丽', '党员', None, None, '年度', '标题', '内容', '2026-01-01', '2026-12-31'],"
               " ['c-0002', '李强', '外星人', None, None, '年度', '标题', '内容', '2026-01-01', '2026-12-31']]");
  const std::string what = errorOf(unknownKind);
  CHECK(what.find("row 3, column C (类型)") != std::string::npos);
  CHECK(what.find("外星人") != std::string::npos);
  const std::string badDate = workbook(
      dir, "[" + kColumns + ", ['c-0001', '王丽', '党员', None, None, '年度', '标题', '内容', '2026-01-01', '明年']]");
  CHECK(errorOf(badDate).find("row 2, column J (结束日期)") != std::string::npos);
  const std::string unknownColumn = workbook(dir, "[['编号', '备注']]");
  CHECK(errorOf(unknownColumn).find("row 1, column B") != std::string::npos);
}

TEST_CASE("files that are no workbook are refused with what they are") {
  testing::TempDir dir;
  CHECK(errorOf("编号,承诺人\r\nc-0001,王丽\r\n").find("not a ZIP archive") != std::string::npos);
  CHECK(errorOf("").find("not a ZIP archive") != std::string::npos);
  // A ZIP that is not a workbook.
  testing::writeFile(dir / "zip.py",
                     "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w')\nz.writestr('readme.txt', 'hi')\n");
  REQUIRE(testing::run("/usr/bin/python3 " + (dir / "zip.py").string() + " " + (dir / "a.zip").string()).status == 0);
  CHECK(errorOf(testing::readFile(dir / "a.zip")).find("no first worksheet") != std::string::npos);
  // A zip bomb: 200 MB of one byte, compressed to a few hundred KB, where the worksheet should be.
  testing::writeFile(dir / "bomb.py",
                     "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\n"
                     "z.writestr('xl/worksheets/sheet1.xml', b'<' * (200 << 20))\n");
  REQUIRE(testing::run("/usr/bin/python3 " + (dir / "bomb.py").string() + " " + (dir / "bomb.xlsx").string()).status ==
          0);
  const std::string bomb = testing::readFile(dir / "bomb.xlsx");
  CHECK(bomb.size() < 2'000'000);
  CHECK(errorOf(bomb).find("expands to more than 16 MB") != std::string::npos);
  // Broken XML inside an otherwise fine workbook.
  testing::writeFile(dir / "xml.py",
                     "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w')\n"
                     "z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row>')\n");
  REQUIRE(testing::run("/usr/bin/python3 " + (dir / "xml.py").string() + " " + (dir / "x.xlsx").string()).status == 0);
  CHECK(errorOf(testing::readFile(dir / "x.xlsx")).find("not valid XML") != std::string::npos);
  // Problems found inside expat's callbacks (a cell past the last column, a shared string the
  // workbook does not have) stop the parser and come out whole; under ASan the leak check fails
  // if the parser was left mid-parse (the fuzzer found that once: tests/fuzz/corpus/fuzz_xlsx_list).
  testing::writeFile(dir / "cells.py",
                     "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w')\n"
                     "z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r=\"1\">"
                     "<c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c><c r=\"' + sys.argv[2] + "
                     "'1\" t=\"' + sys.argv[3] + '\"><v>7</v></c></row></sheetData></worksheet>')\n");
  const auto cells = [&](const std::string& column, const std::string& type) {
    REQUIRE(testing::run("/usr/bin/python3 " + (dir / "cells.py").string() + " " + (dir / "c.xlsx").string() + " " +
                         column + " " + type)
                .status == 0);
    return errorOf(testing::readFile(dir / "c.xlsx"));
  };
  CHECK(cells("HC", "n").find("more than 64 columns") != std::string::npos);
  CHECK(cells("B", "s").find("shared string the workbook does not have") != std::string::npos);
  // A small workbook naming the last column in each of 100,000 rows: refused at the row past what a
  // list holds, instead of 100,000 x 64 cells in memory. Empty cells (formatted rows) are not rows.
  testing::writeFile(
      dir / "rows.py",
      "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\n"
      "rows = ''.join('<row r=\"%d\"><c r=\"A%d\" s=\"1\"/><c r=\"BL%d\"><v>7</v></c></row>' % (i, i, i)"
      " for i in range(1, 100001))\n"
      "z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData>' + rows + '</sheetData></worksheet>')\n");
  REQUIRE(testing::run("/usr/bin/python3 " + (dir / "rows.py").string() + " " + (dir / "r.xlsx").string()).status == 0);
  const std::string rowsBomb = testing::readFile(dir / "r.xlsx");
  CHECK(rowsBomb.size() < 1'000'000);
  CHECK(errorOf(rowsBomb).find("more rows than a list can hold (5000 commitments)") != std::string::npos);
}

TEST_CASE("a 差评原因 sheet gives the list its reasons, a bad one is named by row and column") {
  testing::TempDir dir;
  const std::string rows =
      "[" + kColumns + ", ['c-0001', '王丽', '党员', None, None, '年度', '标题', '内容', '2026-01-01', '2026-12-31']]";
  list_sheet::ListHeader carried = kHeader;
  carried.reasons = {{"attitude", "服务态度差"}};
  // Without the sheet the caller's reasons carry over; with it, the sheet's replace them.
  CHECK(wire::parseCommitmentList(list_sheet::buildListFromXlsx(workbook(dir, rows), carried)).reasons.size() == 1);
  const auto withSheet = wire::parseCommitmentList(list_sheet::buildListFromXlsx(
      workbook(dir, rows, "[['原因', '代码'], ['办事效率低', 'slow'], [], ['服务态度不好', ' attitude ']]"), carried));
  REQUIRE(withSheet.reasons.size() == 2);
  CHECK(withSheet.reasons[0].code == "slow");
  CHECK(withSheet.reasons[0].label == "办事效率低");
  CHECK(withSheet.reasons[1].code == "attitude");
  CHECK(withSheet.reasons[1].label == "服务态度不好");

  const auto reasonsError = [&](const std::string& reasons) { return errorOf(workbook(dir, rows, reasons)); };
  CHECK(
      reasonsError("[['代码', '原因'], ['slow', '办事效率低'], ['慢', '太慢']]").find("row 3, column 差评原因 代码") !=
      std::string::npos);
  CHECK(reasonsError("[['代码', '原因'], ['slow', None]]").find("column 差评原因 原因") != std::string::npos);
  CHECK(reasonsError("[['代码', '原因'], ['slow', '慢'], ['slow', '很慢']]").find("already used") != std::string::npos);
  CHECK(reasonsError("[['代码', '原因']]").find("names no reason") != std::string::npos);
  CHECK(reasonsError("[['编号', '说明'], ['slow', '慢']]").find("代码 and 原因") != std::string::npos);
}
