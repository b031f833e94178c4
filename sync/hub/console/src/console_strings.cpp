#include "hub/console/console_strings.hpp"

#include <vector>

namespace hub::console {

namespace {

struct Entry {
  const char* key;
  const char* zh;
  const char* en;
};

// Keep sorted by page: shared words first.
const std::vector<Entry>& entries() {
  static const std::vector<Entry> table{
      {"product", "公开承诺群众评议", "Commitment ratings"},
      {"nav_overview", "概览", "Overview"},
      {"nav_commitments", "承诺", "Commitments"},
      {"nav_units", "单位", "Units"},
      {"nav_rectifications", "整改", "Rectification"},
      {"nav_kiosks", "设备", "Kiosks"},
      {"nav_audit", "审计日志", "Audit log"},
      {"logout", "退出", "Log out"},
      {"period", "统计期间", "Period"},
      {"p_today", "今日", "Today"},
      {"p_week", "本周", "This week"},
      {"p_month", "本月", "This month"},
      {"p_last_month", "上月", "Last month"},
      {"p_half_year", "本半年", "This half-year"},
      {"p_custom", "自定义", "Custom"},
      {"from", "从", "From"},
      {"to", "至", "To"},
      {"hall", "大厅", "Hall"},
      {"all_halls", "全部大厅", "All halls"},
      {"apply", "查询", "Show"},
      {"good", "好", "Good"},
      {"fair", "一般", "Fair"},
      {"poor", "差", "Poor"},
      {"total", "合计", "Total"},
      {"satisfaction", "满意率", "Satisfaction"},
      {"fair_or_worse", "一般及以下占比", "Fair or worse"},
      {"filtered", "过滤的点击", "Filtered taps"},
      {"export_xlsx", "导出 Excel", "Export Excel"},
      {"export_csv", "导出 CSV", "Export CSV"},
      {"print", "打印台账", "Print ledger"},
      {"none", "本期间没有数据。", "No data in this period."},
      {"below_min", "票数少于最低显示数的单元格显示为“—”，以免推断出个人的评价。",
       "Cells with fewer votes than the minimum show “—”, so no single rating can be inferred."},
      {"login_title", "登录", "Log in"},
      {"login_name", "用户名", "User name"},
      {"password", "密码", "Password"},
      {"login_button", "登录", "Log in"},
      {"login_failed", "用户名或密码不正确。", "Wrong user name or password."},
      {"login_locked", "尝试次数过多，请稍后再试（约 {m} 分钟）。", "Too many attempts; try again in about {m} min."},
      {"login_expired", "登录已过期，请重新登录。", "Your session ended; please log in again."},
      {"trend", "每日评价趋势", "Ratings per day"},
      {"heat", "评价时段分布（星期 × 小时）", "When residents rate (weekday × hour)"},
      {"overview_title", "评价概览", "Overview"},
      {"commitment", "承诺", "Commitment"},
      {"id", "编号", "ID"},
      {"holder", "承诺人", "Holder"},
      {"unit", "单位", "Unit"},
      {"kind", "类别", "Kind"},
      {"term", "期限", "Term"},
      {"all", "全部", "All"},
      {"filter", "筛选", "Filter"},
      {"page_prev", "上一页", "Previous"},
      {"page_next", "下一页", "Next"},
      {"rows_shown", "共 {n} 条", "{n} rows"},
      {"reasons", "“差”评原因", "Reasons given with “poor”"},
      {"reason", "原因", "Reason"},
      {"count", "票数", "Votes"},
      {"versions", "出现在以下承诺清单版本", "List versions it appeared in"},
      {"version", "版本", "Version"},
      {"changes", "本版变更", "Changed in this version"},
      {"first_version", "首次发布", "First published"},
      {"unchanged", "未变更", "Unchanged"},
      {"post", "岗位", "Post"},
      {"valid", "有效期", "Valid"},
      {"published", "发布时间", "Published"},
      {"text", "承诺内容", "Text"},
      {"units_title", "单位排名", "Units ranked"},
      {"review", "领导点评", "Leader review"},
      {"review_write", "写点评", "Write a review"},
      {"review_submit", "提交点评", "Submit review"},
      {"review_missing", "半年内未点评", "No review in six months"},
      {"review_half", "点评半年度", "Half-year"},
      {"case_on_time", "按期", "On time"},
      {"yes", "是", "Yes"},
      {"no", "否", "No"},
      {"reviews_of_unit", "所在单位的领导点评", "Leader reviews of its unit"},
      {"by_kind", "按承诺人类别", "By holder kind"},
      {"by_hall", "按大厅", "By hall"},
      {"rank", "名次", "Rank"},
      {"rect_title", "限期整改", "Rectification"},
      {"rect_rule",
       "规则：一般及以下占比 ≥ {p}，且不少于 {n} 票。近 {w} 天超出规则的承诺自动立案，整改期限 {k} "
       "个工作日（今日立案截止 {d}）。",
       "Rule: fair or worse ≥ {p} with at least {n} votes. Over it in the last {w} days, a case opens by itself with "
       "{k} working days to rectify (opened today: due {d})."},
      {"deadline", "整改期限", "Deadline"},
      {"case_state", "整改状态", "Case"},
      {"case_open", "待核实", "To verify"},
      {"rect_none", "本期间没有需要整改的承诺。", "Nothing needs rectification in this period."},
      {"cases_title", "整改案件", "Cases"},
      {"unit_rollup", "单位汇总", "Units"},
      {"dispute_days", "认定有误的评价日期（仅用于“申诉成立，标记评价有误”）：",
       "Days whose ratings were found mistaken (only for “Appeal upheld: mark disputed”):"},
      {"disputes_title", "评价复核", "Disputed ratings"},
      {"disputed_days", "认定有误的日期", "Disputed days"},
      {"dispute_reason", "复核意见", "Finding"},
      {"raw", "原始", "Raw"},
      {"adjusted", "调整后", "Adjusted"},
      {"adjusted_note", "复核认定部分评价有误：原始数据保持不变，调整后数据剔除所列日期的评价。",
       "Some ratings were found mistaken on re-review: the raw figures stay as uploaded; the adjusted ones leave out "
       "the days listed."},
      {"version_votes", "本版评价数", "Ratings"},
      {"version_satisfaction", "本版满意率", "Satisfaction"},
      {"version_unrecorded", "升级前的评价（当时未记录版本）", "Ratings from before versions were recorded"},
      {"versions_note", "本版评价数、满意率：该版本在评价器上展示期间的全部评价，不限上方的统计期间。",
       "Ratings and satisfaction per version: everything rated while that version was shown, whatever the period "
       "above."},
      {"commitments_n", "承诺数", "Commitments"},
      {"cases_appealed", "申诉", "Appealed"},
      {"last_review", "最近点评", "Last review"},
      {"no_unit", "（未填单位）", "(no unit)"},
      {"cases_in_period", "本期立案", "Cases opened"},
      {"rectification_rate", "整改率", "Rectified"},
      {"on_time_rate", "按期整改率", "Done on time"},
      {"rect_over_rule", "本期间超出整改规则的承诺", "Commitments over the rule in this period"},
      {"cases_none", "目前没有整改案件。", "No cases yet."},
      {"case", "案件", "Case"},
      {"case_new", "立案", "Open a case"},
      {"case_rule", "系统（超出整改规则）", "the hub (over the rule)"},
      {"case_opened", "立案日期", "Opened"},
      {"case_opened_by", "立案人", "Opened by"},
      {"case_trigger", "立案原因", "Why"},
      {"case_outcome", "整改情况", "Outcome"},
      {"case_done", "整改完成日期", "Reported done"},
      {"case_closed", "办结日期", "Closed"},
      {"case_overdue", "已逾期", "Overdue"},
      {"case_steps", "办理记录", "Steps"},
      {"case_step", "办理", "Step"},
      {"case_take", "提交", "Submit"},
      {"case_note", "说明", "Note"},
      {"case_from_to", "状态变化", "State change"},
      {"case_rule_trigger", "近 {d} 天一般及以下占比 {p}（{n} 票）", "fair or worse {p} of {n} votes over {d} days"},
      {"case_no_steps", "没有可以办理的步骤。", "No step is open to you."},
      {"case_no_steps_yet", "尚无办理记录。", "No step taken yet."},
      {"state_verifying", "待核实", "To verify"},
      {"state_rectifying", "整改中", "Rectifying"},
      {"state_awaiting_review", "已整改待复核", "Done, awaiting review"},
      {"state_closed", "已销号", "Closed"},
      {"state_explained", "解释说明", "Explained"},
      {"state_appealed", "申诉中", "Appealed"},
      {"state_disputed", "复核认定评价有误", "Ratings disputed"},
      {"step_confirm", "核实属实，开始整改", "Confirmed: rectify"},
      {"step_explain", "解释说明（无过错）", "Explain (no fault)"},
      {"step_appeal", "申诉（评价有误或恶意）", "Appeal (mistaken or malicious)"},
      {"step_report_done", "整改完成，申请复核", "Done: request review"},
      {"step_approve", "复核通过，销号", "Review passed: close"},
      {"step_send_back", "复核未通过，退回整改", "Review failed: send back"},
      {"step_uphold", "申诉不成立，继续整改", "Appeal rejected: rectify"},
      {"step_dispute", "申诉成立，标记评价有误", "Appeal upheld: mark disputed"},
      {"step_reopen", "重新立案", "Reopen"},
      {"kiosks_title", "设备状态", "Kiosks"},
      {"kiosk", "设备", "Kiosk"},
      {"last_seen", "最近联系", "Last heard"},
      {"state", "状态", "State"},
      {"silent", "失联", "Silent"},
      {"never_seen", "从未联系", "Never seen"},
      {"ok", "正常", "OK"},
      {"list_version", "清单版本", "List version"},
      {"current_version", "最新版本", "Current"},
      {"app_version", "程序版本", "App version"},
      {"queued", "待上传批次", "Queued batches"},
      {"conflicts", "冲突", "Conflicts"},
      {"disk_free", "剩余空间", "Disk free"},
      {"clock_offset", "时钟偏差", "Clock offset"},
      {"ago", "{t}前", "{t} ago"},
      {"unit_s", "秒", "s"},
      {"unit_min", "分钟", "min"},
      {"unit_h", "小时", "h"},
      {"unit_d", "天", "d"},
      {"audit_title", "审计日志", "Audit log"},
      {"audit_shown", "显示条数", "Entries shown"},
      {"audit_capped", "仅显示最新 500 条，请缩小条件或导出", "only the newest 500: narrow the filter or export"},
      {"when", "时间", "When"},
      {"who", "用户", "User"},
      {"action", "操作", "Action"},
      {"detail", "详情", "Detail"},
      {"peer", "地址", "Address"},
      {"error_title", "无法显示此页", "This page cannot be shown"},
      {"back", "返回概览", "Back to the overview"},
      {"ledger_title", "党员公开承诺群众评议台账", "Commitment rating ledger"},
      {"kind_person", "个人", "Person"},
      {"kind_post", "示范岗", "Service post"},
      {"kind_team", "团队", "Team"},
      {"kind_unit", "单位", "Unit"},
      {"kind_trade", "行业", "Trade"},
      {"term_long_term", "长远", "Long-term"},
      {"term_annual", "年度", "Annual"},
      {"term_immediate", "即时", "Immediate"},
      {"weekdays", "一,二,三,四,五,六,日", "Mon,Tue,Wed,Thu,Fri,Sat,Sun"},
  };
  return table;
}

Strings build(bool english) {
  Strings s;
  s.lang = english ? "en" : "zh-CN";
  for (const auto& e : entries()) s.text.emplace(e.key, english && *e.en ? e.en : e.zh);
  return s;
}

}  // namespace

const std::string& Strings::operator[](std::string_view key) const {
  static const std::string missing = "?";
  const auto it = text.find(key);
  return it == text.end() ? missing : it->second;
}

const Strings& stringsFor(std::string_view lang, std::string_view acceptLanguage) {
  static const Strings zh = build(false);
  static const Strings en = build(true);
  if (lang == "en") return en;
  if (lang == "zh" || lang == "zh-CN") return zh;
  // The first language the browser names decides; intranet browsers in China send zh-CN first.
  return acceptLanguage.substr(0, 2) == "en" ? en : zh;
}

}  // namespace hub::console
