// 审计日志 (administrators): the console's audit log — logins, failures, logouts, exports, case
// steps, reviews, alerts — with who, from where and when; filtered by user, action and days (hall
// time), and exported as CSV or XLSX with the same filter. `kiosk-hub audit verify` checks its chain.
#include <algorithm>
#include <cctype>

#include "../page_context.hpp"
#include "common/iso_time.hpp"
#include "wire/kiosk_command.hpp"

namespace hub::console {

namespace {

constexpr std::size_t kPageRows = 500;
constexpr std::size_t kExportRows = 100'000;

// Every action the hub writes, in the order the filter offers them.
constexpr const char* kActions[] = {"login_ok",
                                    "login_failed",
                                    "login_locked",
                                    "logout",
                                    "password_change",
                                    "password_change_failed",
                                    "password_change_locked",
                                    "second_factor_on",
                                    "second_factor_reset",
                                    "user_add",
                                    "user_edit",
                                    "user_reset",
                                    "user_passwd",
                                    "user_disable",
                                    "user_enable",
                                    "hall_name",
                                    "export",
                                    "import",
                                    "case_open",
                                    "case_step",
                                    "review_add",
                                    "list_draft",
                                    "list_download",
                                    "list_publish",
                                    "settings_preview",
                                    "settings_download",
                                    "settings_publish",
                                    "kiosk_enrol",
                                    "kiosk_bundle",
                                    "kiosk_move",
                                    "kiosk_revoke",
                                    "kiosk_command",
                                    "update_publish",
                                    "update_pause",
                                    "update_resume",
                                    "update_advance",
                                    "alert",
                                    "alert_sent",
                                    "alert_given_up",
                                    "audit_purge"};

// A word for `key` when the words have one, else `fallback`: an action or actor added later still shows.
std::string wordOr(const Strings& t, const std::string& key, const std::string& fallback) {
  return t.text.count(key) ? t[key] : fallback;
}

// Who acted, as people say it: 姓名（login） for a person, 命令行 / 系统 for the hub itself.
std::string actorName(const PageContext& ctx, const std::string& login) {
  if (login == "-") return ctx.t["audit_actor_none"];
  if (login == "cli" || login == "rule" || login == "alerts") return ctx.t["audit_actor_" + login];
  const std::string& name = ctx.personName(login);
  return name == login ? login : name + "（" + login + "）";
}

// Codes in a detail as words — a role ("li leader"), a case step ("3 approve"), a kiosk command
// ("hall-01-k9 screenshot cmd-3") —; everything else
// (ids, hashes, paths) as written.
std::string detailWords(const Strings& t, const std::string& detail) {
  std::string out, word;
  const auto flush = [&] {
    out += kUserRoleNames.parse(word)                      ? t["role_" + word]
           : caseStepFromString(word).has_value()          ? t["step_" + word]
           : wire::commandKindFromString(word).has_value() ? t["command_" + word]
                                                           : word;
    word.clear();
  };
  for (char c : detail) {
    if (c == ' ') {
      flush();
      out += c;
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

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
  if (!filter.login.empty() && !validLogin(filter.login)) throw PageError{400, "err_audit_user"};
  if (!filter.action.empty() && !validAction(filter.action)) throw PageError{400, "err_audit_action"};
  const std::int64_t offset = ctx.config.utcOffsetMinutes * 60;
  // since/until, not from/to: those are the period picker's, which every page reads (both or none).
  const std::string from = ctx.param("since"), to = ctx.param("until");
  if (!from.empty() && !common::isIsoDay(from)) throw PageError{400, "err_audit_since"};
  if (!to.empty() && !common::isIsoDay(to)) throw PageError{400, "err_audit_until"};
  if (!from.empty() && !to.empty() && from > to) throw PageError{400, "err_audit_order"};
  if (!from.empty()) filter.fromUnix = common::dayNumber(from) * 86'400 - offset;
  if (!to.empty()) filter.toUnix = (common::dayNumber(to) + 1) * 86'400 - offset;

  const bool exporting = ctx.format == "xlsx" || ctx.format == "csv";
  const auto entries = ctx.accounts.auditEntries(filter, exporting ? kExportRows : kPageRows);
  // Hall time to the second, as people write it (the export keeps the code and hash for technicians).
  const auto when = [&](std::int64_t at) {
    const std::string iso = common::isoTimestamp({at, static_cast<std::int32_t>(offset)});
    return iso.substr(0, 10) + " " + iso.substr(11, 8);
  };
  const auto peer = [&](const std::string& p) { return p == "local" ? t["audit_peer_local"] : p; };
  if (exporting) {
    SheetTable table{t["audit_title"],
                     {t["when"], t["who"], t["action"], t["audit_code"], t["detail"], t["peer"], t["audit_hash"]},
                     {}};
    for (const auto& e : entries)
      table.rows.push_back({when(e.atUnix), actorName(ctx, e.login), wordOr(t, "audit_" + e.action, e.action), e.action,
                            detailWords(t, e.detail), peer(e.peer), e.hash});
    return download(ctx, table, "audit");
  }
  Data list{Data::type::list};
  for (const auto& e : entries) {
    Data d;
    d.set("when", when(e.atUnix));
    d.set("who", actorName(ctx, e.login));
    d.set("action", wordOr(t, "audit_" + e.action, e.action));
    d.set("code", e.action);
    d.set("detail", detailWords(t, e.detail));
    d.set("peer", peer(e.peer));
    list.push_back(d);
  }
  Data content;
  content.set("rows", list);
  content.set("user", filter.login);
  Data actions{Data::type::list};
  for (const char* a : kActions) {
    Data option;
    option.set("value", std::string(a));
    option.set("label", t["audit_" + std::string(a)]);
    option.set("selected", filter.action == a);
    actions.push_back(option);
  }
  content.set("actions", actions);
  content.set("from", from);
  content.set("to", to);
  content.set("shown", std::to_string(entries.size()));
  content.set("capped", entries.size() == kPageRows);
  content.set("export_csv", std::string(paths::kAdminAudit) + "?format=csv&user=" + urlEncode(filter.login) +
                                "&action=" + urlEncode(filter.action) + "&since=" + from + "&until=" + to);
  return renderPage(ctx, "audit", t["audit_title"], content, false);
}

}  // namespace hub::console
