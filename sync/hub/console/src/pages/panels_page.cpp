// 评议会 in the console: leaders and administrators create a panel for a hall — its commitments,
// scale, threshold and seats by category — and get each seat's one-time code once, on printable
// slips with a QR code; everyone with the hall sees the results (per commitment overall and per
// category over the privacy floor, 一般及以下 against the panel's threshold) and the participation;
// leaders and administrators see who has voted (never how) and close the panel.
#include <algorithm>
#include <map>
#include <span>

#include "../page_context.hpp"
#include "hub/console/qr_svg.hpp"
#include "hub/core/unit_names.hpp"
#include "hub/export/panel_report.hpp"
#include "hub/store/panel_store.hpp"
#include "wire/crypto.hpp"
#include "wire/endpoints.hpp"
#include "wire/list_limits.hpp"

namespace hub::console {

namespace {

constexpr std::size_t kMaxSeats = 300;
constexpr std::size_t kMaxNameBytes = 60;

bool mayRun(const PageContext& ctx) { return ctx.user.role != UserRole::Staff; }

// Ten random digits: typed on a kiosk's keypad, read aloud at a meeting; ~33 bits, and a guess is
// one of the residents' pages' limited requests.
std::string newPanelCode() {
  std::string code;
  while (code.size() < 10) {
    for (const char c : wire::randomBytes(16)) {
      const auto b = static_cast<unsigned char>(c);
      if (b < 250 && code.size() < 10) code.push_back(static_cast<char>('0' + b % 10));  // 250: no bias
    }
  }
  return code;
}

std::string spaced(const std::string& code) {
  return code.substr(0, 4) + " " + code.substr(4, 4) + " " + code.substr(8);
}

std::string pickedHall(const PageContext& ctx) {
  if (!ctx.hall.empty()) return ctx.hall;
  return ctx.halls.size() == 1 ? ctx.halls.front() : std::string();
}

PanelInfo panelInScope(PageContext& ctx, std::string_view part) {
  std::int64_t id = 0;
  if (part.empty() || part.size() > 12 ||
      !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw PageError{400, "err_panel_id"};
  id = std::stoll(std::string(part));
  auto p = ctx.panels->panel(id);
  // Another hall's panel is "not found", as another hall's case is: nothing said about it.
  if (!p || !ctx.user.mayReadHall(p->hall)) throw PageError{404, "err_no_panel"};
  return *p;
}

std::string percentOf(double share) { return percent(share); }

Data gradeCells(const Strings& t, panel::Scale scale, const panel::GradeCounts& c) {
  Data cells{Data::type::list};
  for (const auto g : panel::gradesOf(scale)) {
    Data cell;
    cell.set("label", t["panel_grade_" + std::string(panel::nameOf(g))]);
    cell.set("n", std::to_string(c.byGrade[static_cast<std::size_t>(g)]));
    cells.push_back(cell);
  }
  return cells;
}

// 党员互评: the party members of each unit on the hall's list — the holders of its personal
// commitments (HolderKind::Person), by unit as pages group them — each with the commitments they
// hold, which their ballot will not ask. In list order.
struct Member {
  std::string name;
  std::vector<std::string> commitments;
};
std::map<std::string, std::vector<Member>> membersByUnit(const wire::CommitmentList& list) {
  std::map<std::string, std::vector<Member>> out;
  for (const auto& c : list.commitments) {
    if (c.holder.kind != wire::HolderKind::Person || c.holder.name.empty()) continue;
    auto& members = out[unitKey(c.holder.unit)];
    auto it = std::find_if(members.begin(), members.end(), [&](const Member& m) { return m.name == c.holder.name; });
    if (it == members.end()) it = members.insert(members.end(), Member{c.holder.name, {}});
    it->commitments.push_back(c.id);
  }
  return out;
}

// Who rates whom in a 互评 round of `unit`: a seat per member, every member's commitments asked.
void peerRound(const wire::CommitmentList& list, const std::string& unit, PanelInfo& p, std::vector<PanelSeat>& seats) {
  const auto units = membersByUnit(list);
  const auto members = units.find(unit);
  // Two at least: one member alone would rate nobody, and nobody would rate them.
  if (unit.empty() || members == units.end() || members->second.size() < 2) throw PageError{400, "err_peer_members"};
  p.kind = panel::Kind::Peer;
  p.unit = unit;
  p.thresholdPermille = 1000;  // a 互评 round opens no case: its results go to the unit's report
  for (const auto& m : members->second) {
    p.items.insert(p.items.end(), m.commitments.begin(), m.commitments.end());
    seats.push_back({0, std::string(panel::kPeerCategory), m.name, 0, m.commitments});
  }
}

}  // namespace

Response panelsPage(PageContext& ctx) {
  const Strings& t = ctx.t;
  Data content;
  Data rows{Data::type::list};
  for (const auto& p : ctx.panels->list(ctx.scope)) {
    if (!ctx.hall.empty() && p.hall != ctx.hall) continue;
    const auto report = panelReport(*ctx.panels, p, ctx.config.minCount);
    Data row;
    row.set("href", paths::fill(paths::kPanel, std::to_string(p.id)));
    row.set("title", p.title);
    row.set("hall", ctx.hallName(p.hall));
    row.set("created", localTime(ctx, p.createdUnix).substr(0, 10));
    row.set("participation", std::to_string(report.usedAll()) + " / " + std::to_string(report.issuedAll()));
    row.set("state", t[p.closedUnix ? "panel_closed" : "panel_open"]);
    rows.push_back(row);
  }
  content.set("rows", rows);
  if (mayRun(ctx)) {
    const std::string hall = pickedHall(ctx);
    if (hall.empty()) {
      content.set("pick_hall", true);
    } else if (const auto list = ctx.catalog.current(ctx.db, hall)) {
      Data form;
      form.set("hall", hall);
      form.set("hall_name", ctx.hallName(hall));
      form.set("csrf", ctx.session.csrf);
      Data items{Data::type::list};
      for (const auto& c : list->commitments) {
        Data item;
        item.set("id", c.id);
        item.set("label", c.holder.name + " · " + c.title);
        items.push_back(item);
      }
      form.set("items", items);
      Data categories{Data::type::list};
      for (const auto c : panel::kCategories) {
        Data category;
        category.set("name", std::string(c));
        category.set("label", t["panel_category_" + std::string(c)]);
        categories.push_back(category);
      }
      form.set("categories", categories);
      content.set("form", form);
      // 党员互评: the units with two members or more.
      Data units{Data::type::list};
      for (const auto& [unit, members] : membersByUnit(*list)) {
        if (members.size() < 2) continue;
        Data u;
        u.set("unit", unit);
        u.set("label", replaceText(t["peer_unit_option"], "{unit}", unit) + " · " +
                           replaceText(t["peer_members"], "{n}", std::to_string(members.size())));
        units.push_back(u);
      }
      if (!units.is_empty_list()) {
        Data peer;
        peer.set("hall", hall);
        peer.set("hall_name", ctx.hallName(hall));
        peer.set("csrf", ctx.session.csrf);
        peer.set("units", units);
        content.set("peer_form", peer);
      }
    } else {
      content.set("no_list", true);
    }
  }
  return renderPage(ctx, "panels", t["panel_title"], content, true, false);
}

Response panelForm(PageContext& ctx, const Fields& form) {
  const Strings& t = ctx.t;
  if (!mayRun(ctx)) throw PageError{403, "err_panel_leaders_only"};
  const auto field = [&](const std::string& name) {
    const auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  const std::string hall = field("hall");
  if (!wire::limits::isSafeId(hall)) throw PageError{400, "err_hall_id"};
  if (!ctx.user.mayReadHall(hall)) throw PageError{403, replaceText(t["err_not_your_hall"], "{hall}", hall)};
  const auto list = ctx.catalog.current(ctx.db, hall);
  if (!list) throw PageError{409, "phone_no_list"};
  PanelInfo p;
  p.hall = hall;
  p.title = field("title");
  if (p.title.find_first_not_of(" \t") == std::string::npos || p.title.size() > 200)
    throw PageError{400, "err_panel_title"};
  const std::string scale = field("scale");
  if (scale != "four" && scale != "three") throw PageError{400, "err_panel_scale"};
  p.scale = scale == "three" ? panel::Scale::Three : panel::Scale::Four;
  std::vector<PanelSeat> seats;
  if (field("kind") == "peer") {
    peerRound(*list, unitKey(field("unit")), p, seats);
  } else {
    const std::string threshold = field("threshold");
    if (threshold.empty() || threshold.size() > 3 || threshold.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(threshold) < 1 || std::stoi(threshold) > 100)
      throw PageError{400, "err_panel_threshold"};
    p.thresholdPermille = std::stoi(threshold) * 10;
    for (const auto& c : list->commitments)
      if (field("item_" + c.id) == "on") p.items.push_back(c.id);
    if (p.items.empty()) throw PageError{400, "err_panel_no_items"};
  }
  for (const auto c : p.kind == panel::Kind::Peer ? std::span<const std::string_view>()
                                                  : std::span<const std::string_view>(panel::kCategories)) {
    std::string names = field("seats_" + std::string(c));
    std::size_t start = 0;
    while (start <= names.size()) {
      const std::size_t end = std::min(names.find('\n', start), names.size());
      std::string name = names.substr(start, end - start);
      while (!name.empty() && (name.back() == '\r' || name.back() == ' ')) name.pop_back();
      while (!name.empty() && name.front() == ' ') name.erase(0, 1);
      if (!name.empty()) {
        if (name.size() > kMaxNameBytes) throw PageError{400, "err_panel_name", {{"{name}", name.substr(0, 30)}}};
        seats.push_back({0, std::string(c), name, 0});
      }
      start = end + 1;
    }
  }
  if (seats.empty()) throw PageError{400, "err_panel_no_seats"};
  if (seats.size() > kMaxSeats) throw PageError{400, "err_panel_too_many_seats"};
  p.createdBy = "user:" + ctx.user.login;
  p.createdUnix = ctx.now;
  std::vector<std::string> codes;
  for (std::size_t i = 0; i < seats.size(); ++i) codes.push_back(newPanelCode());
  const std::int64_t id = ctx.panels->create(p, seats, codes);
  ctx.accounts.audit(ctx.user.login, "panel_create",
                     std::to_string(id) + " " + hall + " " + std::to_string(seats.size()), ctx.request.peer, ctx.now);

  // The slips: every code shown this once (only their hashes are kept), one slip per seat.
  const std::string base = phonesAddress(ctx);
  Data slips{Data::type::list};
  for (std::size_t i = 0; i < seats.size(); ++i) {
    Data slip;
    slip.set("title", p.title);
    slip.set("hall", ctx.hallName(hall));
    slip.set("category", t["panel_category_" + seats[i].category]);
    slip.set("name", seats[i].name);
    slip.set("code", spaced(codes[i]));
    slip.set("qr", qrSvg(wire::endpoint::panelBallotUrl(base, codes[i]), 200));
    slips.push_back(slip);
  }
  Data content;
  content.set("slips", slips);
  content.set("title", p.title);
  content.set("results", paths::fill(paths::kPanel, std::to_string(id)));
  Response res = renderPage(ctx, "panel_slips", t["panel_slips_title"], content, false);
  res.headers.emplace_back("Cache-Control", "no-store");  // the codes must not stay in any cache
  return res;
}

Response panelPage(PageContext& ctx, std::string_view part) {
  const Strings& t = ctx.t;
  const PanelInfo p = panelInScope(ctx, part);
  const auto report = panelReport(*ctx.panels, p, ctx.config.minCount);
  const auto list = ctx.catalog.current(ctx.db, p.hall);
  Data items{Data::type::list};
  for (const auto& r : report.items) {
    Data item;
    const wire::Commitment* c = list ? list->find(r.commitmentId) : nullptr;
    item.set("id", r.commitmentId);
    item.set("holder", c ? c->holder.name : std::string("—"));
    item.set("title", c ? c->title : t["panel_not_on_list"]);
    item.set("graded", std::to_string(r.overall.graded()));
    std::int64_t ballots = 0;
    for (const auto& cat : r.categories) ballots += cat.ballots;
    item.set("ballots", std::to_string(ballots));
    item.set("skipped", std::to_string(r.overall.skipped));
    // Every row sets its own cells, shown or not: a row without them would show its parent's.
    item.set("grades", r.overallShown ? gradeCells(t, p.scale, r.overall) : Data{Data::type::list});
    item.set("fair_or_worse",
             r.overallShown && r.overall.graded() ? percentOf(r.overall.fairOrWorse()) : std::string("—"));
    if (r.overThreshold) item.set("rectify", true);
    Data categories{Data::type::list};
    for (const auto& cat : r.categories) {
      Data row;
      row.set("label", t["panel_category_" + cat.category]);
      row.set("ballots", std::to_string(cat.ballots));
      row.set("grades", cat.counts ? gradeCells(t, p.scale, *cat.counts) : Data{Data::type::list});
      row.set("fair_or_worse",
              cat.counts && cat.counts->graded() ? percentOf(cat.counts->fairOrWorse()) : std::string("—"));
      categories.push_back(row);
    }
    item.set("categories", categories);
    items.push_back(item);
  }
  Data content;
  content.set("title", p.title);
  content.set("hall", ctx.hallName(p.hall));
  content.set("items", items);
  Data headers{Data::type::list};
  for (const auto g : panel::gradesOf(p.scale)) {
    Data h;
    h.set("label", t["panel_grade_" + std::string(panel::nameOf(g))]);
    headers.push_back(h);
  }
  content.set("grade_headers", headers);
  std::int64_t issuedAll = 0, usedAll = 0;
  Data participation{Data::type::list};
  for (const auto c : panel::kAllCategories) {
    const auto i = report.issued.find(std::string(c));
    if (i == report.issued.end()) continue;
    const auto u = report.used.find(std::string(c));
    const std::int64_t used = u == report.used.end() ? 0 : u->second;
    issuedAll += i->second;
    usedAll += used;
    Data row;
    row.set("label", t["panel_category_" + std::string(c)]);
    row.set("used", std::to_string(used) + " / " + std::to_string(i->second));
    participation.push_back(row);
  }
  content.set("participation", participation);
  content.set("participation_all", std::to_string(usedAll) + " / " + std::to_string(issuedAll));
  content.set("rule_note", p.kind == panel::Kind::Peer
                               ? t["peer_intro"]
                               : replaceText(replaceText(t["panel_rule_note"], "{threshold}",
                                                         std::to_string(p.thresholdPermille / 10)),
                                             "{min}", std::to_string(ctx.config.minCount)));
  content.set("state", t[p.closedUnix ? "panel_closed" : "panel_open"]);
  if (mayRun(ctx)) {
    Data seats{Data::type::list};
    for (const auto& s : ctx.panels->seats(p.id)) {
      Data seat;
      seat.set("category", t["panel_category_" + s.category]);
      seat.set("name", s.name);
      seat.set("voted", s.usedUnix != 0);
      seats.push_back(seat);
    }
    content.set("has_seats", !seats.is_empty_list());
    content.set("seats", seats);
    if (!p.closedUnix) {
      content.set("close", paths::fill(paths::kPanelClose, std::to_string(p.id)));
      content.set("csrf", ctx.session.csrf);
    }
  }
  return renderPage(ctx, "panel", p.title, content, false);
}

namespace {

// The panel's rule, once its ballots are in: every commitment whose 一般及以下 share reaches the
// panel's threshold (with enough graded ballots) gets a rectification case, opened by "panel" with
// the figures that crossed it — as the public rule opens them by "rule". A commitment with a case
// already open keeps that one.
void openPanelCases(PageContext& ctx, const PanelInfo& p) {
  if (p.kind == panel::Kind::Peer) return;  // 互评 informs the unit's report; it opens no case
  const auto report = panelReport(*ctx.panels, p, ctx.config.minCount);
  const auto deadline = caseDeadline(ctx.today, static_cast<int>(ctx.config.caseWorkingDays), ctx.config.calendar);
  for (const auto& r : report.items) {
    if (!r.overThreshold) continue;
    const std::string why = replaceText(replaceText(replaceText(ctx.t["case_panel_trigger"], "{title}", p.title), "{p}",
                                                    percent(r.overall.fairOrWorse())),
                                        "{n}", std::to_string(r.overall.graded()));
    if (const auto opened = ctx.cases.open(p.hall, r.commitmentId, ctx.today, deadline, "panel", why, ctx.now))
      ctx.accounts.audit(ctx.user.login, "case_open", std::to_string(opened->id) + " " + p.hall + " " + r.commitmentId,
                         ctx.request.peer, ctx.now);
  }
}

}  // namespace

Response panelCloseForm(PageContext& ctx, std::string_view part, const Fields&) {
  if (!mayRun(ctx)) throw PageError{403, "err_panel_leaders_only"};
  const PanelInfo p = panelInScope(ctx, part);
  const Response back{
      303, "text/plain; charset=utf-8", "", {{"Location", paths::fill(paths::kPanel, std::to_string(p.id))}}};
  if (p.closedUnix) return back;  // closed already (a second tab, a double click): nothing more to do
  ctx.panels->close(p.id, ctx.now);
  ctx.accounts.audit(ctx.user.login, "panel_close", std::to_string(p.id) + " " + p.hall, ctx.request.peer, ctx.now);
  openPanelCases(ctx, p);
  return back;
}

}  // namespace hub::console
