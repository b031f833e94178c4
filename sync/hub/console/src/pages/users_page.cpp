// 用户管理 (administrators): every console account with its 姓名, 科室, 电话, role, halls (by name),
// state and last sign-in; forms to create an account (with a first password the user must change at
// the first login), to change an account's role, halls and details, to reset a password (the same),
// to disable an account and to enable it again. Halls are ticked from the list, not typed. Each
// change ends the user's sessions where it should and is audited; a mistake shows this page again
// with the message in the reader's language and what was typed, and stores nothing.
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

// A mistake on the users page: shown on the page itself, above the form it came from.
struct FormMistake {
  int status;
  std::string message;
};

// What an administrator typed into a form, to show it again after a mistake.
struct Typed {
  std::string form;  // "new", or the login whose edit form it was
  std::string login, fullName, department, phone, role;
  std::vector<std::string> halls;
};

// Halls ticked ("hall:hall-01" = on), and for scripts the older "halls" text ("hall-01, hall-02").
std::vector<std::string> hallsOf(const Fields& form) {
  std::vector<std::string> halls;
  const auto add = [&](const std::string& h) {
    if (!h.empty() && std::find(halls.begin(), halls.end(), h) == halls.end()) halls.push_back(h);
  };
  for (const auto& [name, value] : form)
    if (name.rfind("hall:", 0) == 0 && !value.empty()) add(name.substr(5));
  std::string current;
  for (char c : field(form, "halls") + ",") {
    if (c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ';') {
      add(current);
      current.clear();
    } else {
      current += c;
    }
  }
  return halls;
}

Typed typedFrom(const Fields& form, const std::string& which) {
  return {which,
          field(form, "login"),
          field(form, "full_name"),
          field(form, "department"),
          field(form, "phone"),
          field(form, "role"),
          hallsOf(form)};
}

std::string checkedPassword(const Strings& t, const Fields& form) {
  const std::string password = field(form, "password");
  if (const auto problem = common::passwordProblem(password); !problem.empty())
    throw FormMistake{400, t["err_password_" + std::string(problem)]};
  return password;
}

UserProfile checkedProfile(const PageContext& ctx, const Fields& form) {
  const Strings& t = ctx.t;
  const auto role = kUserRoleNames.parse(field(form, "role"));
  if (!role) throw FormMistake{400, t["err_role"]};
  UserProfile p{*role, *role == UserRole::Admin ? std::vector<std::string>{} : hallsOf(form), field(form, "full_name"),
                field(form, "department"), field(form, "phone")};
  for (const auto& h : p.halls)
    if (!wire::limits::isSafeId(h)) throw FormMistake{400, replaceText(t["err_not_a_hall"], "{hall}", h.substr(0, 64))};
  if (const auto problem = profileProblem(p); !problem.empty()) throw FormMistake{400, t[problem]};
  return p;
}

// Back to the list, saying what was done: by a word and a login, never by text in the address (a
// link someone sends could otherwise put any words on an administrator's page).
Response backToUsers(const char* done, const std::string& login) {
  return {303,
          "text/plain; charset=utf-8",
          "",
          {{"Location", std::string(paths::kAdminUsers) + "?done=" + done + "&login=" + urlEncode(login)}}};
}

Data roleChoices(const Strings& t, const std::string& selected) {
  Data roles{Data::type::list};
  for (const UserRole r : {UserRole::Staff, UserRole::Leader, UserRole::Admin}) {
    const std::string name(kUserRoleNames.nameOf(r));
    Data option;
    option.set("value", name);
    option.set("label", t["role_" + name]);
    option.set("selected", name == selected);
    roles.push_back(option);
  }
  return roles;
}

Data hallChoices(const PageContext& ctx, const std::vector<std::string>& ticked) {
  Data halls{Data::type::list};
  std::vector<std::string> all = ctx.halls;
  for (const auto& h : ticked)  // a hall the account has but no list or kiosk names yet
    if (std::find(all.begin(), all.end(), h) == all.end()) all.push_back(h);
  for (const auto& h : all) {
    Data option;
    option.set("value", h);
    option.set("label", ctx.hallName(h));
    option.set("checked", std::find(ticked.begin(), ticked.end(), h) != ticked.end());
    halls.push_back(option);
  }
  return halls;
}

Response usersPageWith(PageContext& ctx, int status, const std::string& message, const Typed* typed) {
  const Strings& t = ctx.t;
  Data rows{Data::type::list};
  const auto enrolled = ctx.secondFactors->enrolled();
  bool placed = false;  // whether the message went beside the form it came from
  for (const auto& u : ctx.accounts.users()) {
    const bool self = u.login == ctx.user.login;  // one's own account is changed on the password page
    const bool retyped = typed && typed->form == u.login && !u.disabled && !self;
    placed = placed || retyped;
    Data row;
    row.set("login", u.login);
    row.set("name", u.fullName.empty() ? u.login : u.fullName);
    row.set("named", !u.fullName.empty());
    row.set("department", u.department);
    row.set("phone", u.phone);
    row.set("role", t["role_" + std::string(kUserRoleNames.nameOf(u.role))]);
    std::string halls;
    for (const auto& h : u.halls) halls += (halls.empty() ? "" : "、") + ctx.hallName(h);
    row.set("halls", u.role == UserRole::Admin ? t["all_halls"] : halls);
    row.set("state", u.disabled ? t["user_disabled"] : u.mustChange ? t["user_must_change"] : t["user_active"]);
    row.set("last_login", u.lastLoginUnix ? localTime(ctx, u.lastLoginUnix).substr(0, 16) : t["never_logged_in"]);
    const bool on = enrolled.count(u.login) > 0;
    row.set("second_factor", on ? t["user_second_factor_on"] : t["user_second_factor_off"]);
    row.set("second_factor_on", on);
    row.set("actions", !u.disabled && !self);
    row.set("enable", u.disabled && !self);
    row.set("open", retyped);
    row.set("edit_name", retyped ? typed->fullName : u.fullName);
    row.set("edit_department", retyped ? typed->department : u.department);
    row.set("edit_phone", retyped ? typed->phone : u.phone);
    row.set("roles", roleChoices(t, retyped ? typed->role : std::string(kUserRoleNames.nameOf(u.role))));
    row.set("hall_choices", hallChoices(ctx, retyped ? typed->halls : u.halls));
    if (retyped) row.set("row_message", message);
    rows.push_back(row);
  }
  Data content;
  content.set("users", rows);
  content.set("csrf", ctx.session.csrf);
  const bool newForm = typed && typed->form == "new";
  if (newForm) content.set("new_message", message);
  if (!message.empty() && !newForm && !placed) content.set("message", message);
  if (const auto done = ctx.param("done");
      (done == "created" || done == "saved") && message.empty() && validLogin(ctx.param("login")))
    content.set("notice", replaceText(t["user_" + done], "{login}", ctx.personName(ctx.param("login"))));
  content.set("new_login", newForm ? typed->login : "");
  content.set("new_name", newForm ? typed->fullName : "");
  content.set("new_department", newForm ? typed->department : "");
  content.set("new_phone", newForm ? typed->phone : "");
  content.set("new_roles", roleChoices(t, newForm ? typed->role : "staff"));
  content.set("new_halls", hallChoices(ctx, newForm ? typed->halls : std::vector<std::string>{}));
  Response res = renderPage(ctx, "users", t["users_title"], content, false);
  res.status = status;
  return res;
}

Response changeUser(PageContext& ctx, const Fields& form) {
  const Strings& t = ctx.t;
  const std::string login = field(form, "login");
  const std::string& path = ctx.path;
  if (!validLogin(login)) throw FormMistake{400, t["err_login_name"]};
  if (path == paths::kAdminUsers) {
    const UserProfile p = checkedProfile(ctx, form);
    if (ctx.accounts.user(login)) throw FormMistake{409, replaceText(t["err_login_taken"], "{login}", login)};
    const std::string password = checkedPassword(t, form);
    ctx.accounts.addUser(login, p.role, p.halls, common::hashPassword(password), ctx.now, true);
    ctx.accounts.updateUser(login, p);
    ctx.accounts.audit(ctx.user.login, "user_add", login + " " + std::string(kUserRoleNames.nameOf(p.role)),
                       ctx.request.peer, ctx.now);
    return backToUsers("created", login);
  }
  if (login == ctx.user.login) throw FormMistake{400, t["err_own_account"]};
  const auto user = ctx.accounts.user(login);
  if (!user) throw FormMistake{404, replaceText(t["err_no_user"], "{login}", login)};
  if (path == paths::kAdminUserEdit) {
    const UserProfile p = checkedProfile(ctx, form);
    ctx.accounts.updateUser(login, p);
    std::string halls;
    for (const auto& h : p.halls) halls += " " + h;
    ctx.accounts.audit(ctx.user.login, "user_edit", login + " " + std::string(kUserRoleNames.nameOf(p.role)) + halls,
                       ctx.request.peer, ctx.now);
    return backToUsers("saved", login);
  }
  if (path == paths::kAdminUserReset) {
    const std::string password = checkedPassword(t, form);
    ctx.accounts.setPasswordHash(login, common::hashPassword(password), true);
    ctx.accounts.audit(ctx.user.login, "user_reset", login, ctx.request.peer, ctx.now);
    return backToUsers("saved", login);
  }
  if (path == paths::kAdminUserSecondFactorReset) {
    // Another administrator's act (never one's own: checked above), audited; the account sets up a
    // new one at its next sign-in, and its sessions end so that happens now.
    if (!ctx.secondFactors->reset(login))
      throw FormMistake{409, replaceText(t["err_no_second_factor"], "{login}", login)};
    ctx.accounts.endSessionsOf(login);
    ctx.accounts.audit(ctx.user.login, "second_factor_reset", login, ctx.request.peer, ctx.now);
    return backToUsers("saved", login);
  }
  if (path == paths::kAdminUserDisable) {
    ctx.accounts.disableUser(login);
    ctx.accounts.audit(ctx.user.login, "user_disable", login, ctx.request.peer, ctx.now);
    return backToUsers("saved", login);
  }
  if (path == paths::kAdminUserEnable) {
    ctx.accounts.enableUser(login);
    ctx.accounts.audit(ctx.user.login, "user_enable", login, ctx.request.peer, ctx.now);
    return backToUsers("saved", login);
  }
  throw PageError{404, replaceText(t["err_no_such_form"], "{path}", path)};
}

}  // namespace

Response usersPage(PageContext& ctx) { return usersPageWith(ctx, 200, "", nullptr); }

Response userForm(PageContext& ctx, const Fields& form) {
  try {
    return changeUser(ctx, form);
  } catch (const FormMistake& m) {
    // The page again, the message above the form it came from, what was typed still in it.
    const Typed typed = typedFrom(form, ctx.path == paths::kAdminUsers      ? "new"
                                        : ctx.path == paths::kAdminUserEdit ? field(form, "login")
                                                                            : "");
    return usersPageWith(ctx, m.status, m.message, &typed);
  }
}

}  // namespace hub::console
