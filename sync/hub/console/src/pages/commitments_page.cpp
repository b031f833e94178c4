// 承诺: every commitment of the halls in view with its counts and shares; filtered by unit, holder
// kind and term, sorted by any column, paged. Exports (XLSX ledger, CSV) carry every filtered row.
#include <algorithm>

#include "../page_context.hpp"
#include "hub/core/unit_names.hpp"

namespace hub::console {

namespace {

struct SortKey {
  const char* name;
  bool numeric;
};
constexpr SortKey kSortKeys[] = {{"hall", false},        {"id", false},          {"holder", false}, {"unit", false},
                                 {"good", true},         {"fair", true},         {"poor", true},    {"total", true},
                                 {"satisfaction", true}, {"fair_or_worse", true}};

// Whether sorting by `key` may look at a row's ratings: not under the privacy floor, where the page
// shows "—" (only the total may order those rows).
bool sortable(const CommitmentRow& r, std::string_view key, std::int64_t minCount) {
  return key == "total" || r.counts.total() >= minCount;
}

double numericKey(const CommitmentRow& r, std::string_view key) {
  const auto total = static_cast<double>(r.counts.total());
  if (key == "good") return static_cast<double>(r.counts.good);
  if (key == "fair") return static_cast<double>(r.counts.fair);
  if (key == "poor") return static_cast<double>(r.counts.poor);
  if (key == "total") return total;
  // Shares of rows under any vote sort below every real share whichever the direction.
  if (total == 0) return -1;
  if (key == "satisfaction") return static_cast<double>(r.counts.good) / total;
  return static_cast<double>(r.counts.fair + r.counts.poor) / total;
}

std::string textKey(const CommitmentRow& r, std::string_view key) {
  if (key == "hall") return r.hall + "\n" + r.id;
  if (key == "holder") return r.commitment ? r.commitment->holder.name : std::string();
  if (key == "unit") return r.commitment ? r.commitment->holder.unit : std::string();
  return r.id;
}

}  // namespace

Response commitmentsPage(PageContext& ctx) {
  const Strings& t = ctx.t;
  const std::string sort = ctx.param("sort").empty() ? "hall" : ctx.param("sort");
  const auto key =
      std::find_if(std::begin(kSortKeys), std::end(kSortKeys), [&](const SortKey& k) { return sort == k.name; });
  if (key == std::end(kSortKeys)) throw PageError{400, "err_sort"};
  const std::string dir = ctx.param("dir").empty() ? (key->numeric ? "desc" : "asc") : ctx.param("dir");
  if (dir != "asc" && dir != "desc") throw PageError{400, "err_sort"};
  std::int64_t pageNumber = 1;
  if (const auto p = ctx.param("page"); !p.empty()) {
    if (p.size() > 6 || !std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoll(p) < 1)
      throw PageError{400, "err_page_number"};
    pageNumber = std::stoll(p);
  }
  const std::string unit = ctx.param("unit"), kind = ctx.param("kind"), term = ctx.param("term");
  if (const std::string channel = ctx.param("channel"); !channel.empty()) {
    if (!isChannel(channel)) throw PageError{400, "err_filter"};
    ctx.channel = channel;
  }
  if (!kind.empty() && !wire::holderKindFromString(kind)) throw PageError{400, "err_filter"};
  if (!term.empty() && !wire::termFromString(term)) throw PageError{400, "err_filter"};

  const auto index = indexCommitments(ctx);
  auto rows = commitmentRows(ctx, index);
  std::vector<std::string> units;
  for (const auto& r : rows)
    if (r.commitment && !r.commitment->holder.unit.empty()) units.push_back(unitKey(r.commitment->holder.unit));
  std::sort(units.begin(), units.end());
  units.erase(std::unique(units.begin(), units.end()), units.end());

  rows.erase(std::remove_if(rows.begin(), rows.end(),
                            [&](const CommitmentRow& r) {
                              if (unit.empty() && kind.empty() && term.empty()) return false;
                              if (!r.commitment) return true;
                              const auto& c = *r.commitment;
                              return (!unit.empty() && unitKey(c.holder.unit) != unitKey(unit)) ||
                                     (!kind.empty() && wire::nameOf(c.holder.kind) != kind) ||
                                     (!term.empty() && wire::nameOf(c.term) != term);
                            }),
             rows.end());
  const bool ascending = dir == "asc";
  std::stable_sort(rows.begin(), rows.end(), [&](const CommitmentRow& a, const CommitmentRow& b) {
    if (key->numeric) {
      // Rows under the privacy floor come after the others in either direction, in their own
      // order (hall, id): how their hidden counts compare must not show in the order.
      const bool sa = sortable(a, key->name, ctx.config.minCount), sb = sortable(b, key->name, ctx.config.minCount);
      if (sa != sb) return sa;
      if (!sa) return textKey(a, "hall") < textKey(b, "hall");
      const double x = numericKey(a, key->name), y = numericKey(b, key->name);
      return ascending ? x < y : x > y;
    }
    const auto x = textKey(a, key->name), y = textKey(b, key->name);
    return ascending ? x < y : x > y;
  });

  if (ctx.format == "xlsx")
    return downloadBytes(ctx, ledgerXlsx(ledgerOf(ctx, rows, t["ledger_title"])), kXlsxType,
                         "ledger-" + ctx.period.from + "-" + ctx.period.to + ".xlsx");
  if (ctx.format == "csv") {
    SheetTable table{t["ledger_title"],
                     {t["hall"], t["id"], t["commitment"], t["holder"], t["kind"], t["post"], t["unit"], t["term"],
                      t["good"], t["fair"], t["poor"], t["total"], t["satisfaction"], t["fair_or_worse"], t["note"],
                      t["channel_votes_kiosk"], t["channel_votes_phone"], t["channel_votes_poster"]},
                     {}};
    for (const auto& r : rows) {
      const auto total = r.counts.total();
      // The privacy floor, as on the page: under min_count only the total.
      const bool shown = total > 0 && total >= ctx.config.minCount;
      const auto share = [&](std::int64_t part) -> Cell {
        if (!shown) return std::string("—");
        return static_cast<double>(part) / static_cast<double>(total);
      };
      const auto count = [&](std::int64_t n) { return shown ? Cell{n} : Cell{std::string("—")}; };
      table.rows.push_back(
          {ctx.hallName(r.hall), r.id, r.commitment ? r.commitment->title : "",
           r.commitment ? r.commitment->holder.name : "", r.commitment ? kindLabel(t, r.commitment->holder.kind) : "",
           r.commitment ? r.commitment->holder.post : "", r.commitment ? r.commitment->holder.unit : "",
           r.commitment ? termLabel(t, r.commitment->term) : "", count(r.counts.good), count(r.counts.fair),
           count(r.counts.poor), total, share(r.counts.good), share(r.counts.fair + r.counts.poor), r.note,
           r.byChannel[0], r.byChannel[1], r.byChannel[2]});
    }
    return downloadBytes(ctx, tableCsv(table), "text/csv; charset=utf-8",
                         "ledger-" + ctx.period.from + "-" + ctx.period.to + ".csv");
  }
  if (ctx.param("view") == "print") {
    Data content;
    Data list{Data::type::list};
    // The totals add the rows under the privacy floor only when those reach it together, as the
    // XLSX ledger does: otherwise subtracting the shown rows from the totals would reveal them.
    wire::TallyCounts sum, hidden;
    std::int64_t hiddenRows = 0;
    for (const auto& r : rows) {
      list.push_back(rowData(ctx, r));
      const bool under = r.counts.total() > 0 && r.counts.total() < ctx.config.minCount;
      wire::TallyCounts& into = under ? hidden : sum;
      into.good += r.counts.good;
      into.fair += r.counts.fair;
      into.poor += r.counts.poor;
      hiddenRows += under ? 1 : 0;
    }
    if (hidden.total() >= ctx.config.minCount) {
      sum.good += hidden.good;
      sum.fair += hidden.fair;
      sum.poor += hidden.poor;
    } else if (hiddenRows > 0) {
      content.set(
          "hidden_apart",
          replaceText(replaceText(replaceText(t["ledger_hidden_apart"], "{min}", std::to_string(ctx.config.minCount)),
                                  "{rows}", std::to_string(hiddenRows)),
                      "{votes}", std::to_string(hidden.total())));
    }
    content.set("rows", list);
    content.set("sum", countsData(sum, 0));
    content.set("period", ctx.period.from + " 至 " + ctx.period.to);
    content.set("hall", ctx.hall.empty() ? t["all_halls"] : ctx.hallName(ctx.hall));
    content.set("today", ctx.today);
    return renderPage(ctx, "ledger_print", t["ledger_title"], content, false);
  }

  const std::size_t size = ctx.config.pageSize;
  const std::size_t pages = std::max<std::size_t>(1, (rows.size() + size - 1) / size);
  if (static_cast<std::size_t>(pageNumber) > pages) pageNumber = static_cast<std::int64_t>(pages);
  const std::size_t first = (static_cast<std::size_t>(pageNumber) - 1) * size;
  Data list{Data::type::list};
  for (std::size_t i = first; i < std::min(rows.size(), first + size); ++i) list.push_back(rowData(ctx, rows[i]));

  // Links keep every choice but the one they change.
  const std::string filters = (unit.empty() ? "" : "&unit=" + urlEncode(unit)) + (kind.empty() ? "" : "&kind=" + kind) +
                              (term.empty() ? "" : "&term=" + term) +
                              (ctx.channel ? "&channel=" + *ctx.channel : std::string());
  const std::string base = std::string(paths::kCommitments) + "?" + hallQuery(ctx) + filters;
  Data headers{Data::type::list};
  for (const auto& k : kSortKeys) {
    Data h;
    const bool current = sort == k.name;
    const std::string nextDir = current ? (ascending ? "desc" : "asc") : (k.numeric ? "desc" : "asc");
    h.set("label", t[k.name == std::string_view("holder") ? "holder" : k.name]);
    h.set("href", base + "&sort=" + k.name + "&dir=" + nextDir);
    h.set("numeric", k.numeric);
    h.set("mark", current ? (ascending ? " ▲" : " ▼") : "");
    h.set("aria", current ? (ascending ? "ascending" : "descending") : "none");
    headers.push_back(h);
  }
  Data content;
  content.set("headers", headers);
  content.set("rows", list);
  content.set("count", replaceText(t["rows_shown"], "{n}", std::to_string(rows.size())));
  content.set("page", std::to_string(pageNumber) + " / " + std::to_string(pages));
  const std::string sorted = "&sort=" + sort + "&dir=" + dir;
  if (pageNumber > 1) content.set("prev", base + sorted + "&page=" + std::to_string(pageNumber - 1));
  if (static_cast<std::size_t>(pageNumber) < pages)
    content.set("next", base + sorted + "&page=" + std::to_string(pageNumber + 1));
  content.set("export_xlsx", base + sorted + "&format=xlsx");
  content.set("export_csv", base + sorted + "&format=csv");
  content.set("print", base + sorted + "&view=print");
  content.set("posters", std::string(paths::kPosters) + "?" + hallQuery(ctx));
  content.set("suggestions", std::string(paths::kSuggestions) + "?" + hallQuery(ctx));
  // 征求意见 with how many wait for this user's halls: what needs them, seen where lists are read.
  const std::int64_t waiting = ctx.suggestions ? ctx.suggestions->waiting(ctx.hallsInView()) : 0;
  content.set("suggestions_label", waiting > 0
                                       ? replaceText(ctx.t["suggestions_link_waiting"], "{n}", std::to_string(waiting))
                                       : ctx.t["suggestions_link"]);
  // The monthly ledgers a hall files, one click from here whatever period is on screen.
  const std::string hallPart = ctx.hall.empty() ? std::string() : "&hall=" + urlEncode(ctx.hall);
  content.set("ledger_last_month", std::string(paths::kCommitments) + "?period=last_month" + hallPart + "&format=xlsx");
  content.set("ledger_this_month", std::string(paths::kCommitments) + "?period=month" + hallPart + "&format=xlsx");
  Data unitOptions{Data::type::list};
  for (const auto& u : units) {
    Data o;
    o.set("value", u);
    o.set("selected", u == unit);
    unitOptions.push_back(o);
  }
  content.set("units", unitOptions);
  Data kinds{Data::type::list};
  for (const auto k : {wire::HolderKind::Person, wire::HolderKind::Post, wire::HolderKind::Team, wire::HolderKind::Unit,
                       wire::HolderKind::Trade}) {
    Data o;
    o.set("value", std::string(wire::nameOf(k)));
    o.set("label", kindLabel(t, k));
    o.set("selected", kind == wire::nameOf(k));
    kinds.push_back(o);
  }
  content.set("kinds", kinds);
  Data terms{Data::type::list};
  for (const auto tm : {wire::Term::LongTerm, wire::Term::Annual, wire::Term::Immediate}) {
    Data o;
    o.set("value", std::string(wire::nameOf(tm)));
    o.set("label", termLabel(t, tm));
    o.set("selected", term == wire::nameOf(tm));
    terms.push_back(o);
  }
  content.set("terms", terms);
  Data channels{Data::type::list};
  for (const auto c : kChannels) {
    Data o;
    o.set("value", std::string(c));
    o.set("label", t["channel_" + std::string(c)]);
    o.set("selected", ctx.channel == c);
    channels.push_back(o);
  }
  content.set("channels", channels);
  if (ctx.channel)
    content.set("channel_note", replaceText(t["channel_only"], "{channel}", t["channel_" + *ctx.channel]));
  content.set("sort", sort);
  content.set("dir", dir);
  return renderPage(ctx, "commitments", t["nav_commitments"], content);
}

}  // namespace hub::console
