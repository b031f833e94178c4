// What the console's pages share: the frame every page is rendered in, downloads, and the small
// formatting rules (shares, "—" under the minimum, holder kinds and terms in words).
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "common/iso_time.hpp"
#include "hub/console/svg_chart.hpp"
#include "page_context.hpp"
#include "wire/crypto.hpp"

namespace hub::console {

std::string_view embeddedFile(std::string_view name);

namespace {

Data wordsData(const Strings& t) {
  Data words{Data::type::object};
  for (const auto& [k, v] : t.text) words.set(k, v);
  return words;
}

std::string render(std::string_view templateName, const Data& data) {
  kainjow::mustache::mustache tmpl{std::string(embeddedFile(std::string(templateName) + ".mustache"))};
  if (!tmpl.is_valid()) throw std::runtime_error("template " + std::string(templateName) + ": " + tmpl.error_message());
  return tmpl.render(data);
}

}  // namespace

std::string staticFileVersion(std::string_view name) {
  return wire::sha256Hex(embeddedFile(std::string(name))).substr(0, 16);
}

std::string staticFileAddress(std::string_view name) {
  return hub::console_path::fill(hub::console_path::kStatic, std::string(name)) + "?v=" + staticFileVersion(name);
}

const Data& pathsData() {
  static const Data paths = [] {
    namespace p = hub::console_path;
    Data d{Data::type::object};
    const std::pair<const char*, std::string> named[] = {
        {"overview", std::string(p::kOverview)},
        {"login", std::string(p::kLogin)},
        {"login_code", std::string(p::kLoginCode)},
        {"logout", std::string(p::kLogout)},
        {"static_css", staticFileAddress("console.css")},
        {"static_js", staticFileAddress("picker.js")},
        {"commitments", std::string(p::kCommitments)},
        {"units", std::string(p::kUnits)},
        {"rectifications", std::string(p::kRectifications)},
        {"kiosks", std::string(p::kKiosks)},
        {"search", std::string(p::kSearch)},
        {"password", std::string(p::kPassword)},
        {"second_factor", std::string(p::kSecondFactor)},
        {"cases", std::string(p::kCases)},
        {"reviews", std::string(p::kReviews)},
        {"posters", std::string(p::kPosters)},
        {"posters_print", std::string(p::kPostersPrint)},
        {"panels", std::string(p::kPanels)},
        {"selection", std::string(p::kSelection)},
        {"suggestions", std::string(p::kSuggestions)},
        {"admin_audit", std::string(p::kAdminAudit)},
        {"admin_users", std::string(p::kAdminUsers)},
        {"admin_user_reset", std::string(p::kAdminUserReset)},
        {"admin_user_second_factor_reset", std::string(p::kAdminUserSecondFactorReset)},
        {"admin_user_disable", std::string(p::kAdminUserDisable)},
        {"admin_user_enable", std::string(p::kAdminUserEnable)},
        {"admin_user_edit", std::string(p::kAdminUserEdit)},
        {"admin_halls", std::string(p::kAdminHalls)},
        {"admin_kiosks", std::string(p::kAdminKiosks)},
        {"admin_kiosk_bundle", std::string(p::kAdminKioskBundle)},
        {"admin_kiosk_move", std::string(p::kAdminKioskMove)},
        {"admin_kiosk_revoke", std::string(p::kAdminKioskRevoke)},
        {"admin_kiosk_command", std::string(p::kAdminKioskCommand)},
        {"admin_kiosk_screenshot", std::string(p::kAdminKioskScreenshot)},
        {"admin_import", std::string(p::kAdminImport)},
        {"admin_lists", std::string(p::kAdminLists)},
        {"admin_list_draft", std::string(p::kAdminListDraft)},
        {"admin_list_template", std::string(p::kAdminListTemplate)},
        {"admin_list_upload", std::string(p::kAdminListUpload)},
        {"admin_settings", std::string(p::kAdminSettings)},
        {"admin_settings_upload", std::string(p::kAdminSettingsUpload)},
        {"admin_updates", std::string(p::kAdminUpdates)},
    };
    for (const auto& [key, path] : named) d.set(key, path);
    return d;
  }();
  return paths;
}

std::string phonesAddress(const PageContext& ctx) {
  if (!ctx.api.posters.publicUrl.empty()) return ctx.api.posters.publicUrl;
  return ctx.request.host.empty() ? "https://hub.example:8443" : "https://" + ctx.request.host;
}

std::string percent(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", share * 100.0);
  return text;
}

std::string shareOrDash(std::int64_t part, std::int64_t total, std::int64_t minCount) {
  if (total <= 0 || total < minCount) return "—";
  return percent(static_cast<double>(part) / static_cast<double>(total));
}

std::string changeValue(const Strings& t, const FieldChange& change, const std::string& value) {
  if (change.field == "kind") {
    const auto kind = wire::holderKindFromString(value);
    return kind ? kindLabel(t, *kind) : value;
  }
  if (change.field == "term") {
    const auto term = wire::termFromString(value);
    return term ? termLabel(t, *term) : value;
  }
  return value;
}

std::string hallQuery(const PageContext& ctx) {
  std::string q = ctx.period.preset == Preset::Custom ? "from=" + ctx.period.from + "&to=" + ctx.period.to
                                                      : "period=" + std::string(presetName(ctx.period.preset));
  if (!ctx.hall.empty()) q += "&hall=" + urlEncode(ctx.hall);
  if (ctx.t.lang == "en") q += "&lang=en";
  return q;
}

Data countsData(const wire::TallyCounts& c, std::int64_t minCount) {
  const std::int64_t total = c.good + c.fair + c.poor;
  Data d;
  // Under the minimum a row shows its total only: three small numbers could name a resident.
  const bool shown = total >= minCount;
  d.set("good", shown ? grouped(c.good) : "—");
  d.set("fair", shown ? grouped(c.fair) : "—");
  d.set("poor", shown ? grouped(c.poor) : "—");
  d.set("total", grouped(total));
  d.set("satisfaction", shareOrDash(c.good, total, minCount));
  d.set("fair_or_worse", shareOrDash(c.fair + c.poor, total, minCount));
  d.set("poor_rate", shareOrDash(c.poor, total, minCount));  // 差评率, as 好差评 reports count it
  return d;
}

std::string localTime(const PageContext& ctx, std::int64_t unixSeconds) {
  const std::string iso =
      common::isoTimestamp({unixSeconds, static_cast<std::int32_t>(ctx.config.utcOffsetMinutes * 60)});
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

std::vector<DayBar> trendBars(const std::vector<queries::DayTotals>& daily, const Period& period,
                              std::size_t minDaysPerBar) {
  std::map<std::string, const queries::DayTotals*> byDay;
  for (const auto& d : daily) byDay[d.day] = &d;
  const std::size_t days = daysBetween(period.from, period.to);
  const std::size_t fold = std::max<std::size_t>((days + 119) / 120, std::max<std::size_t>(minDaysPerBar, 1));
  std::vector<DayBar> bars;
  for (std::size_t i = 0; i < days; ++i) {
    const std::string day = addDays(period.from, static_cast<long long>(i));
    if (i % fold == 0) bars.push_back({day, day, 0, 0, 0});
    bars.back().lastDay = day;
    if (auto it = byDay.find(day); it != byDay.end()) {
      bars.back().good += it->second->good;
      bars.back().fair += it->second->fair;
      bars.back().poor += it->second->poor;
    }
  }
  return bars;
}

ChartWords chartWords(const Strings& t) {
  return {t["good"],          t["fair"],         t["poor"],        t["chart_votes"],
          t["chart_too_few"], t["satisfaction"], t["chart_fewer"], t["chart_more"]};
}

std::string trendSection(const PageContext& ctx, const std::vector<DayBar>& bars) {
  const Strings& t = ctx.t;
  Data d;
  d.set("svg", trendSvg(bars, ctx.config.minCount, t["trend"], chartWords(t)));
  const std::size_t days = bars.empty() ? 1 : daysBetween(bars.front().day, bars.front().lastDay);
  d.set("bucket", days == 1 ? t["trend_bucket_day"] : replaceText(t["trend_bucket_days"], "{n}", std::to_string(days)));
  Data rows{Data::type::list};
  for (const auto& b : bars) {
    if (b.good + b.fair + b.poor == 0) continue;
    Data row = countsData({b.good, b.fair, b.poor}, ctx.config.minCount);
    row.set("when", b.lastDay == b.day ? b.day : b.day + " — " + b.lastDay);
    rows.push_back(row);
  }
  d.set("rows", rows);
  d.set("has_rows", !rows.is_empty_list());
  return renderPart(ctx, "trend", d);
}

LedgerSources ledgerSources(const PageContext& ctx) {
  return {ctx.db, ctx.catalog, ctx.cases, ctx.reviews, ctx.panels, ctx.suggestions};
}

std::string PageError::text(const Strings& t) const {
  std::string out = t.text.count(message) ? t[message] : message;
  for (const auto& [placeholder, value] : fill)
    out = replaceText(out, placeholder, t.text.count(value) ? t[value] : value);
  return out;
}

LedgerScope ledgerScope(const PageContext& ctx) {
  if (!ctx.people) ctx.people = ctx.accounts.displayNames();
  return {ctx.scope,           ctx.hallsInView(),           ctx.hall,      ctx.period.from, ctx.period.to, ctx.today,
          ctx.config.minCount, ctx.config.utcOffsetMinutes, ctx.hallNames, *ctx.people,     ctx.channel};
}

CommitmentIndex indexCommitments(const PageContext& ctx) {
  return indexCommitments(ledgerSources(ctx), ctx.hallsInView());
}

std::vector<CommitmentRow> commitmentRows(const PageContext& ctx, const CommitmentIndex& index) {
  return commitmentRows(ledgerSources(ctx), ledgerScope(ctx), index, ctx.t);
}

Ledger ledgerOf(const PageContext& ctx, const std::vector<CommitmentRow>& rows, const std::string& title) {
  return buildLedger(ledgerSources(ctx), ledgerScope(ctx), ctx.t, rows, title);
}

Data rowData(const PageContext& ctx, const CommitmentRow& row) {
  Data d = countsData(row.counts, ctx.config.minCount);
  d.set("hall", ctx.hallName(row.hall));
  d.set("hall_id", row.hall);
  d.set("id", row.id);
  d.set("href", paths::fill(paths::kCommitment, urlEncode(row.id)) + "?" + hallQuery(ctx));
  if (!row.note.empty()) d.set("note", row.note);
  // Where the votes were cast, once any came from elsewhere than a kiosk's screen.
  if (row.byChannel[1] + row.byChannel[2] > 0) {
    std::string split = ctx.t["channel_split"];
    for (std::size_t i = 0; i < kChannels.size(); ++i)
      split = replaceText(split, "{" + std::string(kChannels[i]) + "}", grouped(row.byChannel[i]));
    d.set("channels", split);
  }
  if (row.commitment) {
    d.set("title", row.commitment->title);
    d.set("holder", row.commitment->holder.name);
    d.set("post", row.commitment->holder.post);
    d.set("unit", row.commitment->holder.unit);
    d.set("kind", kindLabel(ctx.t, row.commitment->holder.kind));
    d.set("term", termLabel(ctx.t, row.commitment->term));
  }
  return d;
}

Response renderPage(const PageContext& ctx, const std::string& templateName, const std::string& title, Data content,
                    bool withPicker, bool withPeriod) {
  const Strings& t = ctx.t;
  const Data words = wordsData(t);
  content.set("t", words);
  content.set("path", pathsData());
  content.set("q", hallQuery(ctx));
  content.set("min_count", std::to_string(ctx.config.minCount));

  Data page;
  page.set("lang", t.lang);
  page.set("title", title);
  page.set("t", words);
  page.set("path", pathsData());
  page.set("user", ctx.user.displayName());
  page.set("role", std::string(kUserRoleNames.nameOf(ctx.user.role)));
  page.set("csrf", ctx.session.csrf);
  page.set("period_label", withPeriod ? ctx.period.from + " — " + ctx.period.to + " · " : std::string());
  // A clerk with one hall has nothing to choose: the hall is named, and no 全部大厅 picker is shown.
  const bool severalHalls = ctx.halls.size() > 1;
  page.set("hall_label", !ctx.hall.empty()                   ? ctx.hallName(ctx.hall)
                         : severalHalls || ctx.halls.empty() ? t["all_halls"]
                                                             : ctx.hallName(ctx.halls.front()));
  Data nav{Data::type::list};
  std::string currentLabel;
  const auto link = [&](std::string_view path, const std::string& key, std::int64_t count = 0) {
    const std::string href(path);
    Data item;
    item.set("href", href + "?" + hallQuery(ctx));
    item.set("label", t[key]);
    const bool current =
        ctx.path == href ||
        (href == paths::kCommitments && (ctx.path.rfind(href + "/", 0) == 0 ||
                                         ctx.path.rfind(paths::kPosters, 0) == 0 || ctx.path == paths::kSuggestions)) ||
        (href == paths::kUnits && ctx.path.rfind(paths::kPanels, 0) == 0) ||
        (href == paths::kUnits && ctx.path == paths::kSelection) ||
        (href == paths::kKiosks &&
         (ctx.path == paths::kAdminSettings || ctx.path == paths::kAdminUpdates));  // reached from 终端
    item.set("current", current);
    if (current) currentLabel = t[key];
    if (count > 0) item.set("count", std::to_string(count));
    nav.push_back(item);
  };
  link(paths::kOverview, "nav_overview");
  link(paths::kCommitments, "nav_commitments");
  link(paths::kUnits, "nav_units");
  // The cases waiting for this user, beside 整改: what needs them, seen from every page.
  link(paths::kRectifications, "nav_rectifications", toDoOf(ctx).mine);
  link(paths::kKiosks, "nav_kiosks");
  // Search from every page: a menu entry to a page whose box has the focus (a box in the header
  // would not fit beside an administrator's ten entries on one line).
  link(paths::kSearch, "search_title");
  if (ctx.user.role == UserRole::Admin) {
    link(paths::kAdminUsers, "users_title");
    link(paths::kAdminHalls, "halls_title");
    link(paths::kAdminLists, "lists_title");  // 终端设置 is on the 终端 page: eleven entries would wrap
    link(paths::kAdminImport, "import_title");
    link(paths::kAdminAudit, "nav_audit");
  }
  page.set("nav", nav);
  if (!currentLabel.empty()) page.set("current_label", currentLabel);

  if (withPicker && (withPeriod || severalHalls)) {
    Data picker;
    picker.set("action", ctx.path);
    picker.set("with_period", withPeriod);
    Data presets{Data::type::list};
    for (const Preset p : {Preset::Today, Preset::Week, Preset::Month, Preset::LastMonth, Preset::Last30,
                           Preset::HalfYear, Preset::Year, Preset::Custom}) {
      Data option;
      option.set("value", std::string(presetName(p)));
      option.set("label", t["p_" + std::string(presetName(p))]);
      option.set("selected", p == ctx.period.preset);
      presets.push_back(option);
    }
    picker.set("presets", presets);
    picker.set("from", ctx.period.from);
    picker.set("to", ctx.period.to);
    Data halls{Data::type::list};
    for (const auto& h : ctx.halls) {
      Data option;
      option.set("value", h);
      option.set("label", ctx.hallName(h));
      option.set("selected", h == ctx.hall);
      halls.push_back(option);
    }
    picker.set("halls", halls);
    picker.set("several_halls", severalHalls);
    picker.set("all_selected", ctx.hall.empty());
    // Page-specific choices (sorting, filters) survive a new period or hall.
    Data keep{Data::type::list};
    for (const char* name : {"sort", "dir", "unit", "kind", "term", "lang", "cases", "due"}) {
      const auto value = ctx.param(name);
      if (value.empty()) continue;
      Data field;
      field.set("name", name);
      field.set("value", value);
      keep.push_back(field);
    }
    picker.set("keep", keep);
    page.set("picker", picker);
  }
  page.set("content", render(templateName, content));
  return {200, "text/html; charset=utf-8", render("layout", page), {}};
}

std::string renderPart(const PageContext& ctx, const std::string& templateName, Data content) {
  content.set("t", wordsData(ctx.t));
  content.set("path", pathsData());
  return render(templateName, content);
}

Response downloadBytes(const PageContext& ctx, std::string bytes, const std::string& contentType,
                       const std::string& fileName) {
  ctx.accounts.audit(ctx.user.login, "export", ctx.request.target, ctx.request.peer, ctx.now);
  Response res{200, contentType, std::move(bytes), {}};
  // RFC 6266: the UTF-8 name, and for old clients an ASCII one — the name itself when it is plain
  // ASCII, else "download" with its extension (what is left of a Chinese name says nothing).
  const bool plain = std::all_of(fileName.begin(), fileName.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
  const auto dot = fileName.rfind('.');
  const std::string fallback = plain ? fileName : "download" + (dot == std::string::npos ? "" : fileName.substr(dot));
  res.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + urlEncode(fileName));
  return res;
}

Response download(const PageContext& ctx, const SheetTable& table, const std::string& baseName) {
  const std::string name = baseName + "-" + ctx.period.from + "-" + ctx.period.to;
  if (ctx.format == "xlsx") return downloadBytes(ctx, tableXlsx(table), kXlsxType, name + ".xlsx");
  return downloadBytes(ctx, tableCsv(table), "text/csv; charset=utf-8", name + ".csv");
}

}  // namespace hub::console
