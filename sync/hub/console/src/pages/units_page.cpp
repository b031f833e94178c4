// 单位: the list's hierarchy — unit → post (示范岗) or team → holder — ranked by satisfaction with
// counts, each unit expandable; then the same counts by holder kind and by hall. A unit under the
// minimum count is listed last, unranked as 票数不足 (`[console] rank_min_count`: its share would be
// too few votes to mean anything); under the privacy floor its counts show "—", in exports too.
#include <algorithm>
#include <functional>
#include <map>

#include "../page_context.hpp"
#include "hub/core/unit_names.hpp"
#include "hub/export/panel_report.hpp"

namespace hub::console {

namespace {

struct Group {
  std::string name;
  wire::TallyCounts counts;
  std::vector<const CommitmentRow*> rows;
};

void add(wire::TallyCounts& into, const wire::TallyCounts& c) {
  into.good += c.good;
  into.fair += c.fair;
  into.poor += c.poor;
}

// Whether a group takes a place in the ranking: only with `[console] rank_min_count` votes, so a
// handful at 100 % never ranks above thousands at 97 %.
bool isRanked(const PageContext& ctx, const wire::TallyCounts& c) {
  return c.total() > 0 && c.total() >= ctx.config.rankMinCount;
}

// The rank cell: the place, 票数不足 for a group with votes but too few, "—" for none.
std::string rankText(const PageContext& ctx, const wire::TallyCounts& c, std::size_t position) {
  return isRanked(ctx, c) ? std::to_string(position) : c.total() > 0 ? ctx.t["rank_too_few"] : "—";
}

// Ranked groups first, by satisfaction; then those with too few votes, by name (their order says
// nothing about their ratings).
void rank(const PageContext& ctx, std::vector<Group>& groups) {
  std::stable_sort(groups.begin(), groups.end(), [&](const Group& a, const Group& b) {
    const bool ra = isRanked(ctx, a.counts), rb = isRanked(ctx, b.counts);
    if (ra != rb) return ra;
    if (!ra) return a.name < b.name;
    return wire::sharesOf(a.counts).satisfaction > wire::sharesOf(b.counts).satisfaction;
  });
}

Data groupData(const PageContext& ctx, const Group& g, std::size_t position) {
  Data d = countsData(g.counts, ctx.config.minCount);
  d.set("name", g.name);
  d.set("rank", rankText(ctx, g.counts, position));
  return d;
}

std::vector<Group> groupBy(const std::vector<CommitmentRow>& rows,
                           const std::function<std::string(const CommitmentRow&)>& key) {
  std::map<std::string, Group> groups;
  for (const auto& r : rows) {
    auto& g = groups[key(r)];
    g.name = key(r);
    add(g.counts, r.counts);
    g.rows.push_back(&r);
  }
  std::vector<Group> out;
  for (auto& [name, g] : groups) out.push_back(std::move(g));
  return out;
}

}  // namespace

Response unitsPage(PageContext& ctx) {
  const Strings& t = ctx.t;
  const auto index = indexCommitments(ctx);
  const auto rows = commitmentRows(ctx, index);
  const std::string noUnit = "（未填单位）";
  auto units = groupBy(rows, [&](const CommitmentRow& r) {
    // One unit however a list spelled it (區人社局 / 区人社局): see unit_names.hpp.
    return r.commitment && !r.commitment->holder.unit.empty() ? unitKey(r.commitment->holder.unit) : noUnit;
  });
  rank(ctx, units);
  auto kinds = groupBy(rows, [&](const CommitmentRow& r) {
    return r.commitment ? kindLabel(t, r.commitment->holder.kind) : std::string("—");
  });
  rank(ctx, kinds);
  auto halls = groupBy(rows, [&](const CommitmentRow& r) { return ctx.hallName(r.hall); });
  rank(ctx, halls);

  // 党员互评 rounds held in the period, in their own column: never part of the residents' figures.
  const auto peers = panelReports(*ctx.panels, ctx.hallsInView(), ctx.period.from, ctx.period.to,
                                  ctx.config.utcOffsetMinutes, ctx.config.minCount);
  if (ctx.format == "xlsx" || ctx.format == "csv") {
    SheetTable table{
        t["units_title"] + " " + ctx.period.from + " — " + ctx.period.to,
        {t["rank"], t["unit"], t["good"], t["fair"], t["poor"], t["total"], t["satisfaction"], t["peer_column"]},
        {}};
    std::size_t position = 0;
    for (const auto& u : units) {
      // The same floor as the page: under min_count no count or share, only the total.
      const auto total = u.counts.total();
      const bool shown = total >= ctx.config.minCount && total > 0;
      const auto count = [&](std::int64_t n) { return shown ? Cell{n} : Cell{std::string("—")}; };
      table.rows.push_back({rankText(ctx, u.counts, isRanked(ctx, u.counts) ? ++position : 0), u.name,
                            count(u.counts.good), count(u.counts.fair), count(u.counts.poor), total,
                            shown ? Cell{wire::sharesOf(u.counts).satisfaction} : Cell{std::string("—")}, [&] {
                              const auto peer = peerGoodShare(peers, "", u.name);
                              return peer ? Cell{*peer} : Cell{std::string("—")};
                            }()});
    }
    return download(ctx, table, "units");
  }

  // Leader reviews: the newest per unit; a unit without one in the last six months is flagged. A
  // leader or an administrator reviews a unit of one hall: the hall picked, or their only one.
  const auto reviews = ctx.reviews.latestByUnit(ctx.hallsInView());
  const std::int64_t sixMonthsAgo = ctx.now - 183 * 86'400;
  const auto inView = ctx.hallsInView();
  const std::string reviewHall = ctx.user.role == UserRole::Staff ? ""
                                 : !ctx.hall.empty()              ? ctx.hall
                                 : inView.size() == 1             ? inView.front()
                                                                  : "";
  Data unitList{Data::type::list};
  std::size_t position = 0;
  for (const auto& u : units) {
    Data d = groupData(ctx, u, isRanked(ctx, u.counts) ? ++position : 0);
    // Inside a unit: posts and teams, then the people and commitments under them.
    std::map<std::string, Group> byPost;
    for (const auto* r : u.rows) {
      const auto& c = r->commitment;
      const std::string post = c && !c->holder.post.empty()
                                   ? c->holder.post
                                   : (c && c->holder.kind == wire::HolderKind::Team ? c->holder.name : t["all"]);
      auto& g = byPost[post];
      g.name = post;
      add(g.counts, r->counts);
      g.rows.push_back(r);
    }
    std::vector<Group> postGroups;
    for (auto& [name, g] : byPost) postGroups.push_back(std::move(g));
    rank(ctx, postGroups);
    Data postList{Data::type::list};
    for (const auto& p : postGroups) {
      Data pd = countsData(p.counts, ctx.config.minCount);
      pd.set("name", p.name);
      Data holders{Data::type::list};
      for (const auto* r : p.rows) holders.push_back(rowData(ctx, *r));
      pd.set("holders", holders);
      postList.push_back(pd);
    }
    d.set("posts", postList);
    const auto peer = peerGoodShare(peers, "", u.name);
    d.set("peer", peer ? percent(*peer) : std::string("—"));
    if (const auto r = reviews.find(u.name); r != reviews.end()) {
      d.set("review_when", localTime(ctx, r->second.atUnix).substr(0, 10));
      d.set("review_who", ctx.personName(r->second.login));
      d.set("review_note", r->second.note);
    }
    d.set("review_missing", reviews.count(u.name) == 0 || reviews.at(u.name).atUnix < sixMonthsAgo);
    if (!reviewHall.empty() && u.name != noUnit) {
      d.set("review_hall", reviewHall);
      d.set("review_hall_name", ctx.hallName(reviewHall));
      d.set("csrf", ctx.session.csrf);
    }
    unitList.push_back(d);
  }
  const auto simple = [&](const std::vector<Group>& groups) {
    Data list{Data::type::list};
    std::size_t n = 0;
    for (const auto& g : groups) list.push_back(groupData(ctx, g, isRanked(ctx, g.counts) ? ++n : 0));
    return list;
  };
  Data content;
  content.set("units", unitList);
  content.set("kinds", simple(kinds));
  content.set("halls", simple(halls));
  content.set("rank_note", replaceText(t["rank_note"], "{n}", std::to_string(ctx.config.rankMinCount)));
  content.set("export_xlsx", std::string(paths::kUnits) + "?" + hallQuery(ctx) + "&format=xlsx");
  content.set("export_csv", std::string(paths::kUnits) + "?" + hallQuery(ctx) + "&format=csv");
  return renderPage(ctx, "units", t["units_title"], content);
}

}  // namespace hub::console
