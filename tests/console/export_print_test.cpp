// The exports as they are printed and filed: every sheet of the ledger prints on A4 landscape with
// its header repeated and page numbers at the foot, a one-table export names its sheet after what
// it holds (never "表"), numbers are numbers (a clock offset of -40 s is the number -40, not the text
// "'-40 s"), and the print view has a 打印 button that only shows when it works.
#include <doctest/doctest.h>

#include "console_fixture.hpp"
#include "hub/export/xlsx_book.hpp"
#include "hub_process.hpp"
#include "temp_dir.hpp"
#include "wire/heartbeat.hpp"

using testing::ConsoleFixture;

namespace {

// One line per sheet with its print setup, then its rows: what openpyxl (as Excel) reads.
std::string printSetupOf(const std::string& bytes) {
  return testing::readXlsx(
      bytes,
      "import openpyxl,sys\n"
      "wb = openpyxl.load_workbook(sys.argv[1])\n"
      "for ws in wb:\n"
      "  print('== %s|%s|%s|%s|%s' % (ws.title, ws.page_setup.orientation, ws.page_setup.paperSize,\n"
      "        ws.print_title_rows, ws.oddFooter.center.text))\n"
      "  for r in ws.iter_rows(values_only=True): print('|'.join('' if v is None else "
      "type(v).__name__ + ':' + str(v) for v in r))");
}

}  // namespace

TEST_CASE("every sheet of the ledger prints on A4 landscape with its header repeated and page numbers") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const auto xlsx = admin.get("/console/commitments?from=2026-11-01&to=2026-11-30&format=xlsx");
  REQUIRE(xlsx.status == 200);
  const std::string book = printSetupOf(xlsx.body);
  CAPTURE(book);
  CHECK(book.find("== 台账|landscape|9|$3:$4|第 &P 页，共 &N 页") != std::string::npos);
  for (const std::string sheet : {"单位汇总", "整改案件", "领导点评"})
    CHECK(book.find("== " + sheet + "|landscape|9|$2:$2|第 &P 页，共 &N 页") != std::string::npos);
  // 类别 and 岗位 beside the holder.
  CHECK(book.find("str:承诺人|str:类别|str:岗位|str:单位") != std::string::npos);
}

TEST_CASE("a one-table export names its sheet after its title and keeps numbers as numbers") {
  ConsoleFixture f;
  wire::Heartbeat hb;
  f.store->heartbeat("hall-01-k1", "hall-01", wire::encodeHeartbeat(hb), f.now - 10, -40);
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string book = printSetupOf(admin.get("/console/kiosks?format=xlsx").body);
  CAPTURE(book);
  CHECK(book.find("== 终端状态|landscape|9|$2:$2|") != std::string::npos);
  CHECK(book.find("== 表|") == std::string::npos);
  CHECK(book.find("str:时钟偏差（秒）") != std::string::npos);
  CHECK(book.find("|int:-40|") != std::string::npos);
  CHECK(book.find("'-40") == std::string::npos);
  CHECK(book.find("str:hall-01-k1|str:hall-01|") != std::string::npos);  // no display name set: the id

  f.halls->name("hall-01", "示范街道党群服务中心", 1, f.now);
  const std::string named = printSetupOf(admin.get("/console/kiosks?format=xlsx").body);
  CHECK(named.find("str:hall-01-k1|str:示范街道党群服务中心|") != std::string::npos);
}

TEST_CASE("a sheet's name is its title's first words, as Excel allows") {
  CHECK(hub::sheetNameOf("终端状态") == "终端状态");
  CHECK(hub::sheetNameOf("单位汇总 2026-12-01 — 2026-12-07") == "单位汇总");
  CHECK(hub::sheetNameOf("审计日志　全部") == "审计日志");
  CHECK(hub::sheetNameOf("a[b]:c*d?e/f\\g'h") == "abcdefgh");
  CHECK(hub::sheetNameOf("") == "数据");
  CHECK(hub::sheetNameOf("???") == "数据");
  std::string longTitle;
  for (int i = 0; i < 40; ++i) longTitle += "承";
  std::string thirtyOne;
  for (int i = 0; i < 31; ++i) thirtyOne += "承";
  CHECK(hub::sheetNameOf(longTitle) == thirtyOne);
}

TEST_CASE("the print view has a 打印 button that the script shows, and prints without the menu") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string page = admin.get("/console/commitments?from=2026-11-01&to=2026-11-30&view=print").body;
  // Hidden in the page: without the script it would do nothing, so it shows only when the script runs.
  CHECK(page.find("<button type=\"button\" class=\"print-button\" data-print hidden>打印</button>") !=
        std::string::npos);
  CHECK(page.find("<th>类别</th><th>岗位</th>") != std::string::npos);
  const auto at = page.find("/console/static/picker.js?v=");
  REQUIRE(at != std::string::npos);
  const std::string script = admin.get(page.substr(at, page.find('"', at) - at)).body;
  CHECK(script.find("button[data-print]") != std::string::npos);
  CHECK(script.find("window.print()") != std::string::npos);
  const std::string css = admin.get("/console/static/console.css").body;
  CHECK(css.find(".print-bar, script { display: none; }") != std::string::npos);
}
