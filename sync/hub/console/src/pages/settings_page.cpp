// 终端设置 (administrators): a hall's kiosk settings, or one kiosk's own — opening hours, holidays
// and worked days, languages, resident defaults, timeouts, results, keys, the staff PIN — edited
// as a form, the differences against what is published previewed, the unsigned document
// downloaded, signed offline with `kioskctl settings sign` (the hub holds no key), the signed file
// uploaded and published through the API's own route. Beside it, each kiosk's applied versions
// against the published ones, from its heartbeats. Every step is in the audit log.
#include <nlohmann/json.hpp>

#include "../page_context.hpp"
#include "common/password_hash.hpp"
#include "hub/core/settings_form.hpp"
#include "hub/store/settings_store.hpp"
#include "wire/endpoints.hpp"
#include "wire/json_input.hpp"
#include "wire/kiosk_settings.hpp"
#include "wire/list_limits.hpp"

namespace hub::console {

namespace {

using nlohmann::json;

std::string field(const Fields& form, const std::string& name) {
  const auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

// The words key of a setting: "timing.idle_timeout_s" -> "set_timing_idle_timeout_s".
std::string wordKey(std::string_view key) {
  std::string w = "set_" + std::string(key);
  std::replace(w.begin(), w.end(), '.', '_');
  return w;
}

// The hall and, for one kiosk's own settings, the kiosk (enrolled in that hall).
struct Scope {
  std::string hall, kiosk;
};
Scope scopeOf(const PageContext& ctx, const std::string& hall, const std::string& kiosk) {
  if (!wire::limits::isSafeId(hall) || std::find(ctx.halls.begin(), ctx.halls.end(), hall) == ctx.halls.end())
    throw PageError{400, "err_hall_id"};
  if (kiosk.empty()) return {hall, ""};
  for (const auto& [id, kioskHall] : queries::enrolledKiosks(ctx.db))
    if (id == kiosk && kioskHall == hall) return {hall, kiosk};
  throw PageError{404, "err_settings_kiosk", {{"{kiosk}", kiosk.substr(0, 64)}, {"{hall}", ctx.hallName(hall)}}};
}

struct Published {
  std::int64_t version = 0;
  SettingsValues values;
  std::string keyId;  // the key that signed it
};
Published publishedFor(PageContext& ctx, const Scope& s) {
  Published p;
  if (const auto stored = settings_store::current(ctx.db, ctx.api.deployment, s.hall, s.kiosk)) {
    p.version = stored->version;
    try {
      p.values = wire::settingsInEnvelope(stored->envelope).values;
      p.keyId = wire::parseEnvelope(stored->envelope, wire::kSignedSettingsFormat, "signed kiosk settings",
                                    wire::kMaxSettingsBytes)
                    .keyId;
    } catch (const std::exception&) {  // verified when published; nothing to fill the form from
    }
  }
  return p;
}

// A value as people read it: flags as 是/否, choices and languages by name, nothing as 本机配置.
std::string valueWords(const Strings& t, std::string_view key, bool set, const std::string& text) {
  if (!set) return t["settings_unset"];
  const auto* spec = wire::remoteSetting(key);
  if (spec && spec->kind == wire::SettingKind::Flag) return t[text == "true" ? "yes" : "no"];
  if (spec && spec->kind == wire::SettingKind::Choice) return t["settings_choice_" + text];
  if (spec && spec->kind == wire::SettingKind::DayHours && text.empty())
    return t[key.starts_with("hours.") ? "settings_closed_day" : "settings_none"];
  return text;
}

Data groupsData(const PageContext& ctx, const Fields& fields, const std::map<std::string, std::string>& mistakes) {
  const Strings& t = ctx.t;
  // The form's sections, in the order the schema lists the keys (a section per table of kiosk.toml).
  static const std::pair<std::string_view, std::string_view> kSections[] = {
      {"hours", "settings_group_hours"},     {"display", "settings_group_display"}, {"timing", "settings_group_timing"},
      {"ratings", "settings_group_ratings"}, {"results", "settings_group_results"}, {"keys", "settings_group_keys"},
      {"speech", "settings_group_speech"},   {"staff", "settings_group_staff"}};
  Data groups{Data::type::list};
  for (const auto& [table, title] : kSections) {
    Data group;
    group.set("title", t[std::string(title)]);
    group.set("is_hours", table == "hours");
    group.set("hours_set", field(fields, std::string(kHoursSetField)) == "on");
    Data items{Data::type::list};
    const auto add = [&](const std::string& key, wire::SettingKind kind, const std::string& value) {
      Data item;
      item.set("key", key);
      item.set("id", "s-" + wordKey(key).substr(4));
      item.set("label", t[wordKey(key)]);
      item.set("value", value);
      item.set("is_flag", kind == wire::SettingKind::Flag);
      item.set("is_dates", kind == wire::SettingKind::Dates);
      item.set("is_pin", kind == wire::SettingKind::PinHash);
      item.set("is_choice", kind == wire::SettingKind::Choice);
      item.set("is_text", kind != wire::SettingKind::Flag && kind != wire::SettingKind::Dates &&
                              kind != wire::SettingKind::PinHash && kind != wire::SettingKind::Choice);
      item.set("is_true", value == "true");
      item.set("is_false", value == "false");
      if (const auto note = t.text.find(wordKey(key) + "_note"); note != t.text.end()) item.set("note", note->second);
      if (kind == wire::SettingKind::Choice) {
        Data options{Data::type::list};
        for (const char* choice : {"off", "optional", "required"}) {
          Data o;
          o.set("value", choice);
          o.set("label", t["settings_choice_" + std::string(choice)]);
          o.set("selected", value == choice);
          options.push_back(o);
        }
        item.set("options", options);
      }
      if (kind == wire::SettingKind::PinHash) item.set("pin_set", !value.empty());
      if (kind == wire::SettingKind::Language || kind == wire::SettingKind::Languages) {
        // The codes a kiosk has string tables for, shown as code beside their names.
        Data codes{Data::type::list};
        for (const char* code : {"zh-CN", "zh-TW", "en"}) {
          Data c;
          c.set("code", code);
          c.set("name", t["settings_language_" + std::string(code)]);
          codes.push_back(c);
        }
        item.set("codes", codes);
        item.set("has_codes", true);
      }
      // A new PIN is typed in its own field (kPinField); its mistake shows by the hash's item.
      const auto m = mistakes.find(kind == wire::SettingKind::PinHash ? std::string(kPinField) : key);
      if (m != mistakes.end()) item.set("mistake", m->second);
      items.push_back(item);
    };
    for (const auto& spec : wire::remoteSettings()) {
      const std::string key(spec.key);
      if (key.compare(0, table.size() + 1, std::string(table) + ".") != 0) continue;
      add(key, spec.kind, field(fields, key));
    }
    group.set("items", items);
    groups.push_back(group);
  }
  return groups;
}

// The applied versions each kiosk of the hall reports in its heartbeat, against what is published.
Data kioskVersionsData(PageContext& ctx, const std::string& hall, std::int64_t hallVersion) {
  const Strings& t = ctx.t;
  std::map<std::string, json> heartbeats;
  for (const auto& k : queries::kiosks(ctx.db))
    if (k.hall == hall) heartbeats[k.kioskId] = wire::parseJsonBounded(k.heartbeatJson).value_or(json());
  Data rows{Data::type::list};
  for (const auto& [id, kioskHall] : queries::enrolledKiosks(ctx.db)) {
    if (kioskHall != hall) continue;
    const auto own = settings_store::latestVersion(ctx.db, ctx.api.deployment, hall, id).value_or(0);
    Data row;
    row.set("kiosk", id);
    const auto hb = heartbeats.find(id);
    const auto reported = [&](const char* name) -> std::optional<std::int64_t> {
      if (hb == heartbeats.end() || !hb->second.is_object() || !hb->second.contains(name) ||
          !hb->second[name].is_number_integer())
        return std::nullopt;
      return hb->second[name].get<std::int64_t>();
    };
    const auto appliedHall = reported("settings_hall"), appliedOwn = reported("settings_kiosk");
    const auto versions = [&](std::optional<std::int64_t> applied, std::int64_t published) {
      return (applied ? std::to_string(*applied) : std::string("—")) + " / " + std::to_string(published);
    };
    row.set("hall_versions", versions(appliedHall, hallVersion));
    row.set("own_versions", versions(appliedOwn, own));
    const bool unknown = !appliedHall;
    const bool behind = !unknown && (*appliedHall < hallVersion || appliedOwn.value_or(0) < own);
    row.set("state", t[unknown  ? "settings_state_unknown"
                       : behind ? "settings_state_behind"
                                : "settings_state_current"]);
    row.set("behind", behind);
    row.set("edit", std::string(paths::kAdminSettings) + "?hall=" + hall + "&kiosk=" + id);
    rows.push_back(row);
  }
  return rows;
}

// The page: the scope's form (as typed after a mistake, else from what is published), the
// kiosks' versions, and after a preview the differences, the document to download and the steps.
Response renderSettings(PageContext& ctx, const Scope& s, const Fields& fields,
                        const std::map<std::string, std::string>& mistakes, Data preview, int status) {
  const Strings& t = ctx.t;
  const Published published = publishedFor(ctx, s);
  const std::int64_t hallVersion = settings_store::latestVersion(ctx.db, ctx.api.deployment, s.hall, "").value_or(0);
  Data content;
  content.set("csrf", ctx.session.csrf);
  content.set("hall", s.hall);
  content.set("hall_name", ctx.hallName(s.hall));
  content.set("kiosk", s.kiosk);
  content.set("for_kiosk", !s.kiosk.empty());
  content.set("scope", s.kiosk.empty() ? replaceText(t["settings_scope_hall"], "{hall}", ctx.hallName(s.hall))
                                       : replaceText(replaceText(t["settings_scope_kiosk"], "{kiosk}", s.kiosk),
                                                     "{hall}", ctx.hallName(s.hall)));
  content.set("published_text", replaceText(t["settings_published_version"], "{v}", std::to_string(published.version)));
  content.set("has_published", published.version > 0);
  content.set("next_version",
              field(fields, "version").empty() ? std::to_string(published.version + 1) : field(fields, "version"));
  content.set("groups", groupsData(ctx, fields, mistakes));
  content.set("has_mistakes", !mistakes.empty());
  if (const auto m = mistakes.find("version"); m != mistakes.end()) content.set("version_mistake", m->second);
  content.set("kiosks", kioskVersionsData(ctx, s.hall, hallVersion));
  content.set("hall_edit", std::string(paths::kAdminSettings) + "?hall=" + s.hall);
  content.set("done", ctx.param("published"));
  content.set("has_done", !ctx.param("published").empty());
  const bool previewing = !preview.is_empty_object();
  content.set("preview", preview);
  content.set("previewing", previewing);
  Response res = renderPage(ctx, "settings", t["settings_title"], content, true, false);
  res.status = status;
  return res;
}

Response previewOrDownload(PageContext& ctx, const Fields& form) {
  const Strings& t = ctx.t;
  const Scope s = scopeOf(ctx, field(form, "hall"), field(form, "kiosk"));
  ctx.hall = s.hall;
  const Published published = publishedFor(ctx, s);
  if (field(form, "step") == "download") {
    // The document exactly as previewed (a hidden field), checked again before it leaves.
    wire::KioskSettings draft;
    try {
      draft = wire::parseKioskSettings(field(form, "draft"));
    } catch (const wire::SettingsError& e) {
      throw PageError{422, "err_settings_draft", {{"{why}", e.what()}}};
    }
    if (draft.deployment != ctx.api.deployment || draft.hall != s.hall || draft.kiosk != s.kiosk)
      throw PageError{422, "err_settings_draft", {{"{why}", "scope"}}};
    ctx.accounts.audit(ctx.user.login, "settings_download",
                       s.hall + (s.kiosk.empty() ? "" : "/" + s.kiosk) + " v" + std::to_string(draft.version),
                       ctx.request.peer, ctx.now);
    Response res{200, "application/json", wire::encodeKioskSettings(draft), {}};
    res.headers.emplace_back("Content-Disposition", "attachment; filename=\"kiosk-settings-" +
                                                        (s.kiosk.empty() ? s.hall : s.kiosk) + "-v" +
                                                        std::to_string(draft.version) + ".json\"");
    return res;
  }
  SettingsFromForm typed = settingsFromFields(form);
  std::map<std::string, std::string> mistakes;
  for (const auto& m : typed.mistakes)
    mistakes.emplace(m.key, replaceText(t["settings_bad_" + m.kind], "{typed}", m.typed));
  const std::string versionText = field(form, "version");
  std::int64_t version = 0;
  if (versionText.empty() || versionText.size() > 9 ||
      !std::all_of(versionText.begin(), versionText.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      (version = std::stoll(versionText)) <= published.version)
    mistakes.emplace("version", replaceText(t["settings_bad_version"], "{v}", std::to_string(published.version)));
  Fields shown = form;
  shown.erase(std::string(kPinField));  // a typed PIN is never sent back in a page
  if (!mistakes.empty()) {
    Data none{Data::type::object};
    return renderSettings(ctx, s, shown, mistakes, none, 422);
  }
  // A new PIN is hashed here; without one, the published hash stays.
  if (const std::string pin = field(form, std::string(kPinField)); !pin.empty())
    typed.values["staff.pin_hash"] = common::hashPin(pin);
  else if (const auto kept = published.values.find("staff.pin_hash"); kept != published.values.end())
    typed.values["staff.pin_hash"] = kept->second;
  wire::KioskSettings draft{ctx.api.deployment, s.hall, s.kiosk, version, typed.values};
  const std::string fileName =
      "kiosk-settings-" + (s.kiosk.empty() ? s.hall : s.kiosk) + "-v" + std::to_string(version) + ".json";
  const std::string signedName = fileName.substr(0, fileName.size() - 5) + ".signed.json";
  Data preview;
  Data changes{Data::type::list};
  for (const auto& c : settingChanges(published.values, draft.values)) {
    Data row;
    row.set("label", t[wordKey(c.key)]);
    // A PIN hash is a secret's fingerprint: say that it changes, never show it.
    const bool secret = c.key == "staff.pin_hash";
    row.set("before", secret ? t[c.hadBefore ? "settings_pin_set" : "settings_unset"]
                             : valueWords(t, c.key, c.hadBefore, c.before));
    row.set("after",
            secret ? t[c.hasAfter ? "settings_pin_new" : "settings_unset"] : valueWords(t, c.key, c.hasAfter, c.after));
    changes.push_back(row);
  }
  preview.set("changes", changes);
  preview.set("no_changes", draft.values == published.values);
  preview.set("version", std::to_string(version));
  preview.set("draft", wire::encodeKioskSettings(draft));
  preview.set("file", fileName);
  preview.set("signed_file", signedName);
  const std::string keyId = published.keyId.empty()
                                ? [&] {
                                    const auto ids = queries::adminKeyIds(ctx.db);
                                    return ids.empty() ? std::string("admin") : ids.front();
                                  }()
                                : published.keyId;
  preview.set("sign_command", "kioskctl settings sign " + fileName + " --key " + keyId + ".pem --key-id " + keyId +
                                  " --out " + signedName);
  ctx.accounts.audit(ctx.user.login, "settings_preview",
                     s.hall + (s.kiosk.empty() ? "" : "/" + s.kiosk) + " v" + std::to_string(version), ctx.request.peer,
                     ctx.now);
  return renderSettings(ctx, s, shown, {}, preview, 200);
}

}  // namespace

Response settingsPage(PageContext& ctx) {
  if (ctx.hall.empty()) {
    Data content;
    content.set("pick", true);
    Data halls{Data::type::list};
    for (const auto& h : ctx.halls) {
      Data item;
      item.set("href", std::string(paths::kAdminSettings) + "?hall=" + h);
      item.set("name", ctx.hallName(h));
      halls.push_back(item);
    }
    content.set("halls", halls);
    return renderPage(ctx, "settings", ctx.t["settings_title"], content, true, false);
  }
  const Scope s = scopeOf(ctx, ctx.hall, ctx.param("kiosk"));
  Data none{Data::type::object};
  return renderSettings(ctx, s, settingsFields(publishedFor(ctx, s).values), {}, none, 200);
}

Response settingsForm(PageContext& ctx, const Fields& form) {
  const std::string step = field(form, "step");
  if (step == "preview" || step == "download") return previewOrDownload(ctx, form);
  throw PageError{400, "err_no_such_form", {{"{path}", ctx.path}}};
}

Response settingsUploadForm(PageContext& ctx, const Fields& form) {
  if (!ctx.uploads) throw PageError{400, "err_signed_file"};
  const Scope s = scopeOf(ctx, field(form, "hall"), field(form, "kiosk"));
  ctx.hall = s.hall;
  const UploadedFile* file = nullptr;
  for (const auto& f : *ctx.uploads)
    if (f.field == "file" && !f.fileName.empty()) file = &f;
  if (!file || file->content.empty()) throw PageError{400, "err_signed_file"};
  wire::KioskSettings inside;
  try {
    inside = wire::settingsInEnvelope(file->content);
  } catch (const std::exception& e) {
    throw PageError{422, "err_not_signed_settings", {{"{why}", e.what()}}};
  }
  // The file must be for the scope this page was opened on: a hall's file uploaded on a kiosk's
  // page (or another hall's) is a mistake to name, not to publish.
  if (inside.hall != s.hall || inside.kiosk != s.kiosk)
    throw PageError{
        422, "err_settings_other_scope", {{"{file}", inside.kiosk.empty() ? ctx.hallName(inside.hall) : inside.kiosk}}};
  if (!ctx.hubApi) throw PageError{503, "err_no_api"};
  const Response r = ctx.hubApi->actAs({Role::Admin, "", {}, "user:" + ctx.user.login},
                                       {"POST", std::string(wire::endpoint::kSettings), "", "", file->content});
  if (r.status == 409) throw PageError{409, "err_settings_version_taken", {{"{v}", std::to_string(inside.version)}}};
  if (r.status == 422) {
    const auto body = wire::parseJsonBounded(r.body);
    const std::string why = body && body->is_object() && body->contains("error") && (*body)["error"].is_string()
                                ? (*body)["error"].get<std::string>()
                                : std::string();
    throw PageError{422,
                    why.find("signature") != std::string::npos || why.find("key_id") != std::string::npos
                        ? "err_list_signature"
                        : "err_settings_refused",
                    {{"{why}", why}}};
  }
  if (r.status != 201) throw PageError{r.status, "err_hub_refused", {{"{status}", std::to_string(r.status)}}};
  ctx.accounts.audit(ctx.user.login, "settings_publish",
                     s.hall + (s.kiosk.empty() ? "" : "/" + s.kiosk) + " v" + std::to_string(inside.version),
                     ctx.request.peer, ctx.now);
  return {303,
          "text/plain; charset=utf-8",
          "",
          {{"Location", std::string(paths::kAdminSettings) + "?hall=" + s.hall +
                            (s.kiosk.empty() ? "" : "&kiosk=" + s.kiosk) +
                            "&published=" + std::to_string(inside.version)}}};
}

}  // namespace hub::console
