// 用户管理: an administrator creates an account with a temporary password, the new user must choose
// their own before anything else, a reset does the same again, a disabled account cannot log in;
// every bad field is named and stores nothing; an administrator never manages their own account here.
#include <doctest/doctest.h>

#include "console_fixture.hpp"
#include "hub/core/request_decoding.hpp"

using testing::ConsoleFixture;
using testing::header;

namespace {
std::string form(const std::string& csrf, std::initializer_list<std::pair<const char*, std::string>> fields) {
  std::string out = "csrf=" + csrf;
  for (const auto& [k, v] : fields) out += std::string("&") + k + "=" + hub::urlEncode(v);
  return out;
}
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
  const auto created = admin.post("/console/admin/users", form(csrf, {{"login", "zhou.min"},
                                                                      {"role", "staff"},
                                                                      {"halls", "hall-01, hall-02"},
                                                                      {"password", "temporary-pass-1"}}));
  CHECK(created.status == 303);
  CHECK(header(created, "Location") == "/console/admin/users");
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
  CHECK(user.post("/console/reviews", form(ucsrf, {{"hall", "hall-01"}, {"unit", "x"}, {"note", "y"}})).status == 403);

  struct Bad {
    std::string current, next, again, says;
  };
  for (const Bad& b :
       {Bad{"wrong-password-1", "my-own-password", "my-own-password", "current: that is not"},
        Bad{"temporary-pass-1", "short", "short", "password: a password has at least 10"},
        Bad{"temporary-pass-1", "my-own-password", "my-own-passwort", "password2: the two new"},
        Bad{"temporary-pass-1", "temporary-pass-1", "temporary-pass-1", "password: choose a password"}}) {
    CAPTURE(b.says);
    const auto r = user.post("/console/password",
                             form(ucsrf, {{"current", b.current}, {"password", b.next}, {"password2", b.again}}));
    CHECK(r.status == 400);
    CHECK(r.body.find(b.says) != std::string::npos);
    CHECK(f.accounts->user("zhou.min")->mustChange);
  }
  const auto changed = user.post("/console/password", form(ucsrf, {{"current", "temporary-pass-1"},
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
  REQUIRE(admin.post("/console/admin/users/reset", form(csrf, {{"login", "zhou.min"}, {"password", "another-temp-2"}}))
              .status == 303);
  CHECK(again.get("/console/").status == 303);
  auto third = f.browser();
  REQUIRE(third.login("zhou.min", "another-temp-2"));
  CHECK(header(third.get("/console/"), "Location") == "/console/password");
  // Disabled: no login at all.
  REQUIRE(admin.post("/console/admin/users/disable", form(csrf, {{"login", "zhou.min"}})).status == 303);
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
       form(csrf, {{"login", "a b"}, {"role", "staff"}, {"halls", "hall-01"}, {"password", "long-enough-1"}}), 400,
       "login: use"},
      {"/console/admin/users",
       form(csrf, {{"login", "li"}, {"role", "chief"}, {"halls", "hall-01"}, {"password", "long-enough-1"}}), 400,
       "role: must be"},
      {"/console/admin/users",
       form(csrf, {{"login", "li"}, {"role", "leader"}, {"halls", " "}, {"password", "long-enough-1"}}), 400,
       "halls: staff and leaders"},
      {"/console/admin/users",
       form(csrf, {{"login", "li"}, {"role", "staff"}, {"halls", "hall-01, ../x"}, {"password", "long-enough-1"}}), 400,
       "halls: ../x is not"},
      {"/console/admin/users",
       form(csrf, {{"login", "li"}, {"role", "staff"}, {"halls", "hall-01"}, {"password", "short"}}), 400,
       "password: a password has at least 10"},
      {"/console/admin/users",
       form(csrf, {{"login", "staff1"}, {"role", "staff"}, {"halls", "hall-01"}, {"password", "long-enough-1"}}), 409,
       "staff1 already exists"},
      {"/console/admin/users/reset", form(csrf, {{"login", "nobody"}, {"password", "long-enough-1"}}), 404,
       "no user nobody"},
      {"/console/admin/users/reset", form(csrf, {{"login", "admin"}, {"password", "long-enough-1"}}), 400,
       "your own password"},
      {"/console/admin/users/disable", form(csrf, {{"login", "admin"}}), 400, "your own password"},
      {"/console/admin/users/rename", form(csrf, {{"login", "staff1"}}), 404, "没有这个表单"},
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
    return user.post("/console/password", form(csrf, {{"current", "guess-number-x"},
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
