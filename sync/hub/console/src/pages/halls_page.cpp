// 大厅名称 (administrators): every hall the hub knows (from lists, kiosks and counts) or has a name
// for, with its id, display name and order; one form per hall. Names are what every page, export
// and alert shows; ids stay what kiosks, lists and tokens use. A mistake shows the page again with
// the message beside the hall and what was typed; nothing is stored then.
#include <algorithm>
#include <stdexcept>

#include "../page_context.hpp"
#include "hub/store/tally_queries.hpp"

namespace hub::console {

namespace {

std::string field(const Fields& form, const char* name) {
  const auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

struct TypedHall {
  std::string hall, name, order, message;
};

Response hallsPageWith(PageContext& ctx, int status, const TypedHall* typed, const std::string& notice) {
  const Strings& t = ctx.t;
  std::vector<std::string> halls = queries::knownHalls(ctx.db);
  std::map<std::string, HallName> named;
  for (const auto& n : ctx.hallDirectory->list()) {
    named[n.hall] = n;
    if (std::find(halls.begin(), halls.end(), n.hall) == halls.end()) halls.push_back(n.hall);
  }
  Data rows{Data::type::list};
  bool placed = false;  // whether the message went beside its hall
  for (const auto& h : ctx.hallNames.ordered(halls)) {
    const auto it = named.find(h);
    const bool retyped = typed && typed->hall == h;
    placed = placed || retyped;
    Data row;
    row.set("hall", h);
    row.set("name", retyped ? typed->name : it == named.end() ? std::string() : it->second.name);
    row.set("order", retyped ? typed->order : it == named.end() ? std::string() : std::to_string(it->second.order));
    if (retyped) row.set("row_message", typed->message);
    rows.push_back(row);
  }
  Data content;
  content.set("halls", rows);
  content.set("csrf", ctx.session.csrf);
  if (!notice.empty()) content.set("notice", notice);
  if (typed && !placed) content.set("message", typed->message);
  Response res = renderPage(ctx, "halls", t["halls_title"], content, false);
  res.status = status;
  return res;
}

}  // namespace

Response hallsPage(PageContext& ctx) {
  // "?done=hall-01" after a change: the notice is made here from the stored name, never from the address.
  const std::string done = ctx.param("done");
  std::string notice;
  if (!done.empty() && ctx.hallNames.named(done))
    notice = replaceText(replaceText(ctx.t["hall_saved"], "{hall}", done), "{name}", ctx.hallName(done));
  return hallsPageWith(ctx, 200, nullptr, notice);
}

Response hallForm(PageContext& ctx, const Fields& form) {
  const Strings& t = ctx.t;
  TypedHall typed{field(form, "hall"), field(form, "name"), field(form, "order"), ""};
  std::int64_t order = 0;
  const std::string& o = typed.order;
  if (!o.empty() && (o.size() > 4 || !std::all_of(o.begin(), o.end(), [](char c) { return c >= '0' && c <= '9'; }))) {
    typed.message = t["err_hall_order"];
    return hallsPageWith(ctx, 400, &typed, "");
  }
  if (!o.empty()) order = std::stoll(o);
  try {
    ctx.hallDirectory->name(typed.hall, typed.name, order, ctx.now);
  } catch (const std::invalid_argument& e) {
    typed.message = replaceText(t[e.what()], "{hall}", typed.hall.substr(0, 64));
    return hallsPageWith(ctx, 400, &typed, "");
  }
  ctx.accounts.audit(ctx.user.login, "hall_name", typed.hall + " " + typed.name + " " + std::to_string(order),
                     ctx.request.peer, ctx.now);
  return {303,
          "text/plain; charset=utf-8",
          "",
          {{"Location", std::string(paths::kAdminHalls) + "?done=" + urlEncode(typed.hall)}}};
}

}  // namespace hub::console
