// 审计日志 (administrators): the console's audit log — logins, failures, logouts, exports, case
// steps, reviews, alerts — with who, from where and when; filtered by user, action and days (hall
// time), and exported as CSV or XLSX with the same filter. `kiosk-hub audit verify` checks its chain.
#include <algorithm>
#include <cctype>

#include "../page_context.hpp"
#include "common/iso_time.hpp"

namespace hub::console {

namespace {

constexpr std::size_t kPageRows = 500;
constexpr std::size_t kExportRows = 100'000;

bool validAction(const std::string& a) {
  return !a.empty() && a.size() <= 40 &&
         std::all_of(a.begin(), a.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

}  // namespace

Response auditPage(PageContext& ctx) {
  const Strings& t = ctx.t;
  AccountStore::AuditFilter filter;
  filter.login = ctx.param("user");
  filter.action = ctx.param("action");
  if (!filter.login.empty() && !validLogin(filter.login)) throw PageError{400, "user: not a user name"};
  if (!filter.action.empty() && !validAction(filter.action))
    throw PageError{400, "action: lower-case letters and _ only, e.g. login_failed"};
  const std::int64_t offset = ctx.config.utcOffsetMinutes * 60;
  // since/until, not from/to: those are the period picker's, which every page reads (both or none).
  const std::string from = ctx.param("since"), to = ctx.param("until");
  if (!from.empty() && !common::isIsoDay(from)) throw PageError{400, "since: a date as YYYY-MM-DD"};
  if (!to.empty() && !common::isIsoDay(to)) throw PageError{400, "until: a date as YYYY-MM-DD"};
  if (!from.empty() && !to.empty() && from > to) throw PageError{400, "since: after until"};
  if (!from.empty()) filter.fromUnix = common::dayNumber(from) * 86'400 - offset;
  if (!to.empty()) filter.toUnix = (common::dayNumber(to) + 1) * 86'400 - offset;

  const bool exporting = ctx.format == "xlsx" || ctx.format == "csv";
  const auto entries = ctx.accounts.auditEntries(filter, exporting ? kExportRows : kPageRows);
  const auto when = [&](std::int64_t at) { return common::isoTimestamp({at, static_cast<std::int32_t>(offset)}); };
  if (exporting) {
    SheetTable table{t["audit_title"], {t["when"], t["who"], t["action"], t["detail"], t["peer"], "hash"}, {}};
    for (const auto& e : entries) table.rows.push_back({when(e.atUnix), e.login, e.action, e.detail, e.peer, e.hash});
    return download(ctx, table, "audit");
  }
  Data list{Data::type::list};
  for (const auto& e : entries) {
    Data d;
    d.set("when", when(e.atUnix));
    // The audit log is also a technician's: the person's name, and the login it was recorded under.
    const std::string& name = ctx.personName(e.login);
    d.set("who", name == e.login ? e.login : name + "（" + e.login + "）");
    d.set("action", e.action);
    d.set("detail", e.detail);
    d.set("peer", e.peer);
    list.push_back(d);
  }
  Data content;
  content.set("rows", list);
  content.set("user", filter.login);
  content.set("action", filter.action);
  content.set("from", from);
  content.set("to", to);
  content.set("shown", std::to_string(entries.size()));
  content.set("capped", entries.size() == kPageRows);
  content.set("export_csv", std::string(paths::kAdminAudit) + "?format=csv&user=" + urlEncode(filter.login) +
                                "&action=" + urlEncode(filter.action) + "&since=" + from + "&until=" + to);
  return renderPage(ctx, "audit", t["audit_title"], content, false);
}

}  // namespace hub::console
