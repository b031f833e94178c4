// The API's 评议会 routes (PROTOCOL.md "评议会"): staff and administrators read the panels of a
// period with their results — the same figures as the console's panel page and the ledger's
// 评议会 sheet (hub/export/panel_report.hpp) — and a kiosk in panel mode opens the ballot a typed
// code gives and casts it. A kiosk sees only its own hall's panels: another hall's code is "no
// such code", as a forged one is. Ballots go to the panel store (console.db), never the tallies.
#include <algorithm>
#include <set>

#include "api_responses.hpp"
#include "common/iso_time.hpp"
#include "hub/api/api.hpp"
#include "hub/core/console_paths.hpp"
#include "hub/export/panel_report.hpp"
#include "wire/endpoints.hpp"
#include "wire/panel_ballot.hpp"

namespace hub {

using namespace api_detail;

namespace {

json countsJson(panel::Scale scale, const panel::GradeCounts& c) {
  json out = json::object();
  for (const auto g : panel::gradesOf(scale))
    out[std::string(panel::nameOf(g))] = c.byGrade[static_cast<std::size_t>(g)];
  out["skipped"] = c.skipped;
  out["graded"] = c.graded();
  if (c.graded()) out["fair_or_worse"] = c.fairOrWorse();
  return out;
}

json reportJson(const PanelReport& r, std::int64_t utcOffsetMinutes) {
  json items = json::array();
  for (const auto& item : r.items) {
    json categories = json::array();
    std::int64_t ballots = 0;
    for (const auto& c : item.categories) {
      ballots += c.ballots;
      json cat{{"category", c.category}, {"ballots", c.ballots}};
      // Under the privacy floor a category gives only its number of ballots.
      cat["counts"] = c.counts ? countsJson(r.panel.scale, *c.counts) : json(nullptr);
      categories.push_back(std::move(cat));
    }
    items.push_back({{"commitment_id", item.commitmentId},
                     {"ballots", ballots},
                     {"overall", item.overallShown ? countsJson(r.panel.scale, item.overall) : json(nullptr)},
                     {"rectify", item.overThreshold},
                     {"categories", std::move(categories)}});
  }
  json participation = json::object();
  for (const auto& [category, issued] : r.issued) {
    const auto used = r.used.find(category);
    participation[category] = {{"issued", issued}, {"used", used == r.used.end() ? 0 : used->second}};
  }
  const auto day = [&](std::int64_t unix) { return common::isoDay(unix + utcOffsetMinutes * 60); };
  return {{"id", r.panel.id},
          {"hall", r.panel.hall},
          {"title", r.panel.title},
          {"kind", r.panel.kind == panel::Kind::Peer ? "peer" : "panel"},  // a 评议会, or a 党员互评 round of `unit`
          {"unit", r.panel.unit},
          {"scale", r.panel.scale == panel::Scale::Four ? "four" : "three"},
          {"threshold", static_cast<double>(r.panel.thresholdPermille) / 1000.0},
          {"created", day(r.panel.createdUnix)},
          {"closed", r.panel.closedUnix ? json(day(r.panel.closedUnix)) : json(nullptr)},
          {"participation", std::move(participation)},
          {"items", std::move(items)}};
}

// The code in /api/v1/panel-ballots/{code}.
std::string codeOf(const Request& r) {
  const std::string_view path = std::string_view(r.target).substr(0, r.target.find('?'));
  return std::string(console_path::match(wire::endpoint::kPanelBallots, path).value_or(""));
}

Response refused(int status, std::string_view reason, const std::string& message) {
  return jsonResponse(status, {{"error", message}, {"reason", reason}});
}

}  // namespace

Response Api::panels(const Principal& p, const Request&, const Query& q, Db&) {
  const auto get = [&](const char* key, const std::string& fallback) {
    auto it = q.find(key);
    return it == q.end() || it->second.empty() ? fallback : it->second;
  };
  const std::string from = get("from", "0000-01-01"), to = get("to", "9999-12-31");
  if (!common::isIsoDay(from)) return error(400, "from: must be a date YYYY-MM-DD");
  if (!common::isIsoDay(to)) return error(400, "to: must be a date YYYY-MM-DD");
  std::optional<std::vector<std::string>> halls;
  if (const auto hall = get("hall", ""); !hall.empty()) {
    if (!p.mayReadHall(hall)) return error(403, "no access to hall " + hall);
    halls = std::vector<std::string>{hall};
  } else if (p.role != Role::Admin) {
    halls = p.halls;
  }
  json out = json::array();
  if (panels_) {
    const std::int64_t offset = config_.results.utcOffsetMinutes;
    for (const auto& r : panelReports(*panels_, halls, from, to, offset, config_.minCount))
      out.push_back(reportJson(r, offset));
  }
  return jsonResponse(200, {{"panels", std::move(out)}, {"privacy_floor", config_.minCount}});
}

Response Api::openPanelBallot(const Principal& p, const Request& r, const Query&, Db&) {
  const std::string code = codeOf(r);
  if (!wire::isPanelCode(code)) return error(400, "code: a panel code is 10 digits");
  const auto seat = panels_ ? panels_->findCode(code) : std::nullopt;
  if (!seat || seat->panel.hall != hallOf(p)) return refused(404, wire::kPanelUnknown, "no such panel code");
  if (seat->panel.closedUnix) return refused(410, wire::kPanelClosed, "the panel is over");
  if (seat->used) return refused(410, wire::kPanelUsed, "this code has voted");
  wire::PanelBallotForm form{seat->panel.title, seat->category, {}, seat->ballotItems()};
  for (const auto g : panel::gradesOf(seat->panel.scale)) form.grades.emplace_back(panel::nameOf(g));
  Response res = jsonResponse(200, json::parse(wire::encodePanelBallotForm(form)));
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

Response Api::castPanelBallot(const Principal& p, const Request& r, const Query&, Db&) {
  const std::string code = codeOf(r);
  if (!wire::isPanelCode(code)) return error(400, "code: a panel code is 10 digits");
  wire::PanelBallot ballot;
  try {
    ballot = wire::parsePanelBallot(r.body);
  } catch (const wire::PanelBallotError& e) {
    return error(400, e.what());
  }
  const auto seat = panels_ ? panels_->findCode(code) : std::nullopt;
  if (!seat || seat->panel.hall != hallOf(p)) return refused(404, wire::kPanelUnknown, "no such panel code");
  const auto asked = seat->ballotItems();
  const std::set<std::string> items(asked.begin(), asked.end());
  std::map<std::string, std::string> given;
  for (const auto& [id, grade] : ballot.grades) {
    if (std::find(seat->ownItems.begin(), seat->ownItems.end(), id) != seat->ownItems.end())
      return error(400, "grades: " + id + " is this member's own commitment: nobody rates their own");
    if (!items.count(id)) return error(400, "grades: " + id + " is not on this panel");
    given[id] = grade;
  }
  const auto grades = panel::ballotOf(asked, seat->panel.scale, [&](const std::string& id) {
    const auto it = given.find(id);
    return it == given.end() ? std::nullopt : std::optional<std::string>(it->second);
  });
  if (!grades) return error(400, "grades: a grade is not on this panel's scale");
  switch (panels_->cast(code, *grades, now_())) {
    case BallotOutcome::Counted: break;
    case BallotOutcome::AlreadyUsed: return refused(410, wire::kPanelUsed, "this code has voted");
    case BallotOutcome::Closed: return refused(410, wire::kPanelClosed, "the panel is over");
    case BallotOutcome::UnknownCode: return refused(404, wire::kPanelUnknown, "no such panel code");
    case BallotOutcome::OwnCommitment: return error(400, "grades: nobody rates their own commitments");
  }
  return jsonResponse(201, {{"status", "counted"}});
}

}  // namespace hub
