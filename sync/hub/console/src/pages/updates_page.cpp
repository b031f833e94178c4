// 软件更新 (administrators): the published software update's rollout, ring by ring — how many of
// each ring's kiosks are pending, downloading, installed, healthy or rolled back (from their
// heartbeats), whether the ring is due and why not — with 暂停 / 继续 and 放行下一批 (start the next
// ring without waiting for the one before to be healthy). The kiosks with something to say are
// listed with their updater's words. Publishing itself is `kioskctl update sign` + `publish`: the
// hub holds no key. Every change is in the audit log; a form about a manifest that is no longer the
// newest is refused, so nobody pauses or advances a rollout they did not see.
#include <cstdio>

#include "../page_context.hpp"
#include "hub/core/rollout.hpp"
#include "hub/store/update_store.hpp"
#include "wire/endpoints.hpp"

#include <nlohmann/json.hpp>

namespace hub::console {

namespace {

using nlohmann::json;

std::string field(const Fields& form, const char* name) {
  const auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

std::string ringState(const PageContext& ctx, const update_store::StoredUpdate& u, const RingProgress& ring,
                      std::size_t index) {
  const Strings& t = ctx.t;
  if (ring.due && ring.rolledBack > 0) return t["update_ring_rolled_back"];
  if (ring.due) return t[ring.total() > 0 && ring.healthy == ring.total() ? "update_ring_done" : "update_ring_running"];
  if (u.control.paused) return t["update_ring_paused"];
  if (index == 0 || ctx.now < u.manifest.notBefore)
    return replaceText(t["update_ring_not_before"], "{t}", localTime(ctx, u.manifest.notBefore));
  return t["update_ring_waiting"];
}

// "12 KB", "1.4 MB": a package is rarely a whole number of megabytes.
std::string packageSize(const Strings& t, std::int64_t bytes) {
  char text[32];
  if (bytes < 1024 * 1024) {
    std::snprintf(text, sizeof text, "%lld", static_cast<long long>((bytes + 1023) / 1024));
    return replaceText(t["update_size_kb"], "{n}", text);
  }
  std::snprintf(text, sizeof text, "%.1f", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return replaceText(t["update_size_mb"], "{n}", text);
}

// Who published it, as people say it: a console user by name, a kioskctl token as such.
std::string publisher(const PageContext& ctx, const std::string& by) {
  if (by.rfind("user:", 0) == 0) return ctx.personName(by.substr(5));
  if (by.rfind("token:", 0) == 0) return replaceText(ctx.t["update_by_token"], "{id}", by.substr(6, 8));
  return by;
}

std::string members(const PageContext& ctx, const wire::UpdateRing& ring) {
  std::string out;
  const auto add = [&](const std::string& s) { out += (out.empty() ? "" : "、") + s; };
  for (const auto& h : ring.halls) add(h == "*" ? ctx.t["update_every_hall"] : ctx.hallName(h));
  for (const auto& k : ring.kiosks) add(k);
  return out;
}

// The updater's reason in the reader's words: its usual ones by their words-file key (the number in
// them kept), anything else quoted as the kiosk wrote it.
std::string reasonWords(const Strings& t, const std::string& reason) {
  static const std::pair<std::string_view, const char*> kKnown[] = {
      {"the kiosk was not ready within ", "update_reason_not_ready"},
      {"no heartbeat was accepted within ", "update_reason_no_heartbeat"},
      {"dpkg could not install it", "update_reason_dpkg"},
      {"rollback failed: ", "update_reason_rollback_failed"},
      {"its SHA-256 is not the one the manifest signs", "update_reason_sha256"},
      {"the download is larger than the manifest's ", "update_reason_size"},
  };
  for (const auto& [start, key] : kKnown) {
    if (reason.rfind(start, 0) != 0) continue;
    std::string number;
    for (char c : reason.substr(start.size()))
      if (c >= '0' && c <= '9') number += c;
      else if (!number.empty()) break;
    return replaceText(t[key], "{n}", number);
  }
  return replaceText(t["update_reason_other"], "{reason}", reason);
}

std::string kioskWords(const PageContext& ctx, KioskUpdate state, const KioskUpdateReport& k) {
  static const std::map<KioskUpdate, std::string> kKeys{{KioskUpdate::Pending, "update_pending"},
                                                        {KioskUpdate::Downloading, "update_downloading"},
                                                        {KioskUpdate::Installed, "update_installed"},
                                                        {KioskUpdate::Healthy, "update_healthy"},
                                                        {KioskUpdate::RolledBack, "update_rolled_back"}};
  std::string words = ctx.t[kKeys.at(state)];
  if (k.updater && !k.updater->reason.empty()) words += "：" + reasonWords(ctx.t, k.updater->reason);
  return words;
}

Response updatesPageWith(PageContext& ctx, int status, const std::string& message) {
  const Strings& t = ctx.t;
  Data content;
  content.set("csrf", ctx.session.csrf);
  content.set("kiosks_link", std::string(paths::kKiosks));
  if (!message.empty()) content.set("message", message);
  if (const std::string done = ctx.param("done"); done == "pause" || done == "resume" || done == "advance")
    content.set("notice", t["update_done_" + done]);
  const auto latest = update_store::latest(ctx.db, ctx.api.deployment);
  content.set("published", latest.has_value());
  if (latest) {
    const auto& m = latest->manifest;
    content.set("manifest_id", std::to_string(m.id));
    content.set("version", m.version);
    content.set("package", m.fileName());
    content.set("size", packageSize(t, m.size));
    content.set("published_text",
                replaceText(replaceText(t["update_published_by"], "{t}", localTime(ctx, latest->publishedUnix)),
                            "{who}", publisher(ctx, latest->publishedBy)));
    content.set("package_missing", !latest->packageStored);
    content.set("paused", latest->control.paused);
    const auto fleet = update_store::fleetReports(ctx.db);
    const auto rings = rolloutProgress(m, fleet, latest->control, ctx.now);
    Data ringRows{Data::type::list};
    for (std::size_t i = 0; i < rings.size(); ++i) {
      const auto& r = rings[i];
      Data row;
      row.set("name", r.name);
      row.set("members", members(ctx, m.rings[i]));
      row.set("state", ringState(ctx, *latest, r, i));
      row.set("due", r.due);
      for (const auto& [key, n] : {std::pair<const char*, std::int64_t>{"pending", r.pending},
                                   {"downloading", r.downloading},
                                   {"installed", r.installed},
                                   {"healthy", r.healthy},
                                   {"rolled_back", r.rolledBack},
                                   {"total", r.total()}})
        row.set(key, std::to_string(n));
      row.set("alarm", r.rolledBack > 0);
      ringRows.push_back(row);
    }
    content.set("rings", ringRows);
    if (const auto next = ringToAdvance(rings); next && !latest->control.paused) {
      content.set("can_advance", true);
      content.set("advance_ring", std::to_string(*next));
      content.set("advance_label", replaceText(t["update_advance"], "{ring}", rings[*next].name));
    }
    // The kiosks with something to say about this update (pending and healthy ones are counted above).
    Data kiosks{Data::type::list};
    for (const auto& k : fleet) {
      const auto ring = wire::ringOf(m, k.kioskId, k.hall);
      if (!ring) continue;
      const KioskUpdate state = kioskUpdate(m, k);
      if (state == KioskUpdate::Pending || state == KioskUpdate::Healthy) continue;
      Data row;
      row.set("kiosk", k.kioskId);
      row.set("hall", ctx.hallName(k.hall));
      row.set("ring", rings[*ring].name);
      row.set("running", k.runningVersion.empty() ? "—" : k.runningVersion);
      row.set("state", kioskWords(ctx, state, k));
      row.set("alarm", state == KioskUpdate::RolledBack);
      kiosks.push_back(row);
    }
    content.set("has_kiosks", !kiosks.is_empty_list());
    content.set("kiosks", kiosks);
  }
  Response res = renderPage(ctx, "updates", t["updates_title"], content, false);
  res.status = status;
  return res;
}

}  // namespace

Response updatesPage(PageContext& ctx) { return updatesPageWith(ctx, 200, ""); }

Response updatesForm(PageContext& ctx, const Fields& form) {
  const Strings& t = ctx.t;
  const std::string action = field(form, "action");
  if (action != "pause" && action != "resume" && action != "advance") throw PageError{400, "err_update_action"};
  const auto latest = update_store::latest(ctx.db, ctx.api.deployment);
  if (!latest) return updatesPageWith(ctx, 409, t["err_update_none"]);
  const auto& m = latest->manifest;
  // About the manifest the administrator saw, or not at all.
  if (field(form, "manifest") != std::to_string(m.id)) return updatesPageWith(ctx, 409, t["err_update_stale"]);
  // Through the API's own route (its writer lane, its checks): the console only asks.
  json body{{"id", m.id}, {"action", action}};
  if (action == "advance") body["ring"] = field(form, "ring");
  const Response r = ctx.hubApi->actAs({Role::Admin, "", {}, "user:" + ctx.user.login},
                                       {"POST", std::string(wire::endpoint::kUpdateRollout), "", "", body.dump()});
  if (r.status == 409) return updatesPageWith(ctx, 409, t["err_update_stale"]);
  if (r.status != 200) throw PageError{r.status, replaceText(t["err_update_refused"], "{why}", r.body.substr(0, 300))};
  const auto answer = json::parse(r.body, nullptr, false);
  ctx.accounts.audit(
      ctx.user.login, "update_" + action,
      std::to_string(m.id) + " " + m.version +
          (answer.is_object() && answer.contains("ring") ? " → " + answer["ring"].get<std::string>() : ""),
      ctx.request.peer, ctx.now);
  return {303, "text/plain; charset=utf-8", "", {{"Location", std::string(paths::kAdminUpdates) + "?done=" + action}}};
}

}  // namespace hub::console
