// 承诺清单 in the console: versions with their publisher, a diff of any two, and publishing from a
// spreadsheet — a GB18030 CSV with a mistake named by line and column, fixed, previewed, signed
// offline (here with the trusted key, as `kioskctl list sign` would), published as the administrator;
// a signed file that is not the previewed one, bad files and staff all refused with nothing stored.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "console_fixture.hpp"
#include "gb18030.hpp"
#include "hub/core/principal.hpp"
#include "hub/core/request_decoding.hpp"
#include "hub/export/xlsx_book.hpp"
#include "hub/store/tally_queries.hpp"
#include "hub_process.hpp"
#include "wire/signed_list.hpp"

using testing::ConsoleFixture;
using testing::header;
using Part = ConsoleFixture::Browser::Part;

namespace {

const std::string kHeaderRow = "编号,承诺人,类型,岗位,单位,期限,承诺标题,承诺内容,开始日期,结束日期\r\n";
const std::string kWang =
    "c-0101,王丽,党员,窗口 2 号,区人社局,年度,社保业务一次办好,材料齐全当场办结,2027/1/1,2027/12/31\r\n";

std::vector<Part> draftForm(const std::string& csrf, const std::string& fileName, const std::string& content,
                            const std::string& version = "2") {
  return {{"csrf", csrf},
          {"step", "draft"},
          {"hall", "hall-01"},
          {"version", version},
          {"title", "2027 年党员公开承诺"},
          {"file", content, true, fileName}};
}

std::int64_t draftIdOf(const hub::Response& r) {
  const std::string location = header(r, "Location");
  const auto at = location.find("id=");
  REQUIRE(at != std::string::npos);
  return std::stoll(location.substr(at + 3));
}

}  // namespace

TEST_CASE("an administrator publishes next year's list from a GB18030 CSV: error, fix, preview, sign, publish") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string csrf = admin.csrf();
  auto page = admin.get("/console/admin/lists?hall=hall-01");
  REQUIRE(page.status == 200);
  CHECK(page.body.find("党员公开承诺") != std::string::npos);
  CHECK(page.body.find("value=\"2\"") != std::string::npos);  // the next version, proposed

  // A mistake on line 3 (the second commitment's kind): named, nothing kept.
  const std::string wrong =
      kHeaderRow + kWang + "c-0102,李强,外星人,,区医保局,长远,医保异地备案,当日办结,2027-01-01,2027-12-31\r\n";
  const auto refused =
      admin.upload("/console/admin/lists/upload", draftForm(csrf, "清单.csv", testing::toGb18030(wrong)));
  CHECK(refused.status == 422);
  CHECK(
      refused.body.find("第 3 行「类型」列：“外星人”无法识别，请从下拉列表中选择：党员, 示范岗, 服务队, 单位, 行业") !=
      std::string::npos);
  CHECK_FALSE(f.drafts->get(1));

  const std::string fixed =
      kHeaderRow + kWang + "c-0102,李强,党员,,区医保局,长远,医保异地备案,当日办结,2027-01-01,2027-12-31\r\n";
  const auto uploaded =
      admin.upload("/console/admin/lists/upload", draftForm(csrf, "清单.csv", testing::toGb18030(fixed)));
  REQUIRE(uploaded.status == 303);
  const std::int64_t id = draftIdOf(uploaded);
  const auto preview = admin.get("/console/admin/lists/draft?id=" + std::to_string(id));
  REQUIRE(preview.status == 200);
  CHECK(preview.body.find("李强") != std::string::npos);                             // the cards
  CHECK(preview.body.find("新增 1 项，删除 0 项，修改 1 项") != std::string::npos);  // against version 1
  CHECK(preview.body.find("窗口 1 号") != std::string::npos);                        // c-0101's post, before …
  CHECK(preview.body.find("窗口 2 号") != std::string::npos);                        // … and after

  // Download the unsigned list, sign it offline, upload the signed file: published as admin.
  const auto unsigned_ = admin.get("/console/admin/lists/draft?id=" + std::to_string(id) + "&download=1");
  REQUIRE(unsigned_.status == 200);
  const auto list = wire::parseCommitmentList(unsigned_.body);
  CHECK(list.version == 2);
  CHECK(list.hall == "hall-01");
  CHECK(list.reasons.size() == 1);  // carried over from version 1
  // A signed file of other contents is not what was previewed.
  auto other = nlohmann::json::parse(unsigned_.body);
  other["title"] = "别的清单";
  const auto mismatch = admin.upload("/console/admin/lists/upload",
                                     {{"csrf", csrf},
                                      {"step", "publish"},
                                      {"draft", std::to_string(id)},
                                      {"file", wire::signList(other.dump(), "k", f.listKey), true, "x.signed.json"}});
  CHECK(mismatch.status == 422);
  CHECK(mismatch.body.find("不是本页预览的草稿") != std::string::npos);
  // Signed with a key the hub does not trust: the hub's own check refuses it.
  const auto untrusted = admin.upload(
      "/console/admin/lists/upload",
      {{"csrf", csrf},
       {"step", "publish"},
       {"draft", std::to_string(id)},
       {"file", wire::signList(unsigned_.body, "k", wire::Ed25519PrivateKey::generate()), true, "x.signed.json"}});
  CHECK(untrusted.status == 422);
  CHECK(untrusted.body.find("平台无法用已登记的管理员公钥核验这个签名") != std::string::npos);
  CHECK(untrusted.body.find("list refused") == std::string::npos);  // the API's English stays in the API
  CHECK(f.store->latestListVersion("zibo-zhangdian", "hall-01") == 1);

  const auto published = admin.upload(
      "/console/admin/lists/upload",
      {{"csrf", csrf},
       {"step", "publish"},
       {"draft", std::to_string(id)},
       {"file", wire::signList(unsigned_.body, "k", f.listKey), true, "commitment-list-hall-01-v2.signed.json"}});
  REQUIRE(published.status == 303);
  CHECK(f.store->latestListVersion("zibo-zhangdian", "hall-01") == 2);
  const auto versions = admin.get("/console/admin/lists?hall=hall-01&published=2");
  CHECK(versions.body.find("<td>admin</td>") != std::string::npos);  // who published version 2
  CHECK(versions.body.find("2027 年党员公开承诺") != std::string::npos);
  const auto diff = admin.get("/console/admin/lists?hall=hall-01&a=1&b=2");
  CHECK(diff.body.find("新增 1 项，删除 0 项，修改 1 项") != std::string::npos);
  CHECK(admin.get("/console/admin/lists?hall=hall-01&a=1&b=9").status == 400);

  // The same version again is refused before a draft is made.
  const auto again = admin.upload("/console/admin/lists/upload", draftForm(csrf, "清单.csv", fixed));
  CHECK(again.status == 409);
  CHECK(again.body.find("版本号 2 不高于已发布的版本 2") != std::string::npos);
}

TEST_CASE("bad list files are refused with what is wrong, and nothing is stored") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string csrf = admin.csrf();
  const auto refusedWith = [&](const std::string& name, const std::string& content, const std::string& words,
                               int status = 422) {
    CAPTURE(name);
    const auto r = admin.upload("/console/admin/lists/upload", draftForm(csrf, name, content));
    CHECK(r.status == status);
    CHECK(r.body.find(words) != std::string::npos);
  };
  refusedWith("list.xlsx", std::string("PK\x03\x04", 4) + std::string(100, 'x'), "这不是 Excel 或 WPS 能打开的工作簿");
  refusedWith("list.csv", kHeaderRow + std::string("c-1,\xff\xfe\x81\x30,党员\r\n"), "文件编码无法识别");
  refusedWith("list.csv", "", "请选择清单表格文件", 400);
  CHECK_FALSE(f.drafts->get(1));
  // Over the upload limit: refused before it is parsed.
  const auto huge = admin.upload("/console/admin/lists/upload", draftForm(csrf, "list.csv", std::string(9 << 20, 'x')));
  CHECK(huge.status == 413);
  CHECK(admin.upload("/console/admin/lists/upload", draftForm(csrf, "list.csv", kHeaderRow + kWang, "0")).status ==
        400);
}

TEST_CASE("the Excel template has the columns, text cells and drop-downs for kind and term") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const auto xlsx = admin.get("/console/admin/lists/template");
  REQUIRE(xlsx.status == 200);
  CHECK(xlsx.contentType == hub::kXlsxType);
  testing::writeFile(f.dir / "template.xlsx", xlsx.body);
  const auto read = testing::run(
      "/usr/bin/python3 -c \"import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active; "
      "print([c.value for c in ws[1]]); print([c.value for c in ws[2]]); "
      "[print(v.sqref, v.formula1) for v in ws.data_validations.dataValidation]\" " +
      (f.dir / "template.xlsx").string());
  CAPTURE(read.out);
  CHECK(read.out.find(
            "'编号', '承诺人', '类型', '岗位', '单位', '期限', '承诺标题', '承诺内容', '开始日期', '结束日期'") !=
        std::string::npos);
  CHECK(read.out.find("C2:C2000 \"党员,示范岗,服务队,单位,行业\"") != std::string::npos);
  CHECK(read.out.find("F2:F2000 \"长远,年度,即时\"") != std::string::npos);
  // The template as shipped builds a valid list: what administrators start from works.
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  CHECK(staff.get("/console/admin/lists/template").status == 403);
  CHECK(staff.get("/console/admin/lists?hall=hall-01").status == 403);
  CHECK(staff.upload("/console/admin/lists/upload", draftForm(staff.csrf(), "l.xlsx", xlsx.body)).status == 403);
  const auto built = admin.upload("/console/admin/lists/upload", draftForm(admin.csrf(), "模板.xlsx", xlsx.body));
  CHECK(built.status == 303);
}

TEST_CASE("reasons are part of a list made in the console: the template's sheet, carried over, previewed and diffed") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const auto sheetOf = [&](const std::string& target) {
    const auto xlsx = admin.get(target);
    REQUIRE(xlsx.status == 200);
    testing::writeFile(f.dir / "template.xlsx", xlsx.body);
    const auto read = testing::run(
        "/usr/bin/python3 -c \"import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1])['差评原因']\n"
        "for r in ws.iter_rows(values_only=True): print('|'.join(r))\" " +
        (f.dir / "template.xlsx").string());
    REQUIRE(read.status == 0);
    return read.out;
  };
  // No hall picked: the usual four; hall-01 picked: its list's own reasons.
  CHECK(sheetOf("/console/admin/lists/template") ==
        "代码|原因\nnot_kept|承诺未兑现\nattitude|服务态度差\nslow|办事效率低\nrunaround|多次跑腿\n");
  CHECK(sheetOf("/console/admin/lists/template?hall=hall-01") == "代码|原因\nattitude|服务态度差\n");

  // The hall-01 template with a relabelled and an added reason: previewed and diffed against v1.
  const auto edit = testing::run(
      "/usr/bin/python3 -c \"import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); ws=wb['差评原因']\n"
      "ws['B2'] = '服务态度不好'; ws.append(['slow', '办事效率低']); wb.save(sys.argv[1])\" " +
      (f.dir / "template.xlsx").string());
  REQUIRE(edit.status == 0);
  const auto drafted = admin.upload("/console/admin/lists/upload",
                                    draftForm(admin.csrf(), "清单.xlsx", testing::readFile(f.dir / "template.xlsx")));
  REQUIRE(drafted.status == 303);
  const std::string page = admin.get("/console/admin/lists/draft?id=" + std::to_string(draftIdOf(drafted))).body;
  CHECK(page.find("差评原因：服务态度不好、办事效率低") != std::string::npos);
  CHECK(page.find("差评原因变动 2 项") != std::string::npos);
  CHECK(page.find("<td>服务态度差</td><td>服务态度不好</td>") != std::string::npos);
  CHECK(page.find("<td></td><td>办事效率低</td>") != std::string::npos);

  // A CSV has no sheet for them: the current version's carry over.
  const auto csv = admin.upload("/console/admin/lists/upload", draftForm(admin.csrf(), "清单.csv", kHeaderRow + kWang));
  REQUIRE(csv.status == 303);
  const auto payload = admin.get("/console/admin/lists/draft?id=" + std::to_string(draftIdOf(csv)) + "&download=1");
  CHECK(wire::parseCommitmentList(payload.body).reasons.size() == 1);
  CHECK(
      admin.get("/console/admin/lists/draft?id=" + std::to_string(draftIdOf(csv))).body.find("差评原因：服务态度差") !=
      std::string::npos);
}

TEST_CASE("a list upload names every mistake of the sheet at once, in words, and keeps the title typed") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string csrf = admin.csrf();
  const std::string sheet = kHeaderRow + kWang +
                            "c-0102,李强,外星人,,区医保局,长远,医保异地备案,当日办结,2027-01-01,2027-12-31\r\n"
                            "c-0103,赵敏,党员,,区税务局,年度,,限时办结,2027-01-01,2027-12-31\r\n"
                            "c-0104,孙丽,党员,,区市场监管局,年度,材料一次告知,材料齐全,2027-13-01,2027-12-31\r\n"
                            "c-0101,周敏,党员,,区人社局,年度,社保转移,当日受理,2027-01-01,2027-12-31\r\n";
  auto form = draftForm(csrf, "清单.csv", sheet);
  form[4].content = "2027 年党员公开承诺（修订）";
  const auto r = admin.upload("/console/admin/lists/upload", form);
  CHECK(r.status == 422);
  for (const char* says : {"第 3 行「类型」列：“外星人”无法识别", "第 4 行「承诺标题」列：不能为空",
                           "第 5 行「开始日期」列：“2027-13-01”不是日期"}) {
    CAPTURE(std::string(says));
    CHECK(r.body.find(says) != std::string::npos);
  }
  CHECK(r.body.find("value=\"2027 年党员公开承诺（修订）\"") != std::string::npos);  // the title as typed
  CHECK_FALSE(f.drafts->get(1));
  // Fixed rows but an id used twice: a mistake of the whole list, named at its row.
  const std::string twice =
      kHeaderRow + kWang + "c-0101,周敏,党员,,区人社局,年度,社保转移,当日受理,2027-01-01,2027-12-31\r\n";
  const auto dup = admin.upload("/console/admin/lists/upload", draftForm(csrf, "清单.csv", twice));
  CHECK(dup.status == 422);
  CHECK(dup.body.find("第 3 行「编号」列：编号“c-0101”与前面的行重复") != std::string::npos);
}

TEST_CASE("the current list comes back as the template: edit one title in Excel, upload, see that one change") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string page = admin.get("/console/admin/lists?hall=hall-01").body;
  CHECK(page.find("下载现行清单（第 1 版）") != std::string::npos);
  CHECK(page.find("清单标题显示在终端首页（待机画面）顶部") != std::string::npos);

  const auto current = admin.get("/console/admin/lists/template?hall=hall-01");
  REQUIRE(current.status == 200);
  CHECK(header(current, "Content-Disposition") ==
        "attachment; filename=\"download.xlsx\"; filename*=UTF-8''" + hub::urlEncode("承诺清单-hall-01-第1版.xlsx"));
  // What Excel shows: version 1's commitment in the template's columns and words.
  testing::writeFile(f.dir / "current.xlsx", current.body);
  const auto shown = testing::run(
      "/usr/bin/python3 -c \"import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active\n"
      "for r in ws.iter_rows(min_row=2, values_only=True): print('|'.join('' if v is None else str(v) for v in r))\" " +
      (f.dir / "current.xlsx").string());
  REQUIRE(shown.status == 0);
  CAPTURE(shown.out);
  CHECK(shown.out.rfind("c-0101|王丽|党员|窗口 1 号|区人社局|年度|", 0) == 0);
  CHECK(shown.out.find("第一服务队") == std::string::npos);  // no example rows mixed in

  // Uploaded unchanged: the same commitments as the current version.
  const auto same = admin.upload("/console/admin/lists/upload", draftForm(admin.csrf(), "现行.xlsx", current.body));
  REQUIRE(same.status == 303);
  CHECK(admin.get("/console/admin/lists/draft?id=" + std::to_string(draftIdOf(same))).body.find("完全相同") !=
        std::string::npos);

  // Edited as an administrator would (a title changed in Excel), uploaded: one change, named.
  const auto edited = testing::run(
      "/usr/bin/python3 -c \"import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); ws=wb.active\n"
      "ws['G2'] = '社保业务一次办好、就近办'; wb.save(sys.argv[1])\" " +
      (f.dir / "current.xlsx").string());
  REQUIRE(edited.status == 0);
  const auto changed =
      admin.upload("/console/admin/lists/upload",
                   draftForm(admin.csrf(), "改过.xlsx", testing::readFile(f.dir / "current.xlsx"), "3"));
  REQUIRE(changed.status == 303);
  const std::string draft = admin.get("/console/admin/lists/draft?id=" + std::to_string(draftIdOf(changed))).body;
  CHECK(draft.find("新增 0 项，删除 0 项，修改 1 项") != std::string::npos);
  CHECK(draft.find("社保业务一次办好、就近办") != std::string::npos);
  // The signing command is complete: the key that signed version 1 (the fixture's "k"), the files.
  CHECK(draft.find("kioskctl list sign commitment-list-hall-01-v3.json --key k.pem --key-id k --out "
                   "commitment-list-hall-01-v3.signed.json") != std::string::npos);
  CHECK(draft.find("KEY_ID") == std::string::npos);
  CHECK(draft.find("现行清单由它签名") != std::string::npos);

  // A blank template on request, and for a hall without a list.
  const auto blank = admin.get("/console/admin/lists/template?hall=hall-01&blank=1");
  testing::writeFile(f.dir / "blank.xlsx", blank.body);
  const auto blankRows = testing::run(
      "/usr/bin/python3 -c \"import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active\n"
      "for r in ws.iter_rows(min_row=2, values_only=True): print(r[1])\" " +
      (f.dir / "blank.xlsx").string());
  CHECK(blankRows.out.find("第一服务队") != std::string::npos);
  CHECK(header(admin.get("/console/admin/lists/template?hall=hall-09"), "Content-Disposition")
            .find(hub::urlEncode("承诺清单模板.xlsx")) != std::string::npos);
}

TEST_CASE("a hall without a list yet is signed with the key the hub trusted last") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  // No list of its own to follow: the most recently added trusted key.
  auto form = draftForm(admin.csrf(), "清单.csv", kHeaderRow + kWang);
  form[2].content = "hall-07";
  const auto drafted = admin.upload("/console/admin/lists/upload", form);
  REQUIRE(drafted.status == 303);
  const std::string target = "/console/admin/lists/draft?id=" + std::to_string(draftIdOf(drafted));
  CHECK(admin.get(target).body.find("--key k.pem --key-id k ") != std::string::npos);
  CHECK(admin.get(target).body.find("平台最近登记的管理员公钥") != std::string::npos);
  f.store->addAdminKey("admin-2027", f.listKey.publicKey().toPem(), f.now);
  CHECK(admin.get(target).body.find("--key admin-2027.pem --key-id admin-2027 ") != std::string::npos);
}

TEST_CASE("a list published with an API token names the token by its hash prefix, as code") {
  ConsoleFixture f;
  const std::string token = hub::newToken();
  f.store->addToken(hub::tokenHash(token), {hub::Role::Admin, "", {}}, f.now);
  nlohmann::json list = nlohmann::json::parse(
      wire::parseSignedEnvelope(f.store->currentList("zibo-zhangdian", "hall-01")->envelope).payload);
  list["version"] = 2;
  const auto published =
      f.router->handle({"POST", "/api/v1/lists", "Bearer " + token, "", wire::signList(list.dump(), "k", f.listKey)});
  REQUIRE(published.status == 201);
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string page = admin.get("/console/admin/lists?hall=hall-01").body;
  CHECK(page.find("<td>API 令牌 <code>" + hub::tokenHash(token).substr(0, 8) + "</code></td>") != std::string::npos);
}
