// The leader review form (领导点评): a leader or an administrator writes a note on a unit of one of
// their halls, for the current half-year. Shown on the 单位 page and on its commitments' pages.
#include <algorithm>

#include "../page_context.hpp"
#include "wire/list_limits.hpp"

namespace hub::console {

Response reviewForm(PageContext& ctx, const Fields& form) {
  const auto field = [&](const char* name) {
    const auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  if (ctx.user.role == UserRole::Staff) throw PageError{403, "err_review_leaders_only"};
  const std::string hall = field("hall"), unit = field("unit"), note = field("note");
  if (!wire::limits::isSafeId(hall)) throw PageError{400, "err_hall_id"};
  if (!ctx.user.mayReadHall(hall)) throw PageError{403, replaceText(ctx.t["err_not_your_hall"], "{hall}", hall)};
  const auto list = ctx.catalog.current(ctx.db, hall);
  if (unit.empty() || !list ||
      std::none_of(list->commitments.begin(), list->commitments.end(),
                   [&](const wire::Commitment& c) { return c.holder.unit == unit; }))
    throw PageError{400, "err_review_unit", {{"{unit}", unit}, {"{hall}", ctx.hallName(hall)}}};
  if (note.find_first_not_of(" \t\r\n") == std::string::npos) throw PageError{400, "err_review_empty"};
  if (note.size() > 2000) throw PageError{400, "err_note_long"};
  const auto review = ctx.reviews.add(hall, unit, halfYearOf(ctx.today), ctx.user.login, note, ctx.now);
  ctx.accounts.audit(ctx.user.login, "review_add", std::to_string(review.id) + " " + hall + " " + unit,
                     ctx.request.peer, ctx.now);
  return {
      303, "text/plain; charset=utf-8", "", {{"Location", std::string(paths::kUnits) + "?hall=" + urlEncode(hall)}}};
}

}  // namespace hub::console
