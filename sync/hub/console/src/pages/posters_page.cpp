// 扫码海报: printed posters for the windows of a hall that have no kiosk (hub.toml [poster]). The page
// lists the hall's current commitments with the poster in force for each; a form issues posters
// (a new one withdraws the old, so a torn or leaked poster is replaced by printing again) or
// withdraws one; the print view lays one poster per A4 or A5 sheet with its QR code. Votes through
// a poster count as channel poster (hub/phone), apart from the kiosks' and the phones'.
#include <algorithm>
#include <map>

#include "../page_context.hpp"
#include "common/iso_time.hpp"
#include "hub/console/qr_svg.hpp"
#include "hub/store/poster_store.hpp"
#include "wire/endpoints.hpp"
#include "wire/list_limits.hpp"

namespace hub::console {

namespace {

using Poster = poster_store::Poster;

// The hall the page is about: the one picked, or a clerk's only hall.
std::string pickedHall(const PageContext& ctx, const std::string& asked) {
  if (!asked.empty()) {
    if (!wire::limits::isSafeId(asked)) throw PageError{400, "err_hall_id"};
    if (!ctx.user.mayReadHall(asked)) throw PageError{403, replaceText(ctx.t["err_not_your_hall"], "{hall}", asked)};
    return asked;
  }
  return ctx.halls.size() == 1 ? ctx.halls.front() : std::string();
}

std::string dayOf(const PageContext& ctx, std::int64_t unixSeconds) {
  return localTime(ctx, unixSeconds).substr(0, 10);
}

std::string holderLine(const Strings& t, const wire::Commitment& c) {
  std::string line = c.holder.name;
  if (!c.holder.post.empty()) line += " · " + c.holder.post;
  if (!c.holder.unit.empty()) line += " · " + c.holder.unit;
  return line + " · " + t["term_" + std::string(wire::kTerms.nameOf(c.term))];
}

std::map<std::string, Poster> postersByCommitment(const PageContext& ctx, const std::string& hall) {
  std::map<std::string, Poster> out;
  for (auto& p : poster_store::inForce(ctx.db, hall, ctx.now)) out.emplace(p.commitmentId, std::move(p));
  return out;
}

}  // namespace

Response postersPage(PageContext& ctx) {
  const Strings& t = ctx.t;
  const std::string hall = pickedHall(ctx, ctx.hall);
  Data content;
  if (hall.empty()) {
    content.set("pick_hall", true);
    return renderPage(ctx, "posters", t["poster_title"], content, true, false);
  }
  content.set("hall", hall);
  content.set("hall_name", ctx.hallName(hall));
  content.set("csrf", ctx.session.csrf);
  const bool on = ctx.api.posters.on.covers(hall);
  content.set("on", on);
  content.set("lifetime_note", replaceText(replaceText(t["poster_lifetime_note"], "{days}",
                                                       std::to_string(ctx.api.posters.lifetimeDays)),
                                           "{sessions}", std::to_string(ctx.api.posters.sessionsPerPosterPerDay)));
  const auto list = ctx.catalog.current(ctx.db, hall);
  auto posters = postersByCommitment(ctx, hall);
  Data rows{Data::type::list};
  std::size_t missing = 0;
  if (list)
    for (const auto& c : list->commitments) {
      Data row;
      row.set("id", c.id);
      row.set("title", c.title);
      row.set("holder", holderLine(t, c));
      const auto it = posters.find(c.id);
      if (it != posters.end()) {
        row.set("issued", replaceText(replaceText(t["poster_issued_on"], "{day}", dayOf(ctx, it->second.issuedUnix)),
                                      "{until}", dayOf(ctx, it->second.expiresUnix)));
        row.set("print_a4", std::string(paths::kPostersPrint) + "?hall=" + urlEncode(hall) +
                                "&size=a4&commitment=" + urlEncode(c.id));
        posters.erase(it);
      } else {
        ++missing;
      }
      rows.push_back(row);
    }
  // Posters of commitments no longer on the list still open a page that says so; offered to withdraw.
  Data stale{Data::type::list};
  for (const auto& [id, p] : posters) {
    Data row;
    row.set("id", id);
    row.set("issued", dayOf(ctx, p.issuedUnix));
    stale.push_back(row);
  }
  content.set("rows", rows);
  content.set("has_stale", !stale.is_empty_list());
  content.set("stale", stale);
  content.set("has_list", list != nullptr);
  content.set("missing", missing > 0 && on);
  content.set("missing_label", replaceText(t["poster_issue_missing"], "{n}", std::to_string(missing)));
  const std::string printBase = std::string(paths::kPostersPrint) + "?hall=" + urlEncode(hall);
  content.set("print_all_a4", printBase + "&size=a4");
  content.set("print_all_a5", printBase + "&size=a5");
  return renderPage(ctx, "posters", t["poster_title"], content, true, false);
}

Response posterForm(PageContext& ctx, const Fields& form) {
  const auto field = [&](const char* name) {
    const auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  const std::string hall = field("hall"), action = field("action"), commitment = field("commitment");
  if (!wire::limits::isSafeId(hall)) throw PageError{400, "err_hall_id"};
  if (!ctx.user.mayReadHall(hall)) throw PageError{403, replaceText(ctx.t["err_not_your_hall"], "{hall}", hall)};
  const std::string who = "user:" + ctx.user.login;
  if (action == "withdraw") {
    if (!wire::limits::isSafeId(commitment)) throw PageError{400, "err_commitment_id"};
    if (ctx.hubApi->withdrawPoster(hall, commitment) > 0)
      ctx.accounts.audit(ctx.user.login, "poster_withdraw", hall + " " + commitment, ctx.request.peer, ctx.now);
  } else if (action == "issue" || action == "issue_missing") {
    if (!ctx.api.posters.on.covers(hall)) throw PageError{409, "poster_off"};
    const auto list = ctx.catalog.current(ctx.db, hall);
    if (!list) throw PageError{409, "phone_no_list"};
    std::vector<std::string> ids;
    if (action == "issue") {
      if (!list->find(commitment)) throw PageError{400, "err_poster_commitment", {{"{id}", commitment}}};
      ids.push_back(commitment);
    } else {
      const auto posters = postersByCommitment(ctx, hall);
      for (const auto& c : list->commitments)
        if (!posters.count(c.id)) ids.push_back(c.id);
    }
    if (!ids.empty()) {
      ctx.hubApi->issuePosters(hall, ids, who);
      std::string detail = hall;
      for (const auto& id : ids) detail += " " + id;
      ctx.accounts.audit(ctx.user.login, "poster_issue", detail, ctx.request.peer, ctx.now);
    }
  } else {
    throw PageError{400, "err_poster_action"};
  }
  return {
      303, "text/plain; charset=utf-8", "", {{"Location", std::string(paths::kPosters) + "?hall=" + urlEncode(hall)}}};
}

Response postersPrint(PageContext& ctx) {
  const Strings& t = ctx.t;
  const std::string hall = pickedHall(ctx, ctx.param("hall"));
  if (hall.empty()) throw PageError{400, "err_hall_id"};
  const std::string size = ctx.param("size").empty() ? "a4" : ctx.param("size");
  if (size != "a4" && size != "a5") throw PageError{400, "err_poster_size"};
  const std::string only = ctx.param("commitment");
  const auto list = ctx.catalog.current(ctx.db, hall);
  const auto posters = postersByCommitment(ctx, hall);
  const std::string base = phonesAddress(ctx);
  Data sheets{Data::type::list};
  if (list && ctx.api.posters.on.covers(hall))
    for (const auto& c : list->commitments) {
      if (!only.empty() && c.id != only) continue;
      const auto it = posters.find(c.id);
      if (it == posters.end()) continue;
      Data sheet;
      sheet.set("hall_name", ctx.hallName(hall));
      sheet.set("title", c.title);
      sheet.set("text", c.text);
      sheet.set("holder", holderLine(t, c));
      sheet.set("qr", qrSvg(wire::endpoint::phoneVoteUrl(base, it->second.code), size == "a4" ? 480 : 340));
      sheet.set("until", replaceText(t["poster_valid_until"], "{day}", dayOf(ctx, it->second.expiresUnix)));
      sheet.set("mark", it->second.code.substr(it->second.code.size() - 6));  // to tell two prints apart
      sheets.push_back(sheet);
    }
  Data content;
  content.set("size", size);
  content.set("sheets", sheets);
  content.set("empty", sheets.is_empty_list());
  content.set("back", std::string(paths::kPosters) + "?hall=" + urlEncode(hall));
  Response res = renderPage(ctx, "poster_print", t["poster_title"], content, false);
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

}  // namespace hub::console
