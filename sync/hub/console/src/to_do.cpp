// What needs the signed-in user, counted once a page: the menu's count beside 整改 and the overview's
// 待办 cards. Staff: cases waiting for them (verify, rectify, report, explain); leaders and
// administrators: reports and appeals to review (待我复核); everyone: overdue cases in their halls;
// administrators also: silent kiosks and list drafts not yet published.
#include "page_context.hpp"

#include "hub/core/case_todo.hpp"

namespace hub::console {

CaseTurn myTurn(const PageContext& ctx) {
  return ctx.user.role == UserRole::Staff ? CaseTurn::Staff : CaseTurn::Reviewer;
}

ToDo toDoOf(const PageContext& ctx) {
  if (ctx.todo) return *ctx.todo;
  ToDo todo;
  const CaseTurn mine = myTurn(ctx);
  for (const auto& c : ctx.cases.list(ctx.scope)) {
    if (turnOf(c.state) == mine) ++todo.mine;
    if (isOverdue(c.state, c.deadline, ctx.today)) ++todo.overdue;
  }
  if (ctx.user.role == UserRole::Admin) {
    todo.silentKiosks = silentKioskCount(ctx);
    todo.drafts = ctx.drafts.unpublishedSince(ctx.now - 30 * 86'400);  // older ones were given up
  }
  ctx.todo = todo;
  return todo;
}

}  // namespace hub::console
