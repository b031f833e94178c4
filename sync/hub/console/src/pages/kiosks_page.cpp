// 终端: every kiosk in scope — silent and never-seen ones first, in red — with its last heartbeat:
// how long ago, list version against the hall's current one, app version, queue, conflicts, disk
// free, clock offset and whether it has registered its signing key. Administrators also get the
// forms to enrol, move and revoke kiosks (handled in kiosk_admin.cpp).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <set>

#include "../page_context.hpp"
#include "common/iso_time.hpp"
#include "hub/core/quiet_panel.hpp"
#include "hub/store/command_store.hpp"
#include "hub/store/kiosk_days.hpp"
#include "hub/store/screenshot_store.hpp"
#include "hub/store/settings_store.hpp"
#include "wire/json_input.hpp"

namespace hub::console {

namespace {

std::string ago(const Strings& t, std::int64_t seconds) {
  if (seconds < 120) return std::to_string(std::max<std::int64_t>(0, seconds)) + " " + t["unit_s"];
  if (seconds < 7200) return std::to_string(seconds / 60) + " " + t["unit_min"];
  if (seconds < 3 * 86400) return std::to_string(seconds / 3600) + " " + t["unit_h"];
  return std::to_string(seconds / 86400) + " " + t["unit_d"];
}

std::string bytes(std::int64_t n) {
  char text[32];
  if (n >= (std::int64_t{1} << 30)) std::snprintf(text, sizeof text, "%.1f GB", static_cast<double>(n) / (1 << 30));
  else std::snprintf(text, sizeof text, "%.0f MB", static_cast<double>(n) / (1 << 20));
  return text;
}

struct KioskRow {
  std::string id, hall, lastSeen, state, listVersion, current, appVersion, queued, conflicts, diskFree, offset, key;
  std::string health;        // 本次已运行 3 天 · 共启动 12 次 · …; "—" from kiosks that do not say
  bool healthAlarm = false;  // a run ended uncleanly, the window is hidden, or the panel saw no touch: in red
  std::string settings;  // 全厅第 3 版 / 已发布 3 · 本机 …: the signed settings applied against published
  bool alarm = false, listBehind = false, settingsBehind = false;
  std::int64_t silentFor = 0;
  std::optional<std::int64_t> offsetSeconds;  // absent until the kiosk has been heard
};

}  // namespace

std::int64_t silentKioskCount(const PageContext& ctx) {
  std::int64_t silent = 0;
  std::set<std::string> heard;
  for (const auto& k : queries::kiosks(ctx.db)) {
    heard.insert(k.kioskId);
    if (ctx.user.mayReadHall(k.hall) && ctx.now - k.lastSeenUnix > ctx.api.silentAfterSeconds) ++silent;
  }
  for (const auto& [kioskId, hall] : queries::enrolledKiosks(ctx.db))
    if (!heard.count(kioskId) && ctx.user.mayReadHall(hall)) ++silent;
  return silent;
}

Response kiosksPage(PageContext& ctx) {
  const Strings& t = ctx.t;
  const auto inView = [&](const std::string& hall) {
    return ctx.hall.empty() ? ctx.user.mayReadHall(hall) : hall == ctx.hall;
  };
  std::map<std::string, std::string> currentVersion;
  const auto current = [&](const std::string& hall) {
    auto it = currentVersion.find(hall);
    if (it != currentVersion.end()) return it->second;
    auto list = ctx.catalog.current(ctx.db, hall);
    return currentVersion[hall] = list ? std::to_string(list->version) : "—";
  };
  // Signed settings: the newest published for each hall and for each kiosk, against what the
  // kiosk's heartbeat says it applies.
  std::map<std::pair<std::string, std::string>, std::int64_t> publishedSettings;
  const auto publishedFor = [&](const std::string& hall, const std::string& kiosk) {
    const auto key = std::pair{hall, kiosk};
    if (const auto it = publishedSettings.find(key); it != publishedSettings.end()) return it->second;
    return publishedSettings[key] = settings_store::latestVersion(ctx.db, ctx.api.deployment, hall, kiosk).value_or(0);
  };
  const auto settingsOf = [&](KioskRow& r, std::optional<std::int64_t> hallApplied,
                              std::optional<std::int64_t> ownApplied) {
    const std::int64_t hallPublished = publishedFor(r.hall, ""), ownPublished = publishedFor(r.hall, r.id);
    if (!hallApplied && hallPublished == 0 && ownPublished == 0) {
      r.settings = "—";
      return;
    }
    const auto part = [&](const char* word, std::optional<std::int64_t> applied, std::int64_t published) {
      return replaceText(replaceText(t[word], "{v}", applied ? std::to_string(*applied) : "—"), "{p}",
                         std::to_string(published));
    };
    r.settings = part("kiosk_settings_hall", hallApplied, hallPublished);
    if (ownPublished > 0 || ownApplied.value_or(0) > 0)
      r.settings += " · " + part("kiosk_settings_own", ownApplied, ownPublished);
    r.settingsBehind = hallApplied.value_or(0) < hallPublished || ownApplied.value_or(0) < ownPublished;
  };
  std::vector<KioskRow> rows;
  std::set<std::string> heard;
  const std::string yesterday = common::dayText(common::dayNumber(ctx.today) - 1);
  const auto panelDays = kiosk_days::since(ctx.db, yesterday);
  for (const auto& k : queries::kiosks(ctx.db)) {
    heard.insert(k.kioskId);
    if (!inView(k.hall)) continue;
    KioskRow r;
    r.id = k.kioskId;
    r.hall = k.hall;
    const std::int64_t quiet = ctx.now - k.lastSeenUnix;
    r.silentFor = quiet;
    r.alarm = quiet > ctx.api.silentAfterSeconds;
    r.state = r.alarm ? t["silent"] : t["ok"];
    r.lastSeen = replaceText(t["ago"], "{t}", ago(t, quiet));
    r.current = current(k.hall);
    const auto hb = wire::parseJsonBounded(k.heartbeatJson).value_or(nlohmann::json());
    const auto field = [&](const char* name) -> std::string {
      if (!hb.is_object() || !hb.contains(name)) return "—";
      const auto& v = hb[name];
      return v.is_string() ? v.get<std::string>() : v.dump();
    };
    r.appVersion = field("app_version");
    r.listVersion = field("list_version");
    r.listBehind = r.listVersion != r.current && r.current != "—";
    r.queued = field("queued_batches");
    r.conflicts = field("conflicts");
    r.diskFree = hb.is_object() && hb.contains("disk_free_bytes") && hb["disk_free_bytes"].is_number_integer()
                     ? bytes(hb["disk_free_bytes"].get<std::int64_t>())
                     : "—";
    r.offset = std::to_string(k.clockOffsetSeconds) + " " + ctx.t["unit_s"];
    // Health, from kiosks that report it: how long this run has lasted, how often the kiosk has
    // started and how many runs ended without a clean exit, and screen touches since the last
    // heartbeat.
    const auto number = [&](const char* name) -> std::optional<std::int64_t> {
      if (!hb.is_object() || !hb.contains(name) || !hb[name].is_number_integer()) return std::nullopt;
      return hb[name].get<std::int64_t>();
    };
    std::vector<std::string> health;
    if (const auto up = number("uptime_s")) health.push_back(replaceText(t["health_up"], "{t}", ago(t, *up)));
    if (const auto starts = number("starts")) {
      const auto unclean = number("unclean_exits").value_or(0);
      r.healthAlarm = r.healthAlarm || unclean > 0;
      health.push_back(replaceText(
          replaceText(t[unclean > 0 ? "health_starts_unclean" : "health_starts"], "{n}", std::to_string(*starts)),
          "{u}", std::to_string(unclean)));
    }
    if (const auto touches = number("touches"))
      health.push_back(replaceText(t["health_touches"], "{n}", grouped(*touches)));
    if (field("screen") == "hidden") {
      health.push_back(t["health_screen_hidden"]);
      r.healthAlarm = true;
    }
    if (const auto days = panelDays.find(k.kioskId); days != panelDays.end())
      if (const auto quietDay = quietOpenDay(days->second, ctx.today, yesterday)) {
        health.push_back(replaceText(t[quietDay->day == ctx.today ? "health_quiet_today" : "health_quiet_yesterday"],
                                     "{h}", std::to_string(quietDay->openSeconds / 3600)));
        r.healthAlarm = true;
      }
    // The hour of the last counted vote ("2026-11-18T10:00+08:00" → 2026-11-18 10:00): a kiosk that
    // answers but takes no votes shows here. Buckets are coarse on purpose (privacy): the hour only.
    if (const std::string bucket = field("last_vote_bucket"); bucket.size() >= 16 && bucket != "—")
      health.push_back(replaceText(t["health_last_vote"], "{t}", bucket.substr(0, 10) + " " + bucket.substr(11, 5)));
    settingsOf(r, number("settings_hall"), number("settings_kiosk"));
    for (const auto& part : health) r.health += (r.health.empty() ? "" : " · ") + part;
    if (r.health.empty()) r.health = "—";
    r.offsetSeconds = k.clockOffsetSeconds;
    rows.push_back(std::move(r));
  }
  for (const auto& [kioskId, hall] : queries::enrolledKiosks(ctx.db)) {
    if (heard.count(kioskId) || !inView(hall)) continue;
    KioskRow r;
    r.id = kioskId;
    r.hall = hall;
    r.alarm = true;
    r.silentFor = INT64_MAX;
    r.state = t["never_seen"];
    r.lastSeen = r.listVersion = r.appVersion = r.queued = r.conflicts = r.diskFree = r.offset = r.health = "—";
    r.current = current(hall);
    settingsOf(r, std::nullopt, std::nullopt);
    rows.push_back(std::move(r));
  }
  const auto keys = queries::kioskKeysRegistered(ctx.db);
  const std::set<std::string> enrolled = [&] {
    std::set<std::string> ids;
    for (const auto& [kioskId, hall] : queries::enrolledKiosks(ctx.db)) ids.insert(kioskId);
    return ids;
  }();
  for (auto& r : rows) {
    const auto key = keys.find(r.id);
    r.key = key != keys.end() ? localTime(ctx, key->second) : enrolled.count(r.id) ? t["kiosk_key_none"] : "—";
  }
  // Needing attention first (longest silent first), then by hall and id.
  std::stable_sort(rows.begin(), rows.end(), [](const KioskRow& a, const KioskRow& b) {
    if (a.alarm != b.alarm) return a.alarm;
    if (a.alarm && a.silentFor != b.silentFor) return a.silentFor > b.silentFor;
    return std::tie(a.hall, a.id) < std::tie(b.hall, b.id);
  });

  if (ctx.format == "xlsx" || ctx.format == "csv") {
    SheetTable table{t["kiosks_title"],
                     {t["kiosk"], t["hall"], t["state"], t["last_seen"], t["list_version"], t["current_version"],
                      t["app_version"], t["queued"], t["conflicts"], t["disk_free"],
                      t["clock_offset"] + "（" + t["unit_s"] + "）", t["kiosk_key"], t["health"], t["kiosk_settings"]},
                     {}};
    // The offset as a number (a sheet can sort and sum it; text starting with "-" would need
    // Excel's visible ' guard against formulas).
    for (const auto& r : rows)
      table.rows.push_back({r.id, ctx.hallName(r.hall), r.state, r.lastSeen, r.listVersion, r.current, r.appVersion,
                            r.queued, r.conflicts, r.diskFree,
                            r.offsetSeconds ? Cell(*r.offsetSeconds) : Cell(std::string("—")), r.key, r.health,
                            r.settings});
    return download(ctx, table, "kiosks");
  }
  // The last few commands of each kiosk, newest first, in words: which, when, and what came of it.
  std::map<std::string, Data> commandsOf;
  if (ctx.user.role == UserRole::Admin) {
    for (const auto& c : command_store::recent(ctx.db, 3)) {
      Data item;
      item.set("what", t["command_" + std::string(wire::nameOf(c.command.kind))]);
      item.set("at", localTime(ctx, c.createdUnix));
      std::string state;
      if (c.outcome == "done") state = t["command_done"];
      else if (c.outcome.rfind("refused", 0) == 0) state = t["command_refused"];
      else if (!c.outcome.empty() || ctx.now > c.command.expiresUnix) state = t["command_expired"];
      else state = t[c.deliveredUnix ? "command_delivered" : "command_waiting"];
      item.set("state", state);
      auto& items = commandsOf.try_emplace(c.kioskId, Data::type::list).first->second;
      items.push_back(item);
    }
  }
  // Each kiosk's screenshots, newest first: the newest shown, the older ones linked.
  std::map<std::string, std::vector<screenshot_store::ShotInfo>> shotsOf;
  if (ctx.user.role == UserRole::Admin)
    for (auto& s : screenshot_store::recent(ctx.db)) shotsOf[s.kioskId].push_back(std::move(s));
  const auto shotData = [&](const screenshot_store::ShotInfo& s) {
    Data d;
    d.set("src", std::string(paths::kAdminKioskScreenshot) + "?kiosk=" + s.kioskId + "&shot=" + std::to_string(s.id));
    const std::string at = localTime(ctx, s.takenUnix);
    d.set("caption", replaceText(replaceText(replaceText(replaceText(t["screenshot_caption"], "{t}", at), "{screen}",
                                                         t["screenshot_screen_" + s.screen]),
                                             "{w}", std::to_string(s.width)),
                                 "{h}", std::to_string(s.height)));
    d.set("alt", replaceText(replaceText(t["screenshot_alt"], "{kiosk}", s.kioskId), "{t}", at));
    d.set("width", std::to_string(s.width));
    d.set("height", std::to_string(s.height));
    return d;
  };
  Data list{Data::type::list};
  bool anyScreenshot = false;
  for (const auto& r : rows) {
    Data d;
    d.set("id", r.id);
    d.set("hall", ctx.hallName(r.hall));
    d.set("state", r.state);
    d.set("alarm", r.alarm);
    d.set("last_seen", r.lastSeen);
    d.set("list_version", r.listVersion);
    d.set("current", r.current);
    d.set("list_behind", r.listBehind);
    d.set("app_version", r.appVersion);
    d.set("queued", r.queued);
    d.set("conflicts", r.conflicts);
    d.set("disk_free", r.diskFree);
    d.set("offset", r.offset);
    d.set("health", r.health);
    d.set("health_alarm", r.healthAlarm);
    d.set("key", r.key);
    if (const auto it = commandsOf.find(r.id); it != commandsOf.end()) {
      d.set("commands", it->second);
      d.set("has_commands", true);
    }
    if (const auto it = shotsOf.find(r.id); it != shotsOf.end() && !it->second.empty()) {
      Data shot = shotData(it->second.front());
      Data older{Data::type::list};
      for (std::size_t i = 1; i < it->second.size(); ++i) older.push_back(shotData(it->second[i]));
      shot.set("older_screenshots", older);
      shot.set("has_older", it->second.size() > 1);
      shot.set("id", r.id);
      shot.set("hall", ctx.hallName(r.hall));
      d.set("screenshot", shot);
      anyScreenshot = true;
    }
    d.set("settings", r.settings);
    d.set("settings_behind", r.settingsBehind);
    d.set("settings_edit", std::string(paths::kAdminSettings) + "?hall=" + r.hall + "&kiosk=" + r.id);
    d.set("enrolled", enrolled.count(r.id) > 0);  // heard from but revoked since: nothing to manage
    list.push_back(d);
  }
  Data content;
  content.set("rows", list);
  content.set("has_screenshots", anyScreenshot);  // below the table: a phone shows them full width
  const bool admin = ctx.user.role == UserRole::Admin;
  content.set("admin", admin);
  content.set("csrf", ctx.session.csrf);
  Data halls{Data::type::list};
  for (const auto& h : ctx.halls) {
    Data item;
    item.set("hall", h);
    item.set("hall_name", ctx.hallName(h));
    halls.push_back(item);
  }
  content.set("known_halls", halls);
  content.set("settings_link", std::string(paths::kAdminSettings) + (ctx.hall.empty() ? "" : "?hall=" + ctx.hall));
  content.set("silent_after", std::to_string(ctx.api.silentAfterSeconds / 60));
  content.set("export_xlsx", std::string(paths::kKiosks) + "?" + hallQuery(ctx) + "&format=xlsx");
  content.set("export_csv", std::string(paths::kKiosks) + "?" + hallQuery(ctx) + "&format=csv");
  return renderPage(ctx, "kiosks", t["kiosks_title"], content, true, false);  // each kiosk as it is now
}

}  // namespace hub::console
