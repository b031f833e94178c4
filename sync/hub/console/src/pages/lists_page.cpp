// 承诺清单 (administrators): per hall, every published version with who published it and when; the
// differences between any two versions, field by field; and publishing next year's list from the
// spreadsheet administrators keep — upload (.xlsx, or CSV as Excel/WPS save it), errors by row and
// column, a preview of the cards as kiosks will show them, the unsigned list downloaded for signing
// offline with `kioskctl list sign` (the hub never holds a signing key), the signed file uploaded
// and published through the API's own route. Also the XLSX template with drop-downs.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "../page_context.hpp"
#include "../sheet_mistakes.hpp"
#include "common/iso_time.hpp"
#include "list_sheet/list_sheet.hpp"
#include "wire/endpoints.hpp"
#include "wire/holder_text.hpp"
#include "wire/json_input.hpp"
#include "wire/list_limits.hpp"
#include "wire/signed_list.hpp"

namespace hub::console {

namespace {

std::string field(const Fields& form, const char* name) {
  const auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

std::int64_t positive(const std::string& text) {
  if (text.empty() || text.size() > 9 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) || std::stoll(text) == 0)
    throw PageError{400, "err_version_number"};
  return std::stoll(text);
}

std::string checkedHall(const std::string& hall) {
  if (hall != "*" && !wire::limits::isSafeId(hall)) throw PageError{400, "err_hall_id"};
  return hall;
}

// "user:li" -> "li"; an API token: "API 令牌" (its hash prefix beside it, as code); lists from before
// publishers were kept: "—".
std::string publisherLabel(const Strings& t, const std::string& who) {
  if (who.rfind("user:", 0) == 0) return who.substr(5);
  if (who.rfind("token:", 0) == 0) return t["lists_by_token"];
  return "—";
}

Data cardsOf(const PageContext& ctx, const wire::CommitmentList& list) {
  Data cards{Data::type::list};
  for (const auto& c : list.commitments) {
    Data card;
    card.set("id", c.id);
    card.set("initial", wire::holderInitial(c.holder));  // as the kiosk draws it where a photo would be
    card.set("name", c.holder.name);
    std::string where = kindLabel(ctx.t, c.holder.kind);
    for (const auto& place : wire::holderPlaces(c.holder)) where += " · " + place;
    card.set("where", where);
    card.set("title", c.title);
    card.set("term", termLabel(ctx.t, c.term));
    card.set("valid", c.valid_from + " — " + c.valid_to);
    // As the kiosk's detail page shows them.
    if (const auto answers = wire::answersText(c, ctx.t["lists_answers"]); !answers.empty())
      card.set("answers", answers);
    cards.push_back(card);
  }
  return cards;
}

// The diff as HTML (list_diff.mustache), for the versions page and a draft's preview alike.
std::string diffOf(const PageContext& ctx, const ListDiff& diff) {
  const Strings& t = ctx.t;
  Data d;
  const auto names = [&](const std::vector<const wire::Commitment*>& items) {
    Data rows{Data::type::list};
    for (const auto* c : items) {
      Data row;
      row.set("id", c->id);
      row.set("name", c->holder.name);
      row.set("title", c->title);
      rows.push_back(row);
    }
    return rows;
  };
  d.set("added", names(diff.added));
  d.set("removed", names(diff.removed));
  Data changed{Data::type::list};
  for (const auto& ch : diff.changed) {
    for (std::size_t i = 0; i < ch.changes.size(); ++i) {
      const auto& c = ch.changes[i];
      Data row;
      row.set("change", i == 0 ? t["lists_changed"] : "");  // once per commitment, not per field
      row.set("id", i == 0 ? ch.commitment->id : "");
      row.set("name", i == 0 ? ch.commitment->holder.name : "");
      row.set("field", t[c.field]);
      row.set("before", changeValue(t, c, c.before));
      row.set("after", changeValue(t, c, c.after));
      changed.push_back(row);
    }
  }
  d.set("changed", changed);
  Data reasons{Data::type::list};
  for (const auto& r : diff.reasons) {
    Data row;
    row.set("change", r.before.empty() ? t["lists_added"] : r.after.empty() ? t["lists_removed"] : t["lists_changed"]);
    row.set("before", r.before);
    row.set("after", r.after);
    reasons.push_back(row);
  }
  d.set("reasons", reasons);
  d.set(
      "summary",
      replaceText(replaceText(replaceText(t["lists_diff_summary"], "{a}", std::to_string(diff.added.size())), "{r}",
                              std::to_string(diff.removed.size())),
                  "{c}", std::to_string(diff.changed.size())) +
          (diff.reasons.empty() ? ""
                                : replaceText(t["lists_reasons_changed"], "{n}", std::to_string(diff.reasons.size()))));
  d.set("same", diff.empty());
  return renderPart(ctx, "list_diff", d);
}

// The lists page; after a refused upload with the message, each mistake of the sheet in words, and
// the title and version as typed (the administrator fixes the file, not the form).
struct TypedUpload {
  std::string title, version;
};
Response renderLists(PageContext& ctx, const std::string& error, int status,
                     const std::vector<std::string>& mistakes = {}, const TypedUpload* typed = nullptr) {
  const Strings& t = ctx.t;
  Data content;
  content.set("csrf", ctx.session.csrf);
  Data halls{Data::type::list};
  for (const auto& h : ctx.halls) {
    Data item;
    item.set("hall", h);
    item.set("hall_name", ctx.hallName(h));
    item.set("current", h == ctx.hall);
    halls.push_back(item);
  }
  content.set("halls", halls);
  content.set("hall", ctx.hall);
  content.set("has_hall", !ctx.hall.empty());
  content.set("error", error);
  content.set("has_error", !error.empty());
  Data mistakeList{Data::type::list};
  for (const auto& m : mistakes) mistakeList.push_back(Data("text", sheetMistakeWords(t, m)));
  content.set("mistakes", mistakeList);
  content.set("published", ctx.param("published"));
  content.set("has_published", !ctx.param("published").empty());
  if (!ctx.hall.empty()) {
    const auto history = ctx.catalog.history(ctx.db, ctx.hall);
    Data versions{Data::type::list};
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
      Data row;
      row.set("version", std::to_string(it->list->version));
      row.set("for_hall", it->list->hall == "*" ? t["all_halls"] : it->list->hall);
      row.set("title", it->list->title);
      row.set("count", std::to_string(it->list->commitments.size()));
      row.set("at", localTime(ctx, it->receivedUnix));
      row.set("by", publisherLabel(t, it->publishedBy));
      // A token is named by its hash's first characters: an id, shown as code (not words to read).
      if (it->publishedBy.rfind("token:", 0) == 0) row.set("by_token", it->publishedBy.substr(6, 8));
      versions.push_back(row);
    }
    content.set("versions", versions);
    content.set("has_versions", !history.empty());
    const std::int64_t latest = history.empty() ? 0 : history.back().list->version;
    content.set("has_current", !history.empty());
    content.set("current_download", replaceText(t["lists_download_current"], "{v}", std::to_string(latest)));
    content.set("next_version", typed ? typed->version : std::to_string(latest + 1));
    content.set("next_title", typed ? typed->title : history.empty() ? std::string() : history.back().list->title);
    // Any two versions side by side: ?a=&b= (the two newest unless chosen).
    const auto find = [&](const std::string& v) -> const wire::CommitmentList* {
      for (const auto& h : history)
        if (std::to_string(h.list->version) == v) return h.list.get();
      return nullptr;
    };
    std::string a = ctx.param("a"), b = ctx.param("b");
    if (a.empty() && history.size() >= 2) a = std::to_string(history[history.size() - 2].list->version);
    if (b.empty() && history.size() >= 2) b = std::to_string(history.back().list->version);
    Data choices{Data::type::list};
    for (const auto& h : history) {
      Data c;
      c.set("v", std::to_string(h.list->version));
      c.set("is_a", std::to_string(h.list->version) == a);
      c.set("is_b", std::to_string(h.list->version) == b);
      choices.push_back(c);
    }
    content.set("choices", choices);
    content.set("can_diff", history.size() >= 2);
    // Beside the upload: the accepted suggestions the next version may cite, by number.
    Data accepted{Data::type::list};
    for (const auto& s : ctx.suggestions->ofHall(ctx.hall, SuggestionState::Accepted, 500)) {
      Data row;
      row.set("number", std::to_string(s.number));
      row.set("about", s.about.empty() ? t["suggest_about_hall"] : s.about);
      row.set("text", s.text);
      accepted.push_back(row);
    }
    content.set("has_suggestions", !accepted.is_empty_list());
    content.set("suggestions", accepted);
    const auto* before = find(a);
    const auto* after = find(b);
    if ((!a.empty() || !b.empty()) && history.size() >= 2 && (!before || !after))
      throw PageError{400, "err_list_compare", {{"{hall}", ctx.hallName(ctx.hall)}}};
    if (before && after) {
      content.set("diff", diffOf(ctx, listDiff(*before, *after)));
      content.set("has_diff", true);
      content.set("a", a);
      content.set("b", b);
    }
  }
  Response res = renderPage(ctx, "lists", t["lists_title"], content, false);
  res.status = status;
  return res;
}

// The reasons a list gets when nothing else names any: the usual four of 好差评 practice.
std::vector<wire::ReasonCode> standardReasons() {
  return {{"not_kept", "承诺未兑现"}, {"attitude", "服务态度差"}, {"slow", "办事效率低"}, {"runaround", "多次跑腿"}};
}

// The key to sign the next version with: the one that signed the hall's current list (its
// kiosks already trust it), else the key most recently added to the hub; "" when the hub trusts
// none yet. The page writes the signing command with it.
struct SigningKey {
  std::string id;
  bool signedCurrent = false;  // it signed the hall's current list
};
SigningKey signingKey(PageContext& ctx, const std::string& hall) {
  if (hall != "*") {
    const auto versions = queries::listVersions(ctx.db, ctx.api.deployment, hall);
    if (!versions.empty()) {
      try {
        return {wire::parseSignedEnvelope(versions.back().envelope).keyId, true};
      } catch (const std::exception&) {  // stored before the envelope was checked: fall through
      }
    }
  }
  const auto ids = queries::adminKeyIds(ctx.db);
  return {ids.empty() ? std::string() : ids.front(), false};
}

Response backToDraft(std::int64_t id) {
  return {303,
          "text/plain; charset=utf-8",
          "",
          {{"Location", std::string(paths::kAdminListDraft) + "?id=" + std::to_string(id)}}};
}

Response draftUpload(PageContext& ctx, const Fields& form) {
  const std::string hall = checkedHall(field(form, "hall"));
  ctx.hall = hall == "*" ? "" : hall;
  const std::int64_t version = positive(field(form, "version"));
  const std::string title = field(form, "title");
  if (title.empty() || title.size() > 600) throw PageError{400, "err_list_title"};
  const UploadedFile* file = nullptr;
  for (const auto& f : *ctx.uploads)
    if (f.field == "file" && !f.fileName.empty()) file = &f;
  if (!file || file->content.empty()) throw PageError{400, "err_list_file"};
  const auto current = hall == "*" ? nullptr : ctx.catalog.current(ctx.db, hall);
  const TypedUpload typed{title, field(form, "version")};
  if (current && version <= current->version)
    return renderLists(ctx,
                       replaceText(replaceText(ctx.t["err_list_version"], "{v}", std::to_string(version)), "{current}",
                                   std::to_string(current->version)),
                       409, {}, &typed);
  list_sheet::ListHeader header{ctx.api.deployment, hall, version, title, "", {}, std::nullopt};
  // The 群众意见 column cites the hall's accepted suggestions (a list for every hall cites none).
  if (hall != "*") header.citable = ctx.suggestions->citable(hall);
  header.publishedAt = common::isoTimestamp({ctx.now, static_cast<std::int32_t>(ctx.config.utcOffsetMinutes * 60)});
  // The poor-rating reasons carry over (a workbook's 差评原因 sheet replaces them); a hall's first
  // list starts with the usual four, so its kiosks ask why after 差 from the start.
  header.reasons = current && !current->reasons.empty() ? current->reasons : standardReasons();
  std::string payload;
  const bool workbook = file->content.rfind("PK\x03\x04", 0) == 0;
  try {
    payload = workbook ? list_sheet::buildListFromXlsx(file->content, header)
                       : list_sheet::buildListFromCsv(file->content, header);
  } catch (const list_sheet::CsvError& e) {
    return renderLists(ctx, file->fileName + " — " + ctx.t["sheet_mistakes"], 422, e.mistakes(), &typed);
  }
  const auto draft = ctx.drafts.add(hall, version, payload, file->fileName, ctx.user.login, ctx.now);
  ctx.accounts.audit(ctx.user.login, "list_draft",
                     hall + " v" + std::to_string(version) + " from " + file->fileName.substr(0, 200), ctx.request.peer,
                     ctx.now);
  return backToDraft(draft.id);
}

Response publishSigned(PageContext& ctx, const Fields& form) {
  const auto draft = ctx.drafts.get(positive(field(form, "draft")));
  if (!draft) throw PageError{404, "err_no_draft"};
  const UploadedFile* file = nullptr;
  for (const auto& f : *ctx.uploads)
    if (f.field == "file" && !f.fileName.empty()) file = &f;
  if (!file || file->content.empty()) throw PageError{400, "err_signed_file"};
  std::string payload;
  try {
    payload = wire::parseSignedEnvelope(file->content).payload;
  } catch (const std::exception& e) {
    throw PageError{422, "err_not_signed", {{"{why}", e.what()}}};
  }
  if (payload != draft->payload) throw PageError{422, "err_signed_other_draft", {{"{id}", std::to_string(draft->id)}}};
  if (!ctx.hubApi) throw PageError{503, "err_no_api"};
  const Response r = ctx.hubApi->actAs({Role::Admin, "", {}, "user:" + ctx.user.login},
                                       {"POST", std::string(wire::endpoint::kLists), "", "", file->content});
  // The draft's payload is what the hub built, so a refusal is the signature's (422: no trusted key
  // verifies it) or a version published meanwhile (409).
  if (r.status == 409) {
    const auto current = draft->hall == "*" ? nullptr : ctx.catalog.current(ctx.db, draft->hall);
    throw PageError{
        409,
        "err_list_version_taken",
        {{"{v}", std::to_string(draft->version)}, {"{current}", current ? std::to_string(current->version) : "—"}}};
  }
  if (r.status == 422) throw PageError{422, "err_list_signature"};
  if (r.status != 201) throw PageError{r.status, "err_hub_refused", {{"{status}", std::to_string(r.status)}}};
  ctx.drafts.markPublished(draft->id, ctx.now);
  ctx.accounts.audit(ctx.user.login, "list_publish", draft->hall + " v" + std::to_string(draft->version),
                     ctx.request.peer, ctx.now);
  return {
      303,
      "text/plain; charset=utf-8",
      "",
      {{"Location", std::string(paths::kAdminLists) + "?hall=" + (draft->hall == "*" ? std::string() : draft->hall) +
                        "&published=" + std::to_string(draft->version)}}};
}

}  // namespace

Response listsPage(PageContext& ctx) { return renderLists(ctx, "", 200); }

Response listDraftPage(PageContext& ctx) {
  const Strings& t = ctx.t;
  const auto draft = ctx.drafts.get(positive(ctx.param("id")));
  if (!draft) throw PageError{404, "err_no_draft"};
  const std::string fileName = "commitment-list-" + (draft->hall == "*" ? std::string("all") : draft->hall) + "-v" +
                               std::to_string(draft->version) + ".json";
  if (ctx.param("download") == "1") {
    ctx.accounts.audit(ctx.user.login, "list_download", draft->hall + " v" + std::to_string(draft->version),
                       ctx.request.peer, ctx.now);
    Response res{200, "application/json", draft->payload, {}};
    res.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    return res;
  }
  const auto list = wire::parseCommitmentList(draft->payload);  // built and checked on upload
  Data content;
  content.set("csrf", ctx.session.csrf);
  content.set("id", std::to_string(draft->id));
  content.set("hall", draft->hall == "*" ? t["all_halls"] : ctx.hallName(draft->hall));
  content.set("hall_id", draft->hall);
  content.set("version", std::to_string(draft->version));
  content.set("title", list.title);
  content.set("count", std::to_string(list.commitments.size()));
  content.set("source", draft->source);
  content.set("by", ctx.personName(draft->login));
  content.set("at", localTime(ctx, draft->createdUnix));
  content.set("file", fileName);
  const std::string signedFile = fileName.substr(0, fileName.size() - 5) + ".signed.json";
  content.set("signed_file", signedFile);
  const auto [keyId, signedCurrent] = signingKey(ctx, draft->hall);
  content.set("key_id", keyId);
  content.set("has_key", !keyId.empty());
  content.set("key_note", signedCurrent ? t["lists_sign_key_current"] : t["lists_sign_key_newest"]);
  content.set("sign_command", "kioskctl list sign " + fileName + " --key " + (keyId.empty() ? "admin" : keyId) +
                                  ".pem --key-id " + (keyId.empty() ? "admin" : keyId) + " --out " + signedFile);
  content.set("published", draft->publishedUnix != 0);
  content.set("cards", cardsOf(ctx, list));
  if (draft->hall != "*") {
    const auto citable = ctx.suggestions->citable(draft->hall);
    std::set<std::int64_t> cited;
    for (const auto& c : list.commitments)
      for (const auto& a : c.answers) cited.insert(a.number);
    if (!citable.empty() || !cited.empty())
      content.set("answers_line",
                  replaceText(replaceText(t["lists_draft_answers"], "{cited}", std::to_string(cited.size())), "{open}",
                              std::to_string(std::count_if(citable.begin(), citable.end(),
                                                           [&](const auto& s) { return cited.count(s.first) == 0; }))));
  }
  std::string reasons;
  for (const auto& r : list.reasons) reasons += (reasons.empty() ? "" : "、") + r.label;
  content.set("reasons", reasons.empty() ? t["lists_no_reasons"] : reasons);
  if (const auto current = draft->hall == "*" ? nullptr : ctx.catalog.current(ctx.db, draft->hall)) {
    content.set("diff", diffOf(ctx, listDiff(*current, list)));
    content.set("has_diff", true);
    content.set("current_version", std::to_string(current->version));
  }
  return renderPage(ctx, "list_draft", t["lists_draft_title"], content, false);
}

Response listTemplate(PageContext& ctx) {
  ListTemplate tpl;
  // With a hall picked, its current list filled in (edit it and upload it as the next version);
  // otherwise, or with ?blank=1, two example rows. The hall's reasons, else the usual four.
  const auto current = ctx.hall.empty() ? nullptr : ctx.catalog.current(ctx.db, ctx.hall);
  for (const auto& r : current && !current->reasons.empty() ? current->reasons : standardReasons())
    tpl.reasons.emplace_back(r.code, r.label);
  for (const auto word : list_sheet::kKindWords) tpl.kinds.emplace_back(word);
  for (const auto word : list_sheet::kTermWords) tpl.terms.emplace_back(word);
  if (current && ctx.param("blank") != "1") {
    tpl.examples = list_sheet::sheetRowsOf(*current);
    tpl.rows = static_cast<unsigned>(std::max<std::size_t>(tpl.rows, tpl.examples.size() + 500));
    return downloadBytes(ctx, listTemplateXlsx(tpl), kXlsxType,
                         replaceText(replaceText(ctx.t["lists_current_file"], "{hall}", ctx.hallName(ctx.hall)), "{v}",
                                     std::to_string(current->version)));
  }
  tpl.examples = {{"c-0001", "王丽", "党员", "社保窗口 3 号", "区人社局", "年度", "社保业务一次办好",
                   "材料齐全的社保业务当场办结，不让群众跑第二次。", "2027-01-01", "2027-12-31", ""},
                  {"c-0002", "第一服务队", "团队", "", "区医保局", "长远", "异地就医备案即时办理",
                   "线上线下同时受理，当日备案。", "2027-01-01", "2027-12-31", ""}};
  return downloadBytes(ctx, listTemplateXlsx(tpl), kXlsxType, ctx.t["lists_template_file"]);
}

Response listUploadForm(PageContext& ctx, const Fields& form) {
  if (!ctx.uploads) throw PageError{400, "err_list_file"};
  const std::string step = field(form, "step");
  if (step == "draft") return draftUpload(ctx, form);
  if (step == "publish") return publishSigned(ctx, form);
  throw PageError{400, "err_no_such_form", {{"{path}", ctx.path}}};
}

}  // namespace hub::console
