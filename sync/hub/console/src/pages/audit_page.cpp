// 审计日志 (administrators): the newest entries of the console's audit log — logins, failures,
// logouts, exports and changes — with who, from where and when.
#include "../page_context.hpp"
#include "common/iso_time.hpp"

namespace hub::console {

Response auditPage(PageContext& ctx) {
  const Strings& t = ctx.t;
  const auto entries = ctx.accounts.auditEntries(500);
  const std::int32_t offset = static_cast<std::int32_t>(ctx.config.utcOffsetMinutes * 60);
  if (ctx.format == "xlsx" || ctx.format == "csv") {
    SheetTable table{t["audit_title"], {t["when"], t["who"], t["action"], t["detail"], t["peer"]}, {}};
    for (const auto& e : entries)
      table.rows.push_back({common::isoTimestamp({e.atUnix, offset}), e.login, e.action, e.detail, e.peer});
    return download(ctx, table, "audit");
  }
  Data list{Data::type::list};
  for (const auto& e : entries) {
    Data d;
    d.set("when", common::isoTimestamp({e.atUnix, offset}));
    d.set("who", e.login);
    d.set("action", e.action);
    d.set("detail", e.detail);
    d.set("peer", e.peer);
    list.push_back(d);
  }
  Data content;
  content.set("rows", list);
  content.set("export_csv", "/console/admin/audit?format=csv");
  return renderPage(ctx, "audit", t["audit_title"], content, false);
}

}  // namespace hub::console
