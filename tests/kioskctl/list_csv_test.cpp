// kioskctl's CSV builder: the example file, UTF-8 with and without BOM, GB18030 as Excel/WPS save
// it, quoted fields, and bad rows named by CSV line and column.
#include <doctest/doctest.h>

#include "gb18030.hpp"
#include "list_sheet/list_sheet.hpp"
#include "temp_dir.hpp"

using list_sheet::buildListFromCsv;
using list_sheet::CsvError;

namespace {

const list_sheet::ListHeader kHeader{
    "zibo-zhangdian", "hall-01", 8, "党员公开承诺", "2026-11-21T08:00:00+08:00", {{"not_kept", "承诺未兑现"}},
    std::nullopt};

CsvError errorOf(const std::string& csv) {
  try {
    buildListFromCsv(csv, kHeader);
  } catch (const CsvError& e) {
    return e;
  }
  FAIL("CSV accepted");
  return CsvError(0, "", "");
}

const std::string kHead = "编号,承诺人,类型,岗位,单位,期限,承诺标题,承诺内容,开始日期,结束日期\n";

}  // namespace

TEST_CASE("the shipped example CSV (UTF-8 with BOM, Chinese headers) builds a valid list") {
  const auto csv = testing::readFile(testing::sourceRoot() / "config/demo/commitments-example.csv");
  REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
  const auto list = wire::parseCommitmentList(buildListFromCsv(csv, kHeader));
  CHECK(list.commitments.size() == 8);
  CHECK(list.commitments[0].holder.kind == wire::HolderKind::Person);
  CHECK(list.commitments[1].valid_from == "2026-01-01");  // written 2026/1/1 as Excel does
  CHECK(list.version == 8);
  CHECK(list.reasons.at(0).label == "承诺未兑现");
}

TEST_CASE("the same rows in GB18030, as Excel and WPS save CSV on Chinese Windows") {
  const std::string utf8 =
      kHead +
      "c-1,王丽,党员,社保窗口 3 号,区人社局,年度,\"社保业务, 一次办好\",\"说\"\"到\"\"做到\",2026-01-01,2026-12-31\n";
  const auto list = wire::parseCommitmentList(buildListFromCsv(testing::toGb18030(utf8), kHeader));
  REQUIRE(list.commitments.size() == 1);
  CHECK(list.commitments[0].holder.name == "王丽");
  CHECK(list.commitments[0].title == "社保业务, 一次办好");
  CHECK(list.commitments[0].text == "说\"到\"做到");
}

TEST_CASE("English headers and values, LF or CRLF, blank lines") {
  const std::string csv =
      "id,holder_name,holder_kind,term,title,text,valid_from,valid_to\r\n\r\n"
      "c-1,Window 3,post,immediate,Same-day,\"two\r\nlines\",2026-01-01,2026-12-31\r\n";
  const auto list = wire::parseCommitmentList(buildListFromCsv(csv, kHeader));
  CHECK(list.commitments.at(0).holder.kind == wire::HolderKind::Post);
  CHECK(list.commitments.at(0).text == "two\r\nlines");
}

TEST_CASE("dates as people write them in a sheet: 2026年12月31日, 2026/12/31, 2026.1.1") {
  const std::string csv =
      "id,holder_name,holder_kind,term,title,text,valid_from,valid_to\n"
      "c-1,窗口3,post,immediate,当日办结,当日办结,2026.1.1,2026年12月31日\n"
      "c-2,窗口4,post,immediate,一次告知,一次告知,2026/01/01,２０２６年６月３０日\n";
  const auto list = wire::parseCommitmentList(buildListFromCsv(csv, kHeader));
  CHECK(list.commitments.at(0).valid_from == "2026-01-01");
  CHECK(list.commitments.at(0).valid_to == "2026-12-31");
  CHECK(list.commitments.at(1).valid_to == "2026-06-30");
}

TEST_CASE("bad rows are named by line and column") {
  auto e = errorOf(kHead + "c-1,王丽,党员,,,年度,标题,内容,2026-01-01,2026-12-31\n" +
                   "c-2,李明,外星人,,,年度,标题,内容,2026-01-01,2026-12-31\n");
  CHECK(e.line() == 3);
  CHECK(e.column() == "3 (类型)");
  CHECK(std::string(e.what()).find("unknown value \"外星人\"") != std::string::npos);

  e = errorOf(kHead + "c-1,王丽,党员,,,年度,标题,内容,2026-13-01,2026-12-31\n");
  CHECK(e.line() == 2);
  CHECK(e.column() == "9 (开始日期)");

  e = errorOf(kHead + "c-1,王丽,党员,,,年度,,内容,2026-01-01,2026-12-31\n");
  CHECK(e.column() == "7 (承诺标题)");  // an empty required value: named by its column
  CHECK(e.line() == 2);

  e = errorOf(kHead + "c-1,王丽,党员,,,年度,标题,内容,2026-01-01\n");
  CHECK(e.line() == 2);
  CHECK(std::string(e.what()).find("has 9 fields, the header has 10") != std::string::npos);

  e = errorOf(
      kHead +
      "c-1,王丽,党员,,,年度,标题,内容,2026-01-01,2026-12-31\nc-1,李明,党员,,,年度,标题,内容,2026-01-01,2026-12-31\n");
  CHECK(e.line() == 3);
  CHECK(std::string(e.what()).find("duplicates id") != std::string::npos);

  e = errorOf("编号,颜色\nc-1,red\n");
  CHECK(e.line() == 1);
  CHECK(e.column() == "2");

  e = errorOf(kHead + "c-1,\"王丽,党员\n");
  CHECK(std::string(e.what()).find("never closed") != std::string::npos);

  CHECK(errorOf("").line() == 1);
  CHECK(std::string(errorOf(std::string("\x81\x30\xff\xff,\n", 6)).what()).find("neither UTF-8 nor GB18030") !=
        std::string::npos);
}

TEST_CASE("a sheet past what a list can hold is refused where it passes, blank lines costing nothing") {
  std::string row = "c-1,王丽,党员,,,年度,标题,内容,2026-01-01,2026-12-31\n";
  // 4 MB of line breaks after one commitment: blank, so not kept, and the list is built.
  const auto list = wire::parseCommitmentList(buildListFromCsv(kHead + row + std::string(4'000'000, '\n'), kHeader));
  CHECK(list.commitments.size() == 1);
  // A line of commas: refused at its 64th field, not after a million.
  auto e = errorOf(kHead + std::string(1'000'000, ',') + "\n");
  CHECK(e.line() == 2);
  CHECK(std::string(e.what()).find("more than 64 fields") != std::string::npos);
  // One row more than a list's 5,000 commitments (rows of empty fields count: they are not blank).
  std::string many = kHead;
  for (int i = 0; i < 5'001; ++i) many += ",,,,,,,,,\n";
  e = errorOf(many);
  CHECK(e.line() == 5'002);
  CHECK(std::string(e.what()).find("5000 commitments") != std::string::npos);
}

TEST_CASE("a GB18030 sheet whose only Chinese happens to look like UTF-8 (联通) is still read as GB18030") {
  const std::string utf8 =
      "id,holder_name,holder_kind,holder_post,holder_unit,term,title,text,valid_from,valid_to\n"
      "c-1,联通,unit,,,annual,ok,ok,2026-01-01,2026-12-31\n";
  const std::string gbk = testing::toGb18030(utf8);
  REQUIRE(gbk.find("\xC1\xAA\xCD\xA8") != std::string::npos);  // 联通 in GBK: C1 is never a UTF-8 lead byte
  const auto list = wire::parseCommitmentList(buildListFromCsv(gbk, kHeader));
  CHECK(list.commitments.at(0).holder.name == "联通");
}

TEST_CASE("a sheet with mistakes in several rows names every one of them at once") {
  const auto e = errorOf(kHead +
                         "c-1,王丽,党员,,区人社局,年度,社保窗口,一次办结,2026-01-01,2026-12-31\n"
                         "c-2,李强,外星人,,区医保局,年度,医保窗口,当日办结,2026-01-01,2026-12-31\n"
                         "c-3,赵敏,党员,,区税务局,永远,办税窗口,限时办结,2026-01-01,2026-12-31\n"
                         "c-4,孙丽,党员,,区市场监管局,年度,,材料一次告知,2026-01-01,2026-12-31\n");
  REQUIRE(e.mistakes().size() == 3);
  CHECK(e.mistakes()[0].find("line 3, column 3 (类型)") != std::string::npos);
  CHECK(e.mistakes()[1].find("line 4, column 6 (期限)") != std::string::npos);
  CHECK(e.mistakes()[2].find("line 5, column 7 (承诺标题)") != std::string::npos);
  CHECK(e.line() == 3);  // the first one's
  CHECK(std::string(e.what()).find("line 5") != std::string::npos);
}

TEST_CASE("past the listed maximum the rest of a sheet's mistakes are counted, not listed") {
  std::string csv = kHead;
  for (std::size_t i = 0; i < list_sheet::kMaxMistakesListed + 7; ++i)
    csv += "c-" + std::to_string(i) + ",王丽,外星人,,区人社局,年度,社保窗口,一次办结,2026-01-01,2026-12-31\n";
  const auto e = errorOf(csv);
  REQUIRE(e.mistakes().size() == list_sheet::kMaxMistakesListed + 1);
  CHECK(e.mistakes().back() == "… 7 more");
}

TEST_CASE("a published list written back as sheet rows builds the same commitments, every kind and term") {
  wire::CommitmentList published;
  const auto add = [&](std::string id, wire::HolderKind kind, wire::Term term, std::string post, std::string photo) {
    wire::Commitment c;
    c.id = std::move(id);
    c.holder = {"承诺人" + c.id, kind, std::move(post), "区人社局"};
    c.term = term;
    c.title = "标题，带逗号和\"引号\"";
    c.text = "第一行\n第二行";
    c.valid_from = "2027-01-01";
    c.valid_to = "2027-12-31";
    if (!photo.empty()) c.photo = std::move(photo);
    published.commitments.push_back(std::move(c));
  };
  add("c-1", wire::HolderKind::Person, wire::Term::Annual, "窗口 1 号", "wang.jpg");
  add("c-2", wire::HolderKind::Post, wire::Term::LongTerm, "", "");
  add("c-3", wire::HolderKind::Team, wire::Term::Immediate, "", "");
  add("c-4", wire::HolderKind::Unit, wire::Term::Annual, "", "");
  add("c-5", wire::HolderKind::Trade, wire::Term::Annual, "", "");
  published.commitments[0].answers = {{12, "周末也能办"}, {15, "材料清单贴出来"}};
  // The rows as CSV under the template's own header, as Excel would save the downloaded sheet.
  std::string csv;
  const auto line = [&](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      std::string quoted = "\"";
      for (const char ch : fields[i]) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      csv += (i ? "," : "") + quoted + "\"";
    }
    csv += "\r\n";
  };
  std::vector<std::string> head;
  for (const auto column : list_sheet::kSheetColumns) head.emplace_back(column);
  line(head);
  for (const auto& row : list_sheet::sheetRowsOf(published)) {
    CHECK(row.size() == head.size());
    line(row);
  }
  auto header = kHeader;
  header.citable = {{12, "周末也能办"}, {15, "材料清单贴出来"}};
  const auto rebuilt = wire::parseCommitmentList(buildListFromCsv(csv, header));
  REQUIRE(rebuilt.commitments.size() == published.commitments.size());
  for (std::size_t i = 0; i < published.commitments.size(); ++i) {
    const auto& a = published.commitments[i];
    const auto& b = rebuilt.commitments[i];
    CAPTURE(a.id);
    CHECK(b.id == a.id);
    CHECK(b.holder.name == a.holder.name);
    CHECK(b.holder.kind == a.holder.kind);
    CHECK(b.holder.post == a.holder.post);
    CHECK(b.holder.unit == a.holder.unit);
    CHECK(b.term == a.term);
    CHECK(b.title == a.title);
    CHECK(b.text == a.text);
    CHECK(b.valid_from == a.valid_from);
    CHECK(b.valid_to == a.valid_to);
    CHECK(b.photo == a.photo);
    REQUIRE(b.answers.size() == a.answers.size());
    for (std::size_t k = 0; k < a.answers.size(); ++k) {
      CHECK(b.answers[k].number == a.answers[k].number);
      CHECK(b.answers[k].text == a.answers[k].text);
    }
  }
}

TEST_CASE("the 群众意见 column cites accepted suggestions by number, and names any it cannot") {
  const std::string head = "编号,承诺人,类型,单位,期限,承诺标题,承诺内容,开始日期,结束日期,群众意见\n";
  const std::string row1 = "c-1,王丽,党员,区人社局,年度,社保窗口,一次办结,2026-01-01,2026-12-31,";
  const std::string row2 = "c-2,李强,党员,区医保局,年度,医保窗口,当日办结,2026-01-01,2026-12-31,";
  auto header = kHeader;
  header.citable = {{12, "周末也能办社保"}, {15, "医保窗口多开一个"}};

  SUBCASE("numbers written as people write them resolve to the accepted texts, in order") {
    const auto list =
        wire::parseCommitmentList(buildListFromCsv(head + row1 + "\"意见15、12\"\n" + row2 + "\n", header));
    REQUIRE(list.commitments[0].answers.size() == 2);
    CHECK(list.commitments[0].answers[0].number == 15);
    CHECK(list.commitments[0].answers[0].text == "医保窗口多开一个");
    CHECK(list.commitments[0].answers[1].text == "周末也能办社保");
    CHECK(list.commitments[1].answers.empty());
  }
  SUBCASE("a number not accepted in this hall, and a word that is no number, are each named by row") {
    try {
      buildListFromCsv(head + row1 + "13\n" + row2 + "\"12，很多\"\n", header);
      FAIL("cited an unknown suggestion");
    } catch (const CsvError& e) {
      REQUIRE(e.mistakes().size() == 2);
      CHECK(e.mistakes()[0] ==
            "line 2, column 10 (群众意见): cites suggestion 13, which is not an accepted suggestion of this hall");
      CHECK(e.mistakes()[1] == "line 3, column 10 (群众意见): \"很多\" is not a suggestion number");
    }
  }
  SUBCASE("offline (kioskctl) nothing can be cited, and the sheet says where to do it") {
    try {
      buildListFromCsv(head + row1 + "12\n", kHeader);
      FAIL("cited without the hub");
    } catch (const CsvError& e) {
      CHECK(std::string(e.what()).find("hub's console") != std::string::npos);
    }
    // An empty column is no citation: the template's sheets build offline as before.
    CHECK_NOTHROW(buildListFromCsv(head + row1 + "\n", kHeader));
  }
  SUBCASE("more than a commitment may cite is refused in its cell") {
    for (std::int64_t n = 20; n < 26; ++n) header.citable->emplace(n, "意见" + std::to_string(n));
    try {
      buildListFromCsv(head + row1 + "20、21、22、23、24、25\n", header);
      FAIL("six citations accepted");
    } catch (const CsvError& e) {
      CHECK(e.mistakes().at(0).find("column 10 (群众意见)") != std::string::npos);
    }
  }
}
