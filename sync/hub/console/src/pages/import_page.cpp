// 导入 U 盘数据 (administrators): the folder an offline kiosk's staff export wrote to a USB stick,
// uploaded from the browser. Each rating-batch-*.json with its .sig goes through the hub's one
// ingest route as this administrator (Api::actAs): accepted, duplicate or refused per file, in a
// table; only for enrolled kiosks and only what the kiosk signed. Recorded with who imported it.
#include "../page_context.hpp"
#include "wire/batch_import.hpp"
#include "wire/endpoints.hpp"
#include "wire/rating_batch.hpp"

namespace hub::console {

namespace {

constexpr std::size_t kMaxBatchBytes = 1024 * 1024;  // the API's own body limit

// Why a file was refused, in words, with what to do about it for this kiosk as the hub knows it
// now (not enrolled, enrolled without a key, a key the file does not match): the ingest route's
// status says which check failed, the kiosk's state which advice fits.
std::string refusalWords(PageContext& ctx, const std::string& kiosk, bool hasSignature, const Response& r) {
  const Strings& t = ctx.t;
  const auto fill = [&](const char* key) { return replaceText(t[key], "{kiosk}", kiosk); };
  if (r.status == 413) return t["import_too_large"];
  if (r.status == 400 || kiosk == "—") return t["import_not_a_batch"];
  if (r.status == 409) return t["import_conflict"];
  if (r.status == 403) return fill("import_not_enrolled");
  if (r.status == 422) {
    const bool keyKnown = queries::kioskKeysRegistered(ctx.db).count(kiosk) > 0;
    if (!keyKnown) return fill("import_no_key");
    return hasSignature ? fill("import_bad_signature") : t["import_no_signature"];
  }
  return replaceText(t["import_refused_other"], "{status}", std::to_string(r.status));
}

Data importContent(const PageContext& ctx) {
  Data content;
  content.set("csrf", ctx.session.csrf);
  content.set("limit_mb", std::to_string(ctx.config.uploadBytes >> 20));
  return content;
}

}  // namespace

Response importPage(PageContext& ctx) {
  return renderPage(ctx, "import", ctx.t["import_title"], importContent(ctx), false);
}

Response importForm(PageContext& ctx, const Fields&) {
  if (!ctx.hubApi) throw PageError{503, "err_no_api"};
  if (!ctx.uploads) throw PageError{400, "err_import_folder"};
  std::vector<wire::NamedFile> named;
  for (const auto& f : *ctx.uploads) named.push_back({f.fileName, f.content});
  const auto batches = wire::pairBatchFiles(named);
  if (batches.empty()) throw PageError{400, "err_import_no_batches"};
  const Principal me{Role::Admin, "", {}, "user:" + ctx.user.login};
  const Strings& t = ctx.t;
  Data rows{Data::type::list};
  std::int64_t accepted = 0, duplicates = 0, refused = 0;
  for (const auto& b : batches) {
    Data row;
    row.set("file", b.name);
    std::string kiosk = "—";
    try {
      kiosk = wire::parseBatch(b.body).kioskId;
    } catch (const std::exception&) {
      // The hub names what is wrong with it below.
    }
    row.set("kiosk", kiosk);
    Response r;
    if (b.body.size() > kMaxBatchBytes) {
      r = {413, "application/json", R"({"error":"larger than any batch a kiosk makes"})", {}};
    } else {
      Request post{"POST", std::string(wire::endpoint::kBatches), "", "", b.body};
      post.kioskSignature = b.signature;
      r = ctx.hubApi->actAs(me, post);
    }
    const bool ok = r.status == 200 || r.status == 201;
    row.set("ok", ok);
    row.set("outcome", r.status == 201   ? t["import_accepted"]
                       : r.status == 200 ? t["import_duplicate"]
                                         : refusalWords(ctx, kiosk, !b.signature.empty(), r));
    (r.status == 201 ? accepted : r.status == 200 ? duplicates : refused) += 1;
    rows.push_back(row);
  }
  ctx.accounts.audit(ctx.user.login, "import",
                     std::to_string(batches.size()) + " batches: " + std::to_string(accepted) + " accepted, " +
                         std::to_string(duplicates) + " duplicate, " + std::to_string(refused) + " refused",
                     ctx.request.peer, ctx.now);
  Data content = importContent(ctx);
  content.set("results", rows);
  content.set("has_results", true);
  content.set("summary", replaceText(replaceText(replaceText(t["import_summary"], "{a}", std::to_string(accepted)),
                                                 "{d}", std::to_string(duplicates)),
                                     "{r}", std::to_string(refused)));
  content.set("any_refused", refused > 0);
  return renderPage(ctx, "import", t["import_title"], content, false);
}

}  // namespace hub::console
