// Signing in with a second factor (TOTP): a leader or administrator without one is sent to set it
// up before anything else; the QR code's key confirmed with a code turns it on and shows recovery
// codes once; from then on the password alone opens no session — a code does, once; a recovery code
// does, once; wrong codes count towards the account's lock; another administrator resets it,
// audited, never the account itself. Staff are untouched unless the setting names them.
#include <doctest/doctest.h>

#include "console_fixture.hpp"
#include "hub/console/totp.hpp"
#include "hub/core/request_decoding.hpp"

using testing::ConsoleFixture;
using testing::header;
namespace totp = hub::console::totp;

namespace {

std::string csrfOf(const std::string& page) {
  const std::string csrf = testing::hiddenCsrf(page);
  REQUIRE_FALSE(csrf.empty());
  return csrf;
}

// The key shown under the QR code, as the bytes an authenticator app takes from it.
std::string secretOf(const std::string& page) {
  const auto secret = totp::fromBase32(testing::textAfter(page, "<code class=\"totp-secret\">", '<'));
  REQUIRE(secret);
  REQUIRE_FALSE(secret->empty());
  return *secret;
}

// Password step: the response to the login form.
hub::Response password(ConsoleFixture::Browser& b, const std::string& user, const std::string& pass) {
  const auto form = b.get("/console/login");
  return b.post("/console/login", "csrf=" + csrfOf(form.body) + "&login=" + user + "&password=" + pass);
}

hub::Response code(ConsoleFixture::Browser& b, const std::string& page, const std::string& typed) {
  return b.post("/console/login/code", "csrf=" + csrfOf(page) + "&code=" + hub::urlEncode(typed));
}

// Enrols `user` (already past the password) and returns the secret and the recovery codes page.
std::pair<std::string, std::string> enrol(ConsoleFixture& f, ConsoleFixture::Browser& b) {
  const auto page = b.get("/console/second-factor");
  REQUIRE(page.status == 200);
  const std::string secret = secretOf(page.body);
  const auto done = b.post("/console/second-factor",
                           "csrf=" + csrfOf(page.body) + "&code=" + totp::code(secret, totp::stepAt(f.now)));
  REQUIRE(done.status == 200);
  return {secret, done.body};
}

}  // namespace

TEST_CASE("a leader sets up the second factor before anything else, then signs in with a code once") {
  ConsoleFixture f({"leader", "admin"});
  auto leader = f.browser();
  REQUIRE(password(leader, "leader1", "leader1-password").status == 303);  // no factor yet: a session
  // Every page leads to the set-up; forms are refused.
  CHECK(header(leader.get("/console/"), "Location") == "/console/second-factor");
  CHECK(header(leader.get("/console/units"), "Location") == "/console/second-factor");
  const auto page = leader.get("/console/second-factor");
  CHECK(page.body.find("<svg") != std::string::npos);  // the QR code, drawn by the page itself
  CHECK(page.body.find("双因素认证") != std::string::npos);
  CHECK(leader.post("/console/reviews", "csrf=" + csrfOf(page.body)).status == 403);
  // A wrong code keeps the same key on the page, with what to do.
  const std::string secret = secretOf(page.body);
  const auto wrong = leader.post("/console/second-factor", "csrf=" + csrfOf(page.body) + "&code=000000");
  CHECK(wrong.status == 400);
  CHECK(wrong.body.find("验证码不正确") != std::string::npos);
  CHECK(secretOf(wrong.body) == secret);
  const auto on = leader.post("/console/second-factor",
                              "csrf=" + csrfOf(page.body) + "&code=" + totp::code(secret, totp::stepAt(f.now)));
  REQUIRE(on.status == 200);
  CHECK(on.body.find("恢复码") != std::string::npos);
  CHECK(on.body.find("totp-secret") == std::string::npos);  // the key is not shown again
  CHECK(leader.get("/console/").status == 200);
  CHECK(f.accounts->auditEntries({"leader1", "second_factor_on"}, 10).size() == 1);
  // The page now says it is on, never the key again.
  CHECK(leader.get("/console/second-factor").body.find("双因素认证已启用") != std::string::npos);

  // The next sign-in: the password alone gives no session, the code does.
  f.now += 60;
  auto again = f.browser();
  const auto askCode = password(again, "leader1", "leader1-password");
  REQUIRE(askCode.status == 200);
  CHECK(askCode.body.find("动态验证码") != std::string::npos);
  CHECK(header(askCode, "Set-Cookie").find("__Host-session") == std::string::npos);
  CHECK(header(again.get("/console/"), "Location") == "/console/login");
  const auto bad = code(again, askCode.body, "123456");
  CHECK(bad.status == 200);
  CHECK(bad.body.find("验证码不正确") != std::string::npos);
  const std::string good = totp::code(secret, totp::stepAt(f.now));
  const auto in = code(again, bad.body, good);
  REQUIRE(in.status == 303);
  CHECK(again.get("/console/").status == 200);
  CHECK(f.accounts->auditEntries({"leader1", "login_ok"}, 10).front().detail == "totp");

  // The same code again (seen over a shoulder) opens nothing.
  auto thief = f.browser();
  const auto thiefCode = password(thief, "leader1", "leader1-password");
  CHECK(code(thief, thiefCode.body, good).status == 200);
  CHECK(thief.get("/console/").status == 303);
}

TEST_CASE("recovery codes sign in once each, wrong codes lock the account, staff are not asked") {
  ConsoleFixture f({"leader", "admin"});
  auto leader = f.browser();
  REQUIRE(password(leader, "leader1", "leader1-password").status == 303);
  const auto [secret, shown] = enrol(f, leader);
  const auto at = shown.find("<li><code>");
  REQUIRE(at != std::string::npos);
  const std::string recovery = shown.substr(at + 10, 19);  // XXXX-XXXX-XXXX-XXXX
  CHECK(recovery[4] == '-');

  f.now += 60;
  auto phoneLost = f.browser();
  auto ask = password(phoneLost, "leader1", "leader1-password");
  REQUIRE(code(phoneLost, ask.body, " " + recovery + " ").status == 303);  // as copied, spaces and all
  CHECK(f.accounts->auditEntries({"leader1", "login_ok"}, 10).front().detail == "recovery code, 9 left");
  auto twice = f.browser();
  ask = password(twice, "leader1", "leader1-password");
  CHECK(code(twice, ask.body, recovery).status == 200);  // used up

  // Wrong codes count with the wrong passwords (one was the used-up recovery code): the fifth
  // locks the account, the waiting sign-in ends, and then even the right password and code wait.
  f.now += 60;
  auto guesser = f.browser();
  ask = password(guesser, "leader1", "leader1-password");
  std::string page = ask.body;
  for (int i = 0; i < 4; ++i) page = code(guesser, page, "99999" + std::to_string(i)).body;
  CHECK(page.find("尝试次数过多") != std::string::npos);
  CHECK(page.find("action=\"/console/login\"") != std::string::npos);  // back to the password
  auto owner = f.browser();
  CHECK(password(owner, "leader1", "leader1-password").body.find("尝试次数过多") != std::string::npos);
  CHECK(f.accounts->auditEntries({"leader1", "login_failed"}, 10).front().detail == "second factor");

  // Staff sign in with a password, as the setting does not name them.
  auto staff = f.browser();
  REQUIRE(password(staff, "staff1", "staff1-password").status == 303);
  CHECK(staff.get("/console/").status == 200);
}

TEST_CASE("another administrator resets a second factor, audited, never the account itself") {
  ConsoleFixture f({"leader", "admin"});
  auto leader = f.browser();
  REQUIRE(password(leader, "leader1", "leader1-password").status == 303);
  enrol(f, leader);
  f.now += 60;
  auto admin = f.browser();
  REQUIRE(password(admin, "admin", "admin-password").status == 303);
  const auto [adminSecret, adminCodes] = enrol(f, admin);
  const std::string users = admin.get("/console/admin/users").body;
  CHECK(users.find("重置双因素认证") != std::string::npos);
  const std::string csrf = csrfOf(users);
  CHECK(admin.post("/console/admin/users/second-factor-reset", "csrf=" + csrf + "&login=admin").status == 400);
  CHECK(admin.post("/console/admin/users/second-factor-reset", "csrf=" + csrf + "&login=staff1").status == 409);
  REQUIRE(admin.post("/console/admin/users/second-factor-reset", "csrf=" + csrf + "&login=leader1").status == 303);
  CHECK(f.accounts->auditEntries({"admin", "second_factor_reset"}, 10).at(0).detail == "leader1");
  // The leader's session ended; the next sign-in sets a new one up.
  CHECK(leader.get("/console/").status == 303);
  auto back = f.browser();
  REQUIRE(password(back, "leader1", "leader1-password").status == 303);
  CHECK(header(back.get("/console/"), "Location") == "/console/second-factor");
  // Staff cannot reach the reset.
  auto staff = f.browser();
  REQUIRE(password(staff, "staff1", "staff1-password").status == 303);
  CHECK(staff
            .post("/console/admin/users/second-factor-reset",
                  "csrf=" + csrfOf(staff.get("/console/kiosks").body) + "&login=leader1")
            .status == 403);
}
