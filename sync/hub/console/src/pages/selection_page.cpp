// 年度评选: a hall's candidates for 示范岗 / 团队 / 单位 / 行业 over a year — the public's votes and
// satisfaction, the 评议会's and the 党员互评's good shares, the leaders' reviews of the unit and the
// cases, each in its own column — scored with the weights the hall set and ranked within each award;
// candidates under the minimum of votes listed after, marked, never ranked. The same table as XLSX
// or CSV, and the page prints (its menus do not). Leaders and administrators set the weights here.
#include <algorithm>

#include "../page_context.hpp"
#include "hub/export/selection_report.hpp"
#include "hub/store/selection_weights.hpp"
#include "wire/list_limits.hpp"

namespace hub::console {

namespace {

bool maySetWeights(const PageContext& ctx) { return ctx.user.role != UserRole::Staff; }

std::string pickedHall(const PageContext& ctx) {
  if (!ctx.hall.empty()) return ctx.hall;
  return ctx.halls.size() == 1 ? ctx.halls.front() : std::string();
}

std::string yearOf(const PageContext& ctx) {
  const std::string year = ctx.param("year").empty() ? ctx.today.substr(0, 4) : ctx.param("year");
  if (year.size() != 4 || !std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw PageError{400, "err_selection_year"};
  return year;
}

std::string shareText(const std::optional<double>& v) { return v ? percent(*v) : std::string("—"); }

}  // namespace

Response selectionPage(PageContext& ctx) {
  const Strings& t = ctx.t;
  const std::string year = yearOf(ctx);
  const std::string hall = pickedHall(ctx);
  Data content;
  content.set("year", year);
  if (hall.empty()) {
    content.set("pick_hall", true);
    return renderPage(ctx, "selection", t["selection_title"], content, true, false);
  }
  const HallWeights weights = ctx.weights->forHall(hall);
  LedgerScope scope = ledgerScope(ctx);
  scope.hall = hall;
  scope.hallsInView = {hall};
  scope.from = year + "-01-01";
  scope.to = year + "-12-31";
  auto candidates = selectionCandidates(ledgerSources(ctx), scope, t);
  selection::rank(candidates, weights.weights);
  if (ctx.format == "xlsx" || ctx.format == "csv")
    return download(ctx, selectionSheet(candidates, weights.weights, ctx.hallNames, t, year),
                    replaceText(t["selection_sheet_title"], "{year}", year) + "-" + ctx.hallName(hall));

  Data rows{Data::type::list};
  for (const auto& c : candidates) {
    Data row;
    row.set("award", t["selection_award_" + std::string(selection::nameOf(c.award))]);
    // Under the minimum: 不排名 in the rank's own cell (the weights line above says why).
    row.set("rank", c.rank ? std::to_string(c.rank) : t["selection_not_ranked"]);
    row.set("holder", c.holder);
    row.set("unit", c.unit);
    row.set("commitments", std::to_string(c.commitments));
    row.set("votes", grouped(c.votes.total()));
    row.set("satisfaction", c.underMinimum ? std::string("—") : percent(wire::sharesOf(c.votes).satisfaction));
    row.set("panel", shareText(c.panelGood));
    row.set("peer", shareText(c.peerGood));
    std::string reviews;
    for (const auto& r : c.reviews) reviews += (reviews.empty() ? "" : "；") + r;
    row.set("reviews", reviews.empty() ? std::string("—") : reviews);
    row.set("cases", std::to_string(c.casesOpened) + " / " + std::to_string(c.casesClosed) + " / " +
                         std::to_string(c.casesOnTime));
    row.set("score", c.score ? percent(*c.score) : std::string("—"));
    row.set("under", c.underMinimum);
    rows.push_back(row);
  }
  content.set("rows", rows);
  content.set("hall", hall);
  content.set("hall_name", ctx.hallName(hall));
  content.set("heading", replaceText(t["selection_sheet_title"], "{year}", year));
  content.set("weights_line", weightsLine(weights.weights, t));
  content.set("set_by", weights.setBy.empty()
                            ? t["selection_defaults"]
                            : replaceText(replaceText(t["selection_set_by"], "{who}", ctx.personName(weights.setBy)),
                                          "{when}", localTime(ctx, weights.setUnix).substr(0, 10)));
  const std::string q = "hall=" + urlEncode(hall) + "&year=" + year;
  content.set("export_xlsx", std::string(paths::kSelection) + "?" + q + "&format=xlsx");
  content.set("export_csv", std::string(paths::kSelection) + "?" + q + "&format=csv");
  if (maySetWeights(ctx)) {
    Data form;
    form.set("csrf", ctx.session.csrf);
    form.set("hall", hall);
    form.set("year", year);
    form.set("public", std::to_string(weights.weights.publicPct));
    form.set("panel", std::to_string(weights.weights.panelPct));
    form.set("peer", std::to_string(weights.weights.peerPct));
    form.set("min", std::to_string(weights.weights.minVotes));
    content.set("form", form);
  }
  return renderPage(ctx, "selection", t["selection_title"], content, true, false);
}

Response selectionForm(PageContext& ctx, const Fields& form) {
  if (!maySetWeights(ctx)) throw PageError{403, "err_panel_leaders_only"};
  const auto field = [&](const char* name) {
    const auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  const std::string hall = field("hall");
  if (!wire::limits::isSafeId(hall)) throw PageError{400, "err_hall_id"};
  if (!ctx.user.mayReadHall(hall)) throw PageError{403, replaceText(ctx.t["err_not_your_hall"], "{hall}", hall)};
  const auto number = [&](const char* name) -> std::int64_t {
    const std::string v = field(name);
    if (v.empty() || v.size() > 7 || v.find_first_not_of("0123456789") != std::string::npos)
      throw PageError{400, "err_selection_weights"};
    return std::stoll(v);
  };
  const selection::Weights w{number("public"), number("panel"), number("peer"), number("min")};
  if (!w.valid()) throw PageError{400, "err_selection_weights"};
  ctx.weights->set(hall, w, ctx.user.login, ctx.now);
  ctx.accounts.audit(ctx.user.login, "selection_weights",
                     hall + " " + std::to_string(w.publicPct) + "/" + std::to_string(w.panelPct) + "/" +
                         std::to_string(w.peerPct) + " min " + std::to_string(w.minVotes),
                     ctx.request.peer, ctx.now);
  const std::string year = field("year").size() == 4 ? field("year") : ctx.today.substr(0, 4);
  return {303,
          "text/plain; charset=utf-8",
          "",
          {{"Location", std::string(paths::kSelection) + "?hall=" + urlEncode(hall) + "&year=" + year}}};
}

}  // namespace hub::console
