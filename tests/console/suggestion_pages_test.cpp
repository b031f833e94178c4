// 征求意见 through the hub's router, over real stores: staff open a period; a phone the kiosk's code
// admitted is offered 提建议 and leaves a suggestion (personal numbers refused, the text kept for
// correction; offensive text kept flagged); staff accept, merge and reject with a reason; a flagged
// one is shown and decided by administrators only; another hall's staff see nothing; and the
// accepted ones are what the 承诺清单's 群众意见 column cites — into the draft's preview.
#include <doctest/doctest.h>

#include "console_fixture.hpp"
#include "hub/core/request_decoding.hpp"
#include "wire/commitment_list.hpp"

using testing::ConsoleFixture;
using testing::header;
using testing::hiddenCsrf;
using Part = ConsoleFixture::Browser::Part;

namespace {

hub::PhoneConfig phoneOn() {
  hub::PhoneConfig phone;
  phone.enabled = true;
  return phone;
}

const std::string kTopic = "2027年度公开承诺征求意见";

// Staff of hall-01 open a period until the end of November (the fixture's clock is 2026-11-18).
void openPeriod(ConsoleFixture& f, ConsoleFixture::Browser& staff) {
  const auto r = staff.post("/console/suggestions", "csrf=" + staff.csrf() + "&hall=hall-01&step=open&topic=" +
                                                        hub::urlEncode(kTopic) + "&closes=2026-11-30");
  REQUIRE(r.status == 303);
  REQUIRE(f.suggestions->latestPeriod("hall-01"));
}

// A suggestion from a phone: the vote page (which opens the session), the form, the post.
hub::Response suggest(ConsoleFixture::Browser& phone, const std::string& code, const std::string& text,
                      const std::string& about = "") {
  const auto form = phone.get("/v/" + code + "/suggest");
  REQUIRE(form.status == 200);
  return phone.post("/v/" + code + "/suggest", "csrf=" + hiddenCsrf(form.body) + "&about=" + hub::urlEncode(about) +
                                                   "&text=" + hub::urlEncode(text));
}

// hall-01's staff signed in with a period open, and a phone admitted by the kiosk's code.
struct OpenPeriod {
  ConsoleFixture::Browser staff, phone;
  std::string code;
  explicit OpenPeriod(ConsoleFixture& f) : staff(f.browser()), phone(f.browser()) {
    f.openResidentPages(phoneOn(), hub::PublicConfig{});
    REQUIRE(staff.login("staff1", "staff1-password"));
    openPeriod(f, staff);
    code = f.phoneCode();
    REQUIRE(phone.get("/v/" + code).status == 200);
  }
};

hub::Response decide(ConsoleFixture::Browser& who, std::int64_t number, const std::string& decision,
                     const std::string& extra = "") {
  return who.post("/console/suggestions", "csrf=" + who.csrf() + "&hall=hall-01&step=decide&number=" +
                                              std::to_string(number) + "&decision=" + decision + extra);
}

}  // namespace

TEST_CASE("a suggestion goes from a phone to an accepted item that the next list's draft cites") {
  ConsoleFixture f;
  f.openResidentPages(phoneOn(), hub::PublicConfig{});
  auto phone = f.browser();
  const std::string code = f.phoneCode();

  // Before a period is open the vote page offers nothing, and the form says why.
  auto list = phone.get("/v/" + code);
  REQUIRE(list.status == 200);
  CHECK(list.body.find("提建议") == std::string::npos);
  CHECK(phone.get("/v/" + code + "/suggest").status == 410);

  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  openPeriod(f, staff);
  const auto page = staff.get("/console/suggestions?hall=hall-01");
  CHECK(page.body.find("正在征求意见：" + kTopic + "，截止 2026-11-30") != std::string::npos);
  // A second period while one is open is refused.
  CHECK(staff.post("/console/suggestions", "csrf=" + staff.csrf() + "&hall=hall-01&step=open&topic=x&closes=2026-11-30")
            .status == 409);

  list = phone.get("/v/" + code);
  CHECK(list.body.find("提建议") != std::string::npos);
  CHECK(list.body.find(kTopic) != std::string::npos);
  const auto form = phone.get("/v/" + code + "/suggest");
  REQUIRE(form.status == 200);
  CHECK(form.body.find("区人社局") != std::string::npos);  // a unit of the hall's list to choose
  CHECK(form.body.find("请不要填写姓名、电话") != std::string::npos);

  // A phone number is refused, named, and the text comes back to be corrected; nothing is stored.
  const auto withPhone = suggest(phone, code, "希望周末也能办社保，有事打13800001234", "区人社局");
  CHECK(withPhone.status == 422);
  CHECK(withPhone.body.find("请不要填写电话") != std::string::npos);
  CHECK(withPhone.body.find("希望周末也能办社保") != std::string::npos);
  CHECK(f.suggestions->ofHall("hall-01", std::nullopt, 10).empty());
  // A unit that is not on the list is a forged form.
  CHECK(suggest(phone, code, "周末也开", "不存在的单位").status == 400);

  const auto sent = suggest(phone, code, "希望周末也能办社保业务", "区人社局");
  CHECK(sent.status == 201);
  CHECK(sent.body.find("意见编号") != std::string::npos);
  CHECK(sent.body.find("<h1>感谢您的建议</h1>") != std::string::npos);
  const auto repeat = suggest(phone, code, "周六上午能不能开社保窗口", "区人社局");
  CHECK(repeat.status == 201);
  const auto off = suggest(phone, code, "跟社保无关的事情");
  CHECK(off.status == 201);
  CHECK(suggest(phone, code, "第四条").status == 429);  // three a session
  const auto kept = f.suggestions->ofHall("hall-01", std::nullopt, 10);
  REQUIRE(kept.size() == 3);
  const std::int64_t weekend = kept[2].number, saturday = kept[1].number, unrelated = kept[0].number;
  CHECK(kept[2].source == "hall-01-k1");  // the kiosk whose code admitted the phone, never the phone
  CHECK(kept[2].about == "区人社局");

  // Staff accept one, merge the repeat into it, reject the other with a reason (required).
  CHECK(decide(staff, weekend, "accept").status == 303);
  CHECK(decide(staff, saturday, "merge", "&into=" + std::to_string(weekend)).status == 303);
  const auto noReason = decide(staff, unrelated, "reject");
  CHECK(noReason.status == 400);
  CHECK(noReason.body.find("请写明理由") != std::string::npos);
  CHECK(decide(staff, unrelated, "reject", "&reason=" + hub::urlEncode("不属于本厅业务")).status == 303);
  CHECK(decide(staff, weekend, "reject", "&reason=x").status == 409);  // decided once
  const auto decided = staff.get("/console/suggestions?hall=hall-01");
  CHECK(decided.body.find("另有 1 条相同意见已合并") != std::string::npos);
  CHECK(decided.body.find("不属于本厅业务") != std::string::npos);
  CHECK(decided.body.find("尚未写入承诺") != std::string::npos);

  // The administrator sees the accepted one beside the upload and cites it by number.
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const auto lists = admin.get("/console/admin/lists?hall=hall-01");
  CHECK(lists.body.find("本厅已采纳的群众意见") != std::string::npos);
  CHECK(lists.body.find("希望周末也能办社保业务") != std::string::npos);
  CHECK(lists.body.find("周六上午") == std::string::npos);  // merged: not offered again
  const std::string sheet =
      "编号,承诺人,类型,岗位,单位,期限,承诺标题,承诺内容,开始日期,结束日期,群众意见\r\n"
      "c-0101,王丽,党员,窗口 2 号,区人社局,年度,周六上午社保窗口照常办理,每周六上午开放两个社保窗口,2027/1/1,"
      "2027/12/31,意见" +
      std::to_string(weekend) + "\r\n";
  const std::vector<Part> upload{{"csrf", admin.csrf()},
                                 {"step", "draft"},
                                 {"hall", "hall-01"},
                                 {"version", "2"},
                                 {"title", "2027 年党员公开承诺"},
                                 {"file", sheet, true, "清单.csv"}};
  const auto wrong = admin.upload(
      "/console/admin/lists/upload",
      {upload[0],
       upload[1],
       upload[2],
       upload[3],
       upload[4],
       {"file", sheet.substr(0, sheet.size() - 2) + "、" + std::to_string(unrelated) + "\r\n", true, "清单.csv"}});
  CHECK(wrong.status == 422);  // a rejected suggestion cannot be cited
  CHECK(wrong.body.find("群众意见") != std::string::npos);
  CHECK(wrong.body.find(std::to_string(unrelated)) != std::string::npos);
  const auto built = admin.upload("/console/admin/lists/upload", upload);
  REQUIRE(built.status == 303);
  const std::string draftPage = header(built, "Location");
  const auto preview = admin.get(draftPage);
  CHECK(preview.body.find("群众意见：希望周末也能办社保业务") != std::string::npos);
  CHECK(preview.body.find("本草稿回应了 1 条已采纳意见，另有 0 条尚未回应") != std::string::npos);
  const auto payload = admin.get(draftPage + "&download=1");
  const auto draft = wire::parseCommitmentList(payload.body);
  REQUIRE(draft.commitments.at(0).answers.size() == 1);
  CHECK(draft.commitments[0].answers[0].number == weekend);
  CHECK(draft.commitments[0].answers[0].text == "希望周末也能办社保业务");

  // Closing the period takes the form away.
  CHECK(staff.post("/console/suggestions", "csrf=" + staff.csrf() + "&hall=hall-01&step=close").status == 303);
  CHECK(phone.get("/v/" + code).body.find("提建议") == std::string::npos);
  CHECK(phone.get("/v/" + code + "/suggest").status == 410);
  CHECK(phone.post("/v/" + code + "/suggest", "csrf=" + hiddenCsrf(form.body) + "&text=late").status == 410);
}

TEST_CASE("offensive text is kept but shown to and decided by administrators only") {
  ConsoleFixture f;
  OpenPeriod open(f);
  auto& [staff, phone, code] = open;
  const auto sent = suggest(phone, code, "窗口的人都是傻 逼");
  CHECK(sent.status == 201);  // thanked all the same: nothing tells the writer what was found
  const auto s = f.suggestions->ofHall("hall-01", std::nullopt, 1).at(0);
  CHECK(s.flagged);

  const auto seen = staff.get("/console/suggestions?hall=hall-01");
  CHECK(seen.body.find("傻") == std::string::npos);
  CHECK(seen.body.find("含不当用语，内容仅管理员可见") != std::string::npos);
  CHECK(seen.body.find("待管理员处理") != std::string::npos);
  CHECK(decide(staff, s.number, "accept").status == 403);
  CHECK(f.suggestions->get(s.number)->state == hub::SuggestionState::New);

  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  CHECK(admin.get("/console/suggestions?hall=hall-01").body.find("窗口的人都是傻 逼") != std::string::npos);
  CHECK(decide(admin, s.number, "reject", "&reason=" + hub::urlEncode("含侮辱性语言")).status == 303);

  // Accepted by an administrator (their choice to make), its text stays theirs on every part of the
  // staff's page — the accepted list and the merge targets' labels alike.
  const auto again = suggest(phone, code, "王八蛋也该周末上班");
  REQUIRE(again.status == 201);
  const auto flagged = f.suggestions->ofHall("hall-01", std::nullopt, 1).at(0);
  REQUIRE(flagged.flagged);
  CHECK(decide(admin, flagged.number, "accept").status == 303);
  REQUIRE(suggest(phone, code, "周末也开").status == 201);  // a plain one waiting, so merge targets show
  const auto staffView = staff.get("/console/suggestions?hall=hall-01");
  CHECK(staffView.body.find("王八蛋") == std::string::npos);
  CHECK(staffView.body.find("周末也开") != std::string::npos);
}

TEST_CASE("another hall's staff, a missing token and bad forms are refused, with nothing changed") {
  ConsoleFixture f;
  OpenPeriod open(f);
  auto& [staff, phone, code] = open;
  REQUIRE(suggest(phone, code, "希望多设一个取号机").status == 201);
  const auto number = f.suggestions->ofHall("hall-01", std::nullopt, 1).at(0).number;

  auto other = f.browser();
  REQUIRE(other.login("staff2", "staff2-password"));
  CHECK(other.get("/console/suggestions?hall=hall-01").status == 403);
  CHECK(decide(other, number, "accept").status == 403);
  CHECK(other.post("/console/suggestions", "csrf=" + other.csrf() + "&hall=hall-01&step=close").status == 403);
  CHECK(staff.post("/console/suggestions", "hall=hall-01&step=close").status == 403);  // no CSRF token
  for (const std::string& bad :
       {std::string("&step=decide&number=abc&decision=accept"), std::string("&step=decide&number=999&decision=accept"),
        "&step=decide&number=" + std::to_string(number) + "&decision=promote",
        std::string("&step=open&topic=&closes=2026-12-01"),
        "&step=open&topic=" + hub::urlEncode(std::string(61 * 3, 'x')) + "&closes=2026-12-01",  // over 60
        std::string("&step=open&topic=x&closes=2026-11-01"),                                    // before today
        std::string("&step=open&topic=x&closes=2026-02-30"),                                    // no such day
        "&step=decide&number=" + std::to_string(number) + "&decision=merge&into=" + std::to_string(number),
        "&step=decide&number=" + std::to_string(number) + "&decision=reject&reason=" + std::string(101, 'x'),
        std::string("&step=nothing")}) {
    CAPTURE(bad);
    const auto r = staff.post("/console/suggestions", "csrf=" + staff.csrf() + "&hall=hall-01" + bad);
    CHECK(r.status >= 400);
    CHECK(r.status < 500);
  }
  CHECK(f.suggestions->get(number)->state == hub::SuggestionState::New);
  CHECK(f.suggestions->latestPeriod("hall-01")->takesSuggestions(f.now));

  // The phone side: no session (a fresh browser posting), a forged token, text that is not text.
  auto stranger = f.browser();
  CHECK(stranger.post("/v/" + code + "/suggest", "csrf=x&text=hi").status == 403);
  const auto form = phone.get("/v/" + code + "/suggest");
  CHECK(phone.post("/v/" + code + "/suggest", "csrf=wrong&text=hi").status == 403);
  std::string tooLong;
  for (int i = 0; i < 201; ++i) tooLong += "长";
  const auto longOne =
      phone.post("/v/" + code + "/suggest", "csrf=" + hiddenCsrf(form.body) + "&text=" + hub::urlEncode(tooLong));
  CHECK(longOne.status == 422);
  CHECK(longOne.body.find("200 字以内") != std::string::npos);
  CHECK(phone.post("/v/" + code + "/suggest", "csrf=" + hiddenCsrf(form.body) + "&text=%01%02").status == 422);
  CHECK(f.suggestions->ofHall("hall-01", std::nullopt, 10).size() == 1);
}
