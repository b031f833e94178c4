// The public results (GET /public/<hall>, /public/<hall>/<commitment>): what a hall's kiosks show
// residents (你评我改) for anyone to read — each commitment's satisfaction over the results window
// with at least the public minimum of votes (never small numbers), the public outcome of its
// latest closed rectification, and the units ranked by 差评率 over the ranking minimum. Only for
// halls that opened it ([public] halls); cacheable.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "hub/core/request_decoding.hpp"
#include "hub/store/tally_queries.hpp"
#include "resident_context.hpp"
#include "wire/endpoints.hpp"

namespace hub::phone {

namespace {

namespace ep = wire::endpoint;

std::string percent(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", share * 100.0);
  return text;
}

bool isOpen(const Residents& impl, const std::string& hall) { return impl.publicPage.open.covers(hall); }

Response closed(const Strings& t) { return messagePage(t, 404, t["public_title_plain"], t["public_off"], ""); }

Response cacheable(Response res, const Residents& impl) {
  res.headers.emplace_back("Cache-Control", "public, max-age=" + std::to_string(impl.publicPage.maxAgeSeconds));
  return res;
}

std::string unitOf(const wire::Commitment& c) {
  if (!c.holder.unit.empty()) return c.holder.unit;
  return c.holder.kind == wire::HolderKind::Unit ? c.holder.name : "";
}

Data resultData(const Strings& t, const wire::CommitmentResult& r, const wire::Commitment& c, const std::string& href) {
  Data d{Data::type::object};
  d.set("title", c.title);
  d.set("holder", c.holder.name);
  d.set("satisfaction", percent(r.satisfaction));
  d.set("total", std::to_string(r.total));
  d.set("href", href);
  if (!r.outcome.empty()) d.set("outcome", r.outcome);
  d.set("votes_line", replaceText(t["public_votes_line"], "{n}", std::to_string(r.total)));
  return d;
}

Data frameData(const Residents& impl, const Strings& t, const std::string& hall, const wire::ResultsBoard& board) {
  Data d{Data::type::object};
  const std::string name = impl.halls.names(impl.now()).nameOf(hall);
  d.set("hall", name);
  d.set("heading", replaceText(t["public_title"], "{hall}", name));
  d.set("window", replaceText(replaceText(t["public_window"], "{from}", board.from), "{to}", board.to));
  d.set("minimum_note", replaceText(t["public_minimum_note"], "{min}", std::to_string(impl.publicPage.publicMinimum)));
  return d;
}

// A hall's public results and its current list, read on one leased connection.
struct HallResults {
  ReadPool::Lease lease;
  wire::ResultsBoard board;
  std::shared_ptr<const wire::CommitmentList> list;
};

HallResults readHall(Residents& impl, const std::string& hall) {
  auto lease = impl.readers.lease();
  auto board = impl.api.resultsBoard(hall, impl.publicPage.publicMinimum, lease.db());
  auto list = impl.catalog.current(lease.db(), hall);
  return {std::move(lease), std::move(board), std::move(list)};
}

}  // namespace

Response publicHallPage(Residents& impl, const Visit& visit) {
  const Strings& t = visit.t;
  const std::string& hall = visit.parts.at(0);
  if (!isOpen(impl, hall)) return closed(t);
  auto [lease, board, list] = readHall(impl, hall);
  Data d = frameData(impl, t, hall, board);
  Data items{Data::type::list};
  if (list)
    for (const auto& c : list->commitments)  // in the list's order, as the kiosk shows them
      if (const auto* r = board.find(c.id))
        items.push_back(resultData(
            t, *r, c, std::string(ep::kPublicRoot) + urlEncode(hall) + "/" + urlEncode(c.id) + "?lang=" + t.lang));
  if (items.is_empty_list()) d.set("none", true);
  d.set("results", items);

  // 差评率 by unit over the same window, from the counted votes; only units over the minimum.
  if (list) {
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> byUnit;  // unit -> (poor, total)
    for (const auto& row :
         queries::tallies(lease.db(), board.from, board.to, std::vector<std::string>{hall}, TallyGroup::Commitment)) {
      const wire::Commitment* c = list->find(row.commitmentId);
      if (!c || unitOf(*c).empty()) continue;
      auto& [poor, total] = byUnit[unitOf(*c)];
      poor += row.poor;
      total += row.total();
    }
    std::vector<std::tuple<double, std::string, std::int64_t>> ranked;
    for (const auto& [unit, n] : byUnit)
      if (n.second >= impl.publicPage.rankMinimum)
        ranked.emplace_back(static_cast<double>(n.first) / static_cast<double>(n.second), unit, n.second);
    std::sort(ranked.begin(), ranked.end());
    Data units{Data::type::list};
    int rank = 0;
    for (const auto& [share, unit, total] : ranked) {
      Data u{Data::type::object};
      u.set("rank", std::to_string(++rank));
      u.set("unit", unit);
      u.set("poor_share", percent(share));
      u.set("total", std::to_string(total));
      units.push_back(std::move(u));
    }
    if (rank > 0) {
      d.set("units", units);
      d.set("has_units", true);
    }
    d.set("rank_note", replaceText(t["public_rank_note"], "{min}", std::to_string(impl.publicPage.rankMinimum)));
  }
  return cacheable(
      renderPage(t, 200, "public_hall",
                 replaceText(t["public_title"], "{hall}", impl.halls.names(impl.now()).nameOf(hall)), std::move(d)),
      impl);
}

Response publicCommitmentPage(Residents& impl, const Visit& visit) {
  const Strings& t = visit.t;
  const std::string& hall = visit.parts.at(0);
  if (!isOpen(impl, hall)) return closed(t);
  const auto [lease, board, list] = readHall(impl, hall);
  const wire::Commitment* c = list ? list->find(visit.parts.at(1)) : nullptr;
  const wire::CommitmentResult* r = c ? board.find(c->id) : nullptr;
  // Under the minimum, a commitment has no public figures at all: the page says so, no numbers.
  if (!r)
    return cacheable(
        messagePage(t, 404, t["public_title_plain"],
                    replaceText(t["public_not_shown"], "{min}", std::to_string(impl.publicPage.publicMinimum)), ""),
        impl);
  Data d = frameData(impl, t, hall, board);
  Data item = resultData(t, *r, *c, "");
  item.set("text", c->text);
  d.set("result", item);
  d.set("back", std::string(ep::kPublicRoot) + urlEncode(hall) + "?lang=" + t.lang);
  return cacheable(renderPage(t, 200, "public_commitment", c->title, std::move(d)), impl);
}

}  // namespace hub::phone
