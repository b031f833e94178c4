// 用户管理 (administrators): every console account with its role, halls and state; forms to create
// an account (with a first password the user must change at the first login), to reset a password
// (the same) and to disable an account. Each change ends the user's sessions where it should and is
// audited; every field is checked and named when wrong, and nothing is stored then.
#include <algorithm>

#include "../page_context.hpp"
#include "common/password_hash.hpp"
#include "wire/list_limits.hpp"

namespace hub::console {

namespace {

std::string field(const Fields& form, const char* name) {
  const auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

std::string checkedPassword(const Fields& form) {
  const std::string password = field(form, "password");
  std::string why;
  if (!common::validPassword(password, &why)) throw PageError{400, "password: " + why};
  return password;
}

// "hall-01, hall-02" or one per line, as an administrator types them.
std::vector<std::string> hallsOf(const std::string& text) {
  std::vector<std::string> halls;
  std::string current;
  for (char c : text + ",") {
    if (c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ';') {
      if (!current.empty() && std::find(halls.begin(), halls.end(), current) == halls.end()) halls.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  return halls;
}

Response backToUsers() {
  return {303, "text/plain; charset=utf-8", "", {{"Location", std::string(paths::kAdminUsers)}}};
}

}  // namespace

Response usersPage(PageContext& ctx) {
  const Strings& t = ctx.t;
  Data rows{Data::type::list};
  const auto enrolled = ctx.secondFactors->enrolled();
  for (const auto& u : ctx.accounts.users()) {
    Data row;
    row.set("login", u.login);
    row.set("role", t["role_" + std::string(kUserRoleNames.nameOf(u.role))]);
    std::string halls;
    for (const auto& h : u.halls) halls += (halls.empty() ? "" : ", ") + h;
    row.set("halls", u.role == UserRole::Admin ? t["all_halls"] : halls);
    row.set("state", u.disabled ? t["user_disabled"] : u.mustChange ? t["user_must_change"] : t["user_active"]);
    row.set("created", u.createdUnix ? localTime(ctx, u.createdUnix) : "—");
    const bool on = enrolled.count(u.login) > 0;
    row.set("second_factor", on ? t["user_second_factor_on"] : t["user_second_factor_off"]);
    row.set("second_factor_on", on);
    if (!u.disabled && u.login != ctx.user.login) row.set("actions", true);  // not one's own account here
    rows.push_back(row);
  }
  Data content;
  content.set("users", rows);
  content.set("csrf", ctx.session.csrf);
  std::string known;
  for (const auto& h : ctx.halls) known += (known.empty() ? "" : ", ") + h;
  content.set("known_halls", known);
  return renderPage(ctx, "users", t["users_title"], content, false);
}

Response userForm(PageContext& ctx, const Fields& form) {
  const std::string login = field(form, "login");
  if (!validLogin(login)) throw PageError{400, "login: use 1-64 letters, digits, '.', '_' or '-'"};
  const std::string& path = ctx.path;
  if (path == paths::kAdminUsers) {
    const auto role = kUserRoleNames.parse(field(form, "role"));
    if (!role) throw PageError{400, "role: must be staff, leader or admin"};
    const auto halls = *role == UserRole::Admin ? std::vector<std::string>{} : hallsOf(field(form, "halls"));
    if (*role != UserRole::Admin && halls.empty()) throw PageError{400, "halls: staff and leaders need at least one"};
    for (const auto& h : halls)
      if (!wire::limits::isSafeId(h)) throw PageError{400, "halls: " + h.substr(0, 64) + " is not a hall id"};
    if (ctx.accounts.user(login)) throw PageError{409, "login: " + login + " already exists"};
    const std::string password = checkedPassword(form);
    ctx.accounts.addUser(login, *role, halls, common::hashPassword(password), ctx.now, true);
    ctx.accounts.audit(ctx.user.login, "user_add", login + " " + std::string(kUserRoleNames.nameOf(*role)),
                       ctx.request.peer, ctx.now);
    return backToUsers();
  }
  if (login == ctx.user.login) throw PageError{400, "login: change your own password on the password page"};
  if (!ctx.accounts.user(login)) throw PageError{404, "login: no user " + login};
  if (path == paths::kAdminUserReset) {
    const std::string password = checkedPassword(form);
    ctx.accounts.setPasswordHash(login, common::hashPassword(password), true);
    ctx.accounts.audit(ctx.user.login, "user_reset", login, ctx.request.peer, ctx.now);
    return backToUsers();
  }
  if (path == paths::kAdminUserSecondFactorReset) {
    // Another administrator's act (never one's own: checked above), audited; the account sets up a
    // new one at its next sign-in, and its sessions end so that happens now.
    if (!ctx.secondFactors->reset(login)) throw PageError{409, "login: " + login + " has no second factor to reset"};
    ctx.accounts.endSessionsOf(login);
    ctx.accounts.audit(ctx.user.login, "second_factor_reset", login, ctx.request.peer, ctx.now);
    return backToUsers();
  }
  if (path == paths::kAdminUserDisable) {
    ctx.accounts.disableUser(login);
    ctx.accounts.audit(ctx.user.login, "user_disable", login, ctx.request.peer, ctx.now);
    return backToUsers();
  }
  throw PageError{404, "no such form: " + path};
}

}  // namespace hub::console
