// hub-seed: fills a hub folder (made by `kiosk-hub init`) with a realistic deployment, made by the
// product's own code: signed commitment lists per hall (wire), a year of rating batches ingested
// through HubStore::ingest exactly as uploads are, kiosk tokens, and heartbeats (one kiosk silent,
// one never seen). Deterministic for a seed, so tests can assert what pages and ledgers show.
// Whatever the end day, two commitments of every hall are placed against the rectification rule
// (fair-or-worse ≥ 30 % with ≥ 20 votes; see kRuleHit and kPeriodHit below), so a test that waits
// for the hub to open a case by itself never depends on the day it runs.
//   hub-seed --dir D [--halls 5] [--commitments 200] [--days 365] [--votes-per-day 60]
//            [--end 2026-11-20] [--seed 1]
// Prints the number of counted votes per hall, and the two placed commitments, as JSON on stdout. Kiosk k's token is
// "seed-token-hall-NN-kK" (a test fixture, never a real deployment's).
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "common/iso_time.hpp"
#include "hub/config/hub_config.hpp"
#include "hub/core/principal.hpp"
#include "hub/store/hub_store.hpp"
#include "wire/crypto.hpp"
#include "wire/heartbeat.hpp"
#include "wire/rating_batch.hpp"
#include "wire/signed_list.hpp"

namespace {

struct Random {  // xorshift64*: the same data for the same seed on every machine
  std::uint64_t state;
  std::uint64_t next() {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 2685821657736338717ULL;
  }
  double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

const std::vector<std::string> kUnits{"区人社局",     "区医保局",   "区税务局",
                                      "区市场监管局", "区公安分局", "区不动产登记中心"};
const std::vector<std::string> kSurnames{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"};
const std::vector<std::string> kGiven{"丽", "伟", "芳", "娜", "敏", "静", "强",
                                      "磊", "洋", "艳", "勇", "军", "杰", "娟"};
const std::vector<std::string> kPromises{"社保业务一次办好", "窗口服务不推诿", "限时办结不拖延", "政策解答讲清楚",
                                         "老年人办事有人帮", "预约服务准时办", "材料一次告知清", "投诉建议必回复"};

std::string arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return argv[i + 1];
  return fallback;
}

using common::dayNumber;
using common::dayText;

struct Seeded {
  std::string id;
  double goodShare;  // this commitment's residents' mood
};

// Placed against the rule, in every hall, on every end day:
// - kRuleHit gets 40 votes on the end day, 70 % fair or poor: over the rule in any window that ends
//   on the end day (the hub's sweep opens its case by itself) and over the results' public minimum;
// - kPeriodHit is rated good by everyone but for 40 poor votes kPeriodHitDaysBack days before the
//   end day, and 5 good ones on the end day itself: over the rule in a period that holds the bad
//   day (a case can be opened by hand), never in the sweep's 30-day window, and with votes on the
//   end day that a dispute of that window takes off.
constexpr int kRuleHit = 2;
constexpr int kPeriodHit = 3;
constexpr std::int64_t kPeriodHitDaysBack = 31;

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = arg(argc, argv, "--dir", "");
  if (dir.empty()) {
    std::cerr << "usage: hub-seed --dir HUB_DIR [--halls N] [--commitments N] [--days N] [--votes-per-day N] "
                 "[--end YYYY-MM-DD] [--seed N]\n";
    return 2;
  }
  const int halls = std::stoi(arg(argc, argv, "--halls", "5"));
  const int commitments = std::stoi(arg(argc, argv, "--commitments", "200"));
  const int days = std::stoi(arg(argc, argv, "--days", "365"));
  const int votesPerDay = std::stoi(arg(argc, argv, "--votes-per-day", "60"));
  const std::string end = arg(argc, argv, "--end", "2026-11-20");
  Random rng{static_cast<std::uint64_t>(std::stoll(arg(argc, argv, "--seed", "1"))) * 0x9E3779B97F4A7C15ULL + 1};
  if (!common::isIsoDay(end) || halls < 1 || commitments < 1 || days < 1 || votesPerDay < 0) {
    std::cerr << "hub-seed: bad argument\n";
    return 2;
  }

  const auto cfg = hub::loadHubConfig(dir);
  hub::HubStore store(cfg.database);
  const auto key = wire::Ed25519PrivateKey::generate();
  store.addAdminKey("seed-admin", key.publicKey().toPem(), 0);
  const std::int64_t endDay = dayNumber(end);
  const std::int64_t firstDay = endDay - days + 1;
  constexpr std::int32_t kOffset = 8 * 3600;
  nlohmann::json summary{{"halls", nlohmann::json::object()}};
  if (commitments < kPeriodHit || days <= kPeriodHitDaysBack) {
    std::cerr << "hub-seed: the rule's placed commitments need --commitments >= " << kPeriodHit << " and --days > "
              << kPeriodHitDaysBack << "\n";
    return 2;
  }
  char placed[16];
  std::snprintf(placed, sizeof placed, "c-%04d", kRuleHit);
  summary["rule_hit"] = placed;
  std::snprintf(placed, sizeof placed, "c-%04d", kPeriodHit);
  summary["period_hit"] = {{"commitment_id", placed}, {"day", dayText(endDay - kPeriodHitDaysBack)}};

  for (int h = 1; h <= halls; ++h) {
    char hallId[16];
    std::snprintf(hallId, sizeof hallId, "hall-%02d", h);
    const std::string hall = hallId;
    std::vector<Seeded> seeded;
    nlohmann::json items = nlohmann::json::array();
    for (int c = 1; c <= commitments; ++c) {
      char id[16];
      std::snprintf(id, sizeof id, "c-%04d", c);
      const std::string unit = kUnits[rng.below(kUnits.size())];
      const double kindRoll = rng.unit();
      const char* kind = kindRoll < 0.6    ? "person"
                         : kindRoll < 0.8  ? "post"
                         : kindRoll < 0.9  ? "team"
                         : kindRoll < 0.95 ? "unit"
                                           : "trade";
      const std::string person = kSurnames[rng.below(kSurnames.size())] + kGiven[rng.below(kGiven.size())];
      const std::string post = unit.substr(3) + "窗口 " + std::to_string(1 + rng.below(12)) + " 号";  // minus "区"
      const std::string name = std::string(kind) == "person" ? person
                               : std::string(kind) == "post" ? post
                               : std::string(kind) == "team" ? unit + "服务队"
                                                             : unit;
      const char* terms[] = {"long_term", "annual", "immediate"};
      items.push_back(
          {{"id", id},
           {"holder", {{"name", name}, {"kind", kind}, {"post", post}, {"unit", unit}}},
           {"term", terms[rng.below(3)]},
           {"title", kPromises[rng.below(kPromises.size())]},
           {"text", "对群众的承诺：" + kPromises[rng.below(kPromises.size())] + "，办事群众可随时评价监督。"},
           {"valid_from", end.substr(0, 4) + "-01-01"},
           {"valid_to", end.substr(0, 4) + "-12-31"}});
      // Most commitments are liked; about one in twelve is not, so rectification has work to show.
      const double mood = rng.unit() < 0.08 ? 0.35 + 0.2 * rng.unit() : 0.75 + 0.23 * rng.unit();
      seeded.push_back({id, c == kPeriodHit ? 1.0 : mood});
    }
    nlohmann::json list{{"format", "commitment-list/1"},
                        {"deployment", cfg.api.deployment},
                        {"hall", hall},
                        {"version", 1},
                        {"published_at", dayText(firstDay) + "T08:00:00+08:00"},
                        {"title", "党员公开承诺 群众评议"},
                        {"reasons",
                         {{{"code", "not_kept"}, {"label", "承诺未兑现"}},
                          {{"code", "attitude"}, {"label", "服务态度差"}},
                          {{"code", "slow"}, {"label", "办事效率低"}}}},
                        {"commitments", items}};
    store.addList(cfg.api.deployment, hall, 1, wire::signList(list.dump(), "seed-admin", key),
                  (firstDay * 86400) - kOffset);
    // A second version: the first commitment reworded, so its page has a history.
    list["version"] = 2;
    list["commitments"][0]["title"] = list["commitments"][0]["title"].get<std::string>() + "（修订）";
    store.addList(cfg.api.deployment, hall, 2, wire::signList(list.dump(), "seed-admin", key),
                  ((firstDay + days / 2) * 86400) - kOffset);

    // Two kiosks upload a batch a day each; votes fall in opening hours, fewer at weekends.
    const std::string epoch = "00000000-0000-4000-8000-0000000000" + std::string(hallId).substr(5, 2);
    std::int64_t counted = 0;
    for (int k = 1; k <= 2; ++k) {
      const std::string kioskId = hall + "-k" + std::to_string(k);
      store.addToken(hub::tokenHash("seed-token-" + kioskId), {hub::Role::Kiosk, kioskId, {hall}}, 0);
      for (std::int64_t d = firstDay; d <= endDay; ++d) {
        const int weekday = static_cast<int>(((d % 7) + 7 + 3) % 7);  // 0 = Monday
        const int votes = (weekday >= 5 ? votesPerDay / 4 : votesPerDay) / 2;
        std::map<std::tuple<std::string, int, std::string, std::string>, std::int64_t> counts;
        for (int v = 0; v < votes; ++v) {
          const auto& c = seeded[rng.below(seeded.size())];
          const int hour = 8 + static_cast<int>(rng.below(10));
          const double roll = rng.unit();
          const char* rating = roll < c.goodShare                           ? "good"
                               : roll < c.goodShare + (1 - c.goodShare) / 2 ? "fair"
                                                                            : "poor";
          const char* reasons[] = {"not_kept", "attitude", "slow", ""};
          const std::string reason = std::string(rating) == "poor" ? reasons[rng.below(4)] : "";
          ++counts[{c.id, hour, rating, reason}];
        }
        if (k == 1 && d == endDay) {
          counts[{seeded[kRuleHit - 1].id, 9, "good", ""}] += 12;
          counts[{seeded[kRuleHit - 1].id, 10, "fair", ""}] += 14;
          counts[{seeded[kRuleHit - 1].id, 11, "poor", "not_kept"}] += 14;
          counts[{seeded[kPeriodHit - 1].id, 9, "good", ""}] += 5;
        }
        if (k == 1 && d == endDay - kPeriodHitDaysBack) counts[{seeded[kPeriodHit - 1].id, 10, "poor", "slow"}] += 40;
        wire::RatingBatch batch{
            kioskId, epoch + std::to_string(k), d - firstDay + 1, dayText(d) + "T18:00:00+08:00", {}};
        for (const auto& [keyTuple, n] : counts) {
          const auto& [cid, hour, rating, reason] = keyTuple;
          char bucket[40];
          std::snprintf(bucket, sizeof bucket, "%sT%02d:00+08:00", dayText(d).c_str(), hour);
          batch.counts.push_back({cid, d - firstDay < days / 2 ? 1 : 2, bucket, rating,
                                  reason.empty() ? std::nullopt : std::optional<std::string>(reason), n, 0});
          counted += n;
        }
        if (batch.counts.empty()) continue;
        const std::string body = wire::encodeBatch(batch);
        store.ingest(batch, wire::sha256Hex(body), hall, d * 86400 + 10 * 3600, 0);
      }
    }
    summary["halls"][hall] = counted;
    // Kiosk 1 reported a minute ago; kiosk 2 has been silent for two hours; a third was enrolled
    // and never switched on. (Heartbeats are about now, whatever day the votes end on.)
    const std::int64_t endUnix = static_cast<std::int64_t>(std::time(nullptr));
    wire::Heartbeat hb{"1.4.0", 2, 0, 0, 0, end + "T17:00+08:00", std::int64_t{12} << 30, ""};
    store.heartbeat(hall + "-k1", hall, wire::encodeHeartbeat(hb), endUnix - 60, 2);
    hb.listVersion = 1;
    hb.queuedBatches = 3;
    store.heartbeat(hall + "-k2", hall, wire::encodeHeartbeat(hb), endUnix - 7200, -40);
    store.addToken(hub::tokenHash("seed-token-" + hall + "-k3"), {hub::Role::Kiosk, hall + "-k3", {hall}}, 0);
  }
  std::cout << summary.dump() << "\n";
  return 0;
}
