// 用户管理: an administrator creates an account with a temporary password, the new user must choose
// their own before anything else, a reset does the same again, a disabled account cannot log in;
// every bad field is named and stores nothing; an administrator never manages their own account here.
#include <doctest/doctest.h>

#include "console_fixture.hpp"
#include "hub/core/request_decoding.hpp"

using testing::ConsoleFixture;
using testing::header;

namespace {
// The CSRF token of a page's form (a user who must change their password sees no other page).
std::string csrfOf(const std::string& page) {
  const std::string mark = "name=\"csrf\" value=\"";
  const auto at = page.find(mark);
  return at == std::string::npos ? std::string() : page.substr(at + mark.size(), 43);
}
}  // namespace

TEST_CASE("a new user logs in with the temporary password, must change it first, then works") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string csrf = admin.csrf();
  const auto created = admin.post("/console/admin/users", testing::formBody(csrf, {{"login", "zhou.min"},
                                                                                   {"role", "staff"},
                                                                                   {"halls", "hall-01, hall-02"},
                                                                                   {"password", "temporary-pass-1"}}));
  CHECK(created.status == 303);
  CHECK(header(created, "Location") == "/console/admin/users?done=created&login=zhou.min");
  const auto zhou = f.accounts->user("zhou.min");
  REQUIRE(zhou);
  CHECK(zhou->halls == std::vector<std::string>{"hall-01", "hall-02"});
  CHECK(zhou->mustChange);
  const std::string list = admin.get("/console/admin/users").body;
  CHECK(list.find("zhou.min") != std::string::npos);
  CHECK(list.find("待修改密码") != std::string::npos);

  auto user = f.browser();
  REQUIRE(user.login("zhou.min", "temporary-pass-1"));
  const auto first = user.get("/console/commitments");
  CHECK(first.status == 303);
  CHECK(header(first, "Location") == "/console/password");
  const auto page = user.get("/console/password");
  CHECK(page.status == 200);
  CHECK(page.body.find("请先修改密码") != std::string::npos);
  const std::string ucsrf = csrfOf(page.body);
  REQUIRE(ucsrf.size() == 43);
  CHECK(user.post("/console/reviews", testing::formBody(ucsrf, {{"hall", "hall-01"}, {"unit", "x"}, {"note", "y"}}))
            .status == 403);

  struct Bad {
    std::string current, next, again, says;
  };
  for (const Bad& b : {Bad{"wrong-password-1", "my-own-password", "my-own-password", "当前密码不正确"},
                       Bad{"temporary-pass-1", "short", "short", "密码至少 10 个字"},
                       Bad{"temporary-pass-1", "my-own-password", "my-own-passwort", "两次输入的新密码不一致"},
                       Bad{"temporary-pass-1", "temporary-pass-1", "temporary-pass-1", "新密码不能与当前密码相同"}}) {
    CAPTURE(b.says);
    const auto r =
        user.post("/console/password",
                  testing::formBody(ucsrf, {{"current", b.current}, {"password", b.next}, {"password2", b.again}}));
    CHECK(r.status == 400);
    CHECK(r.body.find(b.says) != std::string::npos);
    CHECK(f.accounts->user("zhou.min")->mustChange);
  }
  const auto changed = user.post("/console/password", testing::formBody(ucsrf, {{"current", "temporary-pass-1"},
                                                                                {"password", "my-own-password"},
                                                                                {"password2", "my-own-password"}}));
  CHECK(changed.status == 303);
  CHECK(header(changed, "Location") == "/console/login?changed=1");
  CHECK_FALSE(f.accounts->user("zhou.min")->mustChange);
  CHECK(user.get("/console/").status == 303);  // the change ended the session
  auto again = f.browser();
  CHECK_FALSE(again.login("zhou.min", "temporary-pass-1"));
  REQUIRE(again.login("zhou.min", "my-own-password"));
  CHECK(again.get("/console/commitments").status == 200);

  // A reset: the user's session ends and the next login asks for a new password again.
  REQUIRE(admin
              .post("/console/admin/users/reset",
                    testing::formBody(csrf, {{"login", "zhou.min"}, {"password", "another-temp-2"}}))
              .status == 303);
  CHECK(again.get("/console/").status == 303);
  auto third = f.browser();
  REQUIRE(third.login("zhou.min", "another-temp-2"));
  CHECK(header(third.get("/console/"), "Location") == "/console/password");
  // Disabled: no login at all.
  REQUIRE(admin.post("/console/admin/users/disable", testing::formBody(csrf, {{"login", "zhou.min"}})).status == 303);
  CHECK_FALSE(f.browser().login("zhou.min", "another-temp-2"));
  std::int64_t audited = 0;
  for (const auto& e : f.accounts->auditEntries(50))
    audited += (e.action == "user_add" || e.action == "user_reset" || e.action == "user_disable") && e.login == "admin";
  CHECK(audited == 3);
  CHECK(f.accounts->auditEntries({"zhou.min", "password_change", 0, INT64_MAX}, 10).size() == 1);
}

TEST_CASE("bad account forms are refused by field and store nothing") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string csrf = admin.csrf();
  struct Bad {
    std::string path;
    std::string body;
    int status;
    std::string says;
  };
  const std::vector<Bad> bad{
      {"/console/admin/users",
       testing::formBody(csrf,
                         {{"login", "a b"}, {"role", "staff"}, {"halls", "hall-01"}, {"password", "long-enough-1"}}),
       400, "登录名只能用"},
      {"/console/admin/users",
       testing::formBody(csrf,
                         {{"login", "li"}, {"role", "chief"}, {"halls", "hall-01"}, {"password", "long-enough-1"}}),
       400, "请选择角色"},
      {"/console/admin/users",
       testing::formBody(csrf, {{"login", "li"}, {"role", "leader"}, {"halls", " "}, {"password", "long-enough-1"}}),
       400, "至少要选一个大厅"},
      {"/console/admin/users",
       testing::formBody(
           csrf, {{"login", "li"}, {"role", "staff"}, {"halls", "hall-01, ../x"}, {"password", "long-enough-1"}}),
       400, "没有编号为“../x”的大厅"},
      {"/console/admin/users",
       testing::formBody(csrf, {{"login", "li"}, {"role", "staff"}, {"halls", "hall-01"}, {"password", "short"}}), 400,
       "密码至少 10 个字"},
      {"/console/admin/users",
       testing::formBody(csrf, {{"login", "li"},
                                {"role", "staff"},
                                {"hall:hall-01", "on"},
                                {"phone", "call me"},
                                {"password", "long-enough-1"}}),
       400, "电话只能包含数字"},
      {"/console/admin/users",
       testing::formBody(csrf,
                         {{"login", "staff1"}, {"role", "staff"}, {"halls", "hall-01"}, {"password", "long-enough-1"}}),
       409, "登录名“staff1”已被使用"},
      {"/console/admin/users/reset", testing::formBody(csrf, {{"login", "nobody"}, {"password", "long-enough-1"}}), 404,
       "没有登录名为“nobody”的用户"},
      {"/console/admin/users/reset", testing::formBody(csrf, {{"login", "admin"}, {"password", "long-enough-1"}}), 400,
       "不能在这里修改自己的账号"},
      {"/console/admin/users/disable", testing::formBody(csrf, {{"login", "admin"}}), 400, "不能在这里修改自己的账号"},
      {"/console/admin/users/edit",
       testing::formBody(csrf, {{"login", "admin"}, {"role", "staff"}, {"hall:hall-01", "on"}}), 400,
       "不能在这里修改自己的账号"},
      {"/console/admin/users/edit", testing::formBody(csrf, {{"login", "staff1"}, {"role", "staff"}}), 400,
       "至少要选一个大厅"},
      {"/console/admin/users/rename", testing::formBody(csrf, {{"login", "staff1"}}), 404, "没有这个表单"},
  };
  for (const auto& b : bad) {
    CAPTURE(b.path);
    CAPTURE(b.says);
    const auto r = admin.post(b.path, b.body);
    CHECK(r.status == b.status);
    CHECK(r.body.find(b.says) != std::string::npos);
  }
  CHECK_FALSE(f.accounts->user("li"));
  CHECK_FALSE(f.accounts->user("admin")->disabled);
  CHECK(f.accounts->users().size() == 4);
}

TEST_CASE(
    "wrong current passwords on the password page lock the account like wrong logins, end the session, and are "
    "audited") {
  ConsoleFixture f;
  auto user = f.browser();
  REQUIRE(user.login("staff1", "staff1-password"));
  const std::string csrf = user.csrf();
  const auto wrong = [&] {
    return user.post("/console/password", testing::formBody(csrf, {{"current", "guess-number-x"},
                                                                   {"password", "a-new-password-1"},
                                                                   {"password2", "a-new-password-1"}}));
  };
  for (int i = 0; i < 4; ++i) CHECK(wrong().status == 400);  // the account's free failures
  const auto locked = wrong();
  CHECK(locked.status == 303);
  CHECK(header(locked, "Location") == "/console/login");
  CHECK(user.get("/console/").status == 303);            // the session is over
  CHECK_FALSE(user.login("staff1", "staff1-password"));  // and the account is locked for a while
  int failed = 0, lockedEntries = 0;
  for (const auto& e : f.accounts->auditEntries(50)) {
    failed += e.action == "password_change_failed";
    lockedEntries += e.action == "password_change_locked";
  }
  CHECK(failed == 4);
  CHECK(lockedEntries == 1);
  f.now += 16 * 60;  // the lock is over; the right password works again
  CHECK(user.login("staff1", "staff1-password"));
}

TEST_CASE("a mistake keeps the administrator on the form with what they typed, the password excepted") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const auto r = admin.post("/console/admin/users", testing::formBody(admin.csrf(), {{"login", "zhou.min"},
                                                                                     {"full_name", "周敏"},
                                                                                     {"department", "综合科"},
                                                                                     {"role", "leader"},
                                                                                     {"hall:hall-01", "on"},
                                                                                     {"password", "short"}}));
  CHECK(r.status == 400);
  CHECK(r.body.find("密码至少 10 个字") != std::string::npos);
  CHECK(r.body.find("value=\"zhou.min\"") != std::string::npos);
  CHECK(r.body.find("value=\"周敏\"") != std::string::npos);
  CHECK(r.body.find("value=\"综合科\"") != std::string::npos);
  CHECK(r.body.find("<option value=\"leader\" selected>") != std::string::npos);
  CHECK(r.body.find("name=\"hall:hall-01\" value=\"on\" checked") != std::string::npos);
  CHECK(r.body.find("value=\"short\"") == std::string::npos);  // a password is never sent back
  CHECK_FALSE(f.accounts->user("zhou.min"));
}

TEST_CASE("an administrator changes an account's halls, role and details, disables and enables it") {
  ConsoleFixture f;
  f.halls->name("hall-01", "张店区政务服务中心", 1, f.now);
  f.halls->name("hall-02", "湖田街道便民服务中心", 2, f.now);
  auto staff = f.browser();
  REQUIRE(staff.login("staff1", "staff1-password"));
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const std::string csrf = admin.csrf();
  const auto edited = admin.post("/console/admin/users/edit", testing::formBody(csrf, {{"login", "staff1"},
                                                                                       {"role", "leader"},
                                                                                       {"hall:hall-01", "on"},
                                                                                       {"hall:hall-02", "on"},
                                                                                       {"full_name", "王强"},
                                                                                       {"department", "综合科"},
                                                                                       {"phone", "0533-1234567"}}));
  CHECK(edited.status == 303);
  const auto u = f.accounts->user("staff1");
  CHECK(u->role == hub::UserRole::Leader);
  CHECK(u->halls == std::vector<std::string>{"hall-01", "hall-02"});
  CHECK(u->fullName == "王强");
  CHECK(staff.get("/console/").status == 303);  // new rights: the old session ended

  const std::string page = admin.get(header(edited, "Location")).body;
  CHECK(page.find("已保存 王强 的修改") != std::string::npos);
  CHECK(page.find("张店区政务服务中心、湖田街道便民服务中心") != std::string::npos);  // halls by name
  CHECK(page.find("0533-1234567") != std::string::npos);
  CHECK(page.find("从未登录") != std::string::npos);  // leader1 never signed in

  CHECK(admin.post("/console/admin/users/disable", testing::formBody(csrf, {{"login", "staff1"}})).status == 303);
  CHECK(f.accounts->user("staff1")->disabled);
  CHECK(admin.get("/console/admin/users").body.find("重新启用") != std::string::npos);
  CHECK(admin.post("/console/admin/users/enable", testing::formBody(csrf, {{"login", "staff1"}})).status == 303);
  CHECK_FALSE(f.accounts->user("staff1")->disabled);
  auto again = f.browser();
  CHECK(again.login("staff1", "staff1-password"));
  const auto audit = f.accounts->auditEntries(20);
  CHECK(std::any_of(audit.begin(), audit.end(), [](const auto& e) { return e.action == "user_edit"; }));
  CHECK(std::any_of(audit.begin(), audit.end(), [](const auto& e) { return e.action == "user_enable"; }));
}

TEST_CASE("a notice comes from a word and a login, never from text in the address") {
  ConsoleFixture f;
  auto admin = f.browser();
  REQUIRE(admin.login("admin", "admin-password"));
  const auto page = admin.get("/console/admin/users?done=%E8%AF%B7%E8%BD%AC%E8%B4%A6&login=staff1").body;
  CHECK(page.find("请转账") == std::string::npos);
  CHECK(page.find("class=\"notice\"") == std::string::npos);
}
