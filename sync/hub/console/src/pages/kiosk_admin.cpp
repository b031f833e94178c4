// 终端管理 (administrators): enrol a kiosk — its token shown once, with a button for the USB bundle
// built from that token (the hub keeps only its hash, so the bundle cannot be made later) — move a
// kiosk to another hall, revoke it, send it a command (立即同步, 重启程序, 截屏) and see its screenshots. Every change
// goes through the hub's own API routes (Api::actAs), so the console and kioskctl cannot differ, and is written to the
// audit log.
#include <nlohmann/json.hpp>

#include "../page_context.hpp"
#include "common/text_file.hpp"
#include "common/zip_archive.hpp"
#include "hub/store/screenshot_store.hpp"
#include "wire/endpoints.hpp"
#include "wire/enrolment.hpp"
#include "wire/enrolment_bundle.hpp"
#include "wire/json_input.hpp"
#include "wire/kiosk_command.hpp"
#include "wire/list_limits.hpp"
#include "wire/signed_list.hpp"

namespace hub::console {

namespace {

std::string field(const Fields& form, const char* name) {
  const auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

// The API's refusal as the console's error, in words with what to do: which check failed is in
// its status (the API's own English stays in the API, for kioskctl and scripts).
[[noreturn]] void refuse(PageContext& ctx, const Response& r, const std::string& kioskId, bool enrolling) {
  if (enrolling && r.status == 409)
    throw PageError{409,
                    queries::adminKeyIds(ctx.db).empty() ? "err_kiosk_no_admin_key" : "err_kiosk_enrolled",
                    {{"{kiosk}", kioskId}}};
  if (enrolling && r.status == 400) throw PageError{400, "err_kiosk_public_key"};
  if (r.status == 404) throw PageError{404, "err_kiosk_not_enrolled", {{"{kiosk}", kioskId}}};
  throw PageError{r.status, "err_hub_refused", {{"{status}", std::to_string(r.status)}}};
}

Response callApi(PageContext& ctx, const std::string& path, const std::string& body) {
  if (!ctx.hubApi) throw PageError{503, "err_no_api"};
  return ctx.hubApi->actAs({Role::Admin, "", {}, "user:" + ctx.user.login}, {"POST", path, "", "", body});
}

std::string checkedId(const Fields& form, const char* name) {
  const std::string value = field(form, name);
  if (!wire::limits::isSafeId(value)) throw PageError{400, "err_id_field", {{"{field}", name}}};
  return value;
}

Response backToKiosks() { return {303, "text/plain; charset=utf-8", "", {{"Location", std::string(paths::kKiosks)}}}; }

std::string hubUrlFor(const PageContext& ctx) {
  if (!ctx.config.publicUrl.empty()) return ctx.config.publicUrl;
  return ctx.request.host.empty() ? "https://hub.example:8443" : "https://" + ctx.request.host;
}

Response enrolled(PageContext& ctx, const wire::Enrolment& e) {
  Data content;
  content.set("kiosk_id", e.kioskId);
  content.set("hall", ctx.hallName(e.hall) == e.hall ? e.hall : ctx.hallName(e.hall) + "（" + e.hall + "）");
  content.set("token", e.token);
  content.set("hub_url", hubUrlFor(ctx));
  // Without [hub] public_url the address is the one this browser used, which a kiosk may not reach
  // (127.0.0.1 when the administrator works on the hub itself): say so where it can be changed.
  const std::string host = ctx.request.host.substr(0, ctx.request.host.rfind(':'));
  const bool local = host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host.empty();
  if (ctx.config.publicUrl.empty())
    content.set("hub_url_note", local ? ctx.t["kiosk_hub_url_local"] : ctx.t["kiosk_hub_url_guess"]);
  content.set("csrf", ctx.session.csrf);
  Response res = renderPage(ctx, "kiosk_enrolled", ctx.t["kiosk_enrolled_title"], content, false);
  res.headers.emplace_back("Cache-Control", "no-store");  // the token must not stay in any cache
  return res;
}

Response bundle(PageContext& ctx, const Fields& form) {
  const std::string kioskId = checkedId(form, "kiosk_id");
  const std::string token = field(form, "token");
  const auto principal = queries::principalFor(ctx.db, tokenHash(token));
  if (!principal || principal->role != Role::Kiosk || principal->kioskId != kioskId)
    throw PageError{403, "err_kiosk_token", {{"{kiosk}", kioskId}}};
  const std::string hubUrl = field(form, "hub_url");
  if (!wire::isHubUrlList(hubUrl)) throw PageError{400, "err_hub_url"};
  std::string ca;
  try {
    ca = common::readTextFile(ctx.config.kioskCaFile);
  } catch (const std::exception& e) {
    throw PageError{503, "err_kiosk_ca", {{"{why}", e.what()}}};
  }
  wire::Enrolment e{kioskId, principal->halls.empty() ? "" : principal->halls.front(), ctx.api.deployment, token, {}};
  common::sql::Statement keys(ctx.db, "SELECT key_id, pem FROM admin_key ORDER BY key_id");
  while (keys.step()) e.trustedKeys[keys.columnText(0)] = keys.columnText(1);
  wire::BundleOptions options{hubUrl, ca, ctx.hallName(e.hall) == e.hall ? "" : ctx.hallName(e.hall), "", 0};
  // The hall's current list, so the kiosk shows it from its first start, before it reaches the hub.
  if (const auto versions = queries::listVersions(ctx.db, ctx.api.deployment, e.hall); !versions.empty()) {
    options.listJson = wire::parseSignedEnvelope(versions.back().envelope).payload;
    options.listVersion = versions.back().version;
  }
  std::vector<common::ZipEntry> files;
  const std::string folder = "kiosk-" + kioskId + "/";
  for (auto& f : wire::enrolmentBundle(e, options)) files.push_back({folder + f.path, std::move(f.content), f.secret});
  ctx.accounts.audit(ctx.user.login, "kiosk_bundle", kioskId, ctx.request.peer, ctx.now);
  Response res{200, "application/zip", common::zipArchive(files, ctx.now), {}};
  res.headers.emplace_back("Content-Disposition", "attachment; filename=\"kiosk-" + kioskId + ".zip\"");
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

}  // namespace

Response kioskScreenshot(PageContext& ctx) {
  const std::string kioskId = ctx.param("kiosk"), shot = ctx.param("shot");
  if (!wire::limits::isSafeId(kioskId)) throw PageError{400, "err_id_field", {{"{field}", "kiosk"}}};
  if (shot.empty() || shot.size() > 18 || shot.find_first_not_of("0123456789") != std::string::npos)
    throw PageError{404, "err_no_screenshot"};
  auto png = screenshot_store::png(ctx.db, kioskId, std::stoll(shot));
  if (!png) throw PageError{404, "err_no_screenshot"};
  // Checked as a PNG of its stated size when it arrived (wire::parseScreenshotUpload); a
  // screenshot never changes, but an administrator's browser need not keep it.
  Response res{200, "image/png", std::move(*png), {}};
  res.headers.emplace_back("Cache-Control", "private, no-store");
  return res;
}

Response kioskForm(PageContext& ctx, const Fields& form) {
  const std::string& path = ctx.path;
  if (path == paths::kAdminKioskBundle) return bundle(ctx, form);
  const std::string kioskId = checkedId(form, "kiosk_id");
  if (path == paths::kAdminKiosks) {
    wire::KioskRef ref{kioskId, checkedId(form, "hall"), field(form, "public_key")};
    if (ref.publicKey.find_first_not_of(" \r\n\t") == std::string::npos) ref.publicKey.clear();
    const Response r = callApi(ctx, std::string(wire::endpoint::kKiosks), wire::encodeKioskRef(ref));
    if (r.status != 201) refuse(ctx, r, kioskId, true);
    const auto e = wire::parseEnrolment(r.body);
    ctx.accounts.audit(ctx.user.login, "kiosk_enrol", kioskId + " " + e.hall + (ref.publicKey.empty() ? "" : " key"),
                       ctx.request.peer, ctx.now);
    return enrolled(ctx, e);
  }
  if (path == paths::kAdminKioskMove) {
    const std::string hall = checkedId(form, "hall");
    const Response r = callApi(ctx, std::string(wire::endpoint::kKioskMove), wire::encodeKioskRef({kioskId, hall}));
    if (r.status != 200) refuse(ctx, r, kioskId, false);
    ctx.accounts.audit(ctx.user.login, "kiosk_move", kioskId + " " + hall, ctx.request.peer, ctx.now);
    return backToKiosks();
  }
  if (path == paths::kAdminKioskRevoke) {
    if (field(form, "confirm") != "yes") throw PageError{400, "err_revoke_confirm", {{"{kiosk}", kioskId}}};
    const Response r = callApi(ctx, std::string(wire::endpoint::kKioskRevoke), wire::encodeKioskRef({kioskId, ""}));
    if (r.status != 200) refuse(ctx, r, kioskId, false);
    ctx.accounts.audit(ctx.user.login, "kiosk_revoke", kioskId, ctx.request.peer, ctx.now);
    return backToKiosks();
  }
  if (path == paths::kAdminKioskCommand) {
    const auto kind = wire::commandKindFromString(field(form, "kind"));
    if (!kind) throw PageError{400, "err_command_kind"};
    const Response r =
        callApi(ctx, std::string(wire::endpoint::kKioskCommand), wire::encodeCommandRequest({kioskId, *kind}));
    if (r.status != 201) refuse(ctx, r, kioskId, false);
    const auto answer = wire::parseJsonBounded(r.body).value_or(nlohmann::json());
    ctx.accounts.audit(
        ctx.user.login, "kiosk_command",
        kioskId + " " + std::string(wire::nameOf(*kind)) + " " +
            (answer.is_object() && answer.contains("id") && answer["id"].is_string() ? answer["id"].get<std::string>()
                                                                                     : std::string()),
        ctx.request.peer, ctx.now);
    return backToKiosks();
  }
  throw PageError{404, "err_no_such_form", {{"{path}", path}}};
}

}  // namespace hub::console
