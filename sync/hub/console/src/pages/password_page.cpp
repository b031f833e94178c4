// 修改密码: any user changes their own password (the current one, the new one twice); after an
// administrator's reset every page leads here first. A change ends the user's sessions, so they
// log in again with the new password; it is audited.
#include <algorithm>

#include "../login_limits.hpp"
#include "../page_context.hpp"
#include "common/password_hash.hpp"

namespace hub::console {

Response passwordPage(PageContext& ctx) {
  Data content;
  content.set("csrf", ctx.session.csrf);
  content.set("must_change", ctx.user.mustChange);
  return renderPage(ctx, "password", ctx.t["password_title"], content, false);
}

Response passwordForm(PageContext& ctx, const Fields& form) {
  const auto get = [&](const char* name) {
    const auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  const std::string current = get("current"), next = get("password"), again = get("password2");
  // A wrong current password counts like a wrong login, against the account and the address: a
  // session someone else picked up cannot be used to guess the password. At the lock the
  // session ends (every session of the account: the account is under attack), and it is audited.
  const std::string accountKey = accountLockKey(ctx.user.login), addressKey = addressLockKey(ctx.request.peer);
  if (!common::verifySecret(ctx.user.passwordHash, current)) {
    const std::int64_t locked = std::max(ctx.accounts.recordFailure(accountKey, ctx.now, kFreeFailuresPerAccount),
                                         ctx.accounts.recordFailure(addressKey, ctx.now, kFreeFailuresPerAddress));
    if (locked > ctx.now) {
      ctx.accounts.audit(ctx.user.login, "password_change_locked", "", ctx.request.peer, ctx.now);
      ctx.accounts.endSessionsOf(ctx.user.login);
      return {303, "text/plain; charset=utf-8", "", {{"Location", std::string(paths::kLogin)}}};
    }
    ctx.accounts.audit(ctx.user.login, "password_change_failed", "", ctx.request.peer, ctx.now);
    throw PageError{400, "err_current_password"};
  }
  ctx.accounts.clearFailures(accountKey);
  std::string why;
  if (!common::validPassword(next, &why))
    throw PageError{400, "err_password_" + std::string(common::passwordProblem(next))};
  if (next != again) throw PageError{400, "err_passwords_differ"};
  if (next == current) throw PageError{400, "err_password_same"};
  ctx.accounts.setPasswordHash(ctx.user.login, common::hashPassword(next), false);
  ctx.accounts.audit(ctx.user.login, "password_change", "", ctx.request.peer, ctx.now);
  return {303, "text/plain; charset=utf-8", "", {{"Location", std::string(paths::kLogin) + "?changed=1"}}};
}

}  // namespace hub::console
