// Naming counts as residents saw them: a list changed field by field across a period (title,
// holder, unit, a removal, an addition), and the rows, standings and notes that come out.
#include <doctest/doctest.h>

#include "hub/core/commitment_wording.hpp"

using namespace hub;

namespace {

wire::Commitment commitment(const char* id, const char* holder, const char* unit, const char* title) {
  wire::Commitment c;
  c.id = id;
  c.holder.name = holder;
  c.holder.unit = unit;
  c.title = title;
  return c;
}

std::shared_ptr<const wire::CommitmentList> version(std::int64_t v, std::vector<wire::Commitment> commitments) {
  auto list = std::make_shared<wire::CommitmentList>();
  list->hall = "hall-01";
  list->version = v;
  list->commitments = std::move(commitments);
  return list;
}

// v1 → v2: c-1 retitled, c-2 moved to another unit, c-3 removed, c-4 added; v2 → v3: c-1 gets a new holder.
const HistoryByHall kHistory{{"hall-01",
                              {version(1, {commitment("c-1", "王丽", "区人社局", "社保一次办好"),
                                           commitment("c-2", "李强", "区人社局", "咨询有问必答"),
                                           commitment("c-3", "张敏", "区医保局", "医保报销当日结")}),
                               version(2, {commitment("c-1", "王丽", "区人社局", "社保业务一次办好"),
                                           commitment("c-2", "李强", "区医保局", "咨询有问必答"),
                                           commitment("c-4", "赵刚", "区医保局", "窗口不空岗")}),
                               version(3, {commitment("c-1", "刘洋", "区人社局", "社保业务一次办好"),
                                           commitment("c-2", "李强", "区医保局", "咨询有问必答"),
                                           commitment("c-4", "赵刚", "区医保局", "窗口不空岗")})}}};

TallyRow counted(const char* id, std::int64_t v, std::int64_t good, std::int64_t poor) {
  return {"hall-01", id, good, 0, poor, 0, v};
}

}  // namespace

TEST_CASE("each wording keeps its own counts, a removed commitment keeps its names, units follow the version") {
  const std::vector<TallyRow> versioned{counted("c-1", 1, 8, 2), counted("c-1", 2, 4, 1), counted("c-1", 3, 3, 0),
                                        counted("c-2", 1, 3, 1), counted("c-2", 2, 6, 0), counted("c-3", 1, 300, 55)};
  const auto rows = wordRows(versioned, kHistory, false);
  REQUIRE(rows.size() == 6);
  // c-1: three wordings (title in v2, holder in v3), each with the votes given under it.
  CHECK(rows[0].wording->title == "社保一次办好");
  CHECK(rows[0].counts.total() == 10);
  CHECK(rows[0].standing == WordingStanding::Earlier);
  CHECK(wordingNote(rows[0]) == "第1版清单时的名称（现为：刘洋　社保业务一次办好）");
  CHECK(rows[1].wording->holder.name == "王丽");
  CHECK(rows[1].wording->title == "社保业务一次办好");
  CHECK(rows[1].counts.total() == 5);
  CHECK(rows[2].wording->holder.name == "刘洋");
  CHECK(rows[2].standing == WordingStanding::Current);
  CHECK(wordingNote(rows[2]).empty());
  // c-2: same words, another unit — the votes of v1 stay with the unit they were given to.
  CHECK(rows[3].wording->holder.unit == "区人社局");
  CHECK(rows[3].counts.total() == 4);
  CHECK(rows[4].wording->holder.unit == "区医保局");
  CHECK(rows[4].counts.total() == 6);
  // c-3: removed in v2, named as in v1 with all 355 votes.
  CHECK(rows[5].wording->holder.name == "张敏");
  CHECK(rows[5].wording->holder.unit == "区医保局");
  CHECK(rows[5].counts.total() == 355);
  CHECK(rows[5].standing == WordingStanding::Removed);
  CHECK(rows[5].removedIn == 2);
  CHECK(wordingNote(rows[5]) == "已于第2版移出清单");
}

TEST_CASE("versions with the same wording are one row, the unrated current ones are added when asked") {
  // c-2 is worded the same in v2 and v3; c-4 has no votes.
  const std::vector<TallyRow> versioned{counted("c-2", 2, 5, 0), counted("c-2", 3, 2, 1)};
  const auto rows = wordRows(versioned, kHistory, true);
  REQUIRE(rows.size() == 3);  // c-1 (current, unrated), c-2 (v2 + v3), c-4 (unrated)
  CHECK(rows[0].counts.commitmentId == "c-1");
  CHECK(rows[0].counts.total() == 0);
  CHECK(rows[0].standing == WordingStanding::Current);
  CHECK(rows[1].counts.total() == 8);
  CHECK(rows[1].versions == std::vector<std::int64_t>{2, 3});
  CHECK(rows[1].standing == WordingStanding::Current);
  CHECK(rows[2].counts.commitmentId == "c-4");
}

TEST_CASE("versions never recorded, unknown and unlisted fall back to the nearest list naming the commitment") {
  const auto& lists = kHistory.at("hall-01");
  CHECK(wordingAt(lists, "c-1", 0)->holder.name == "刘洋");  // not recorded: the newest naming it
  CHECK(wordingAt(lists, "c-3", 0)->holder.name == "张敏");  // … even when removed since
  CHECK(wordingAt(lists, "c-1", 9)->holder.name == "刘洋");  // a version the hub never received: the last before
  CHECK(wordingAt(lists, "c-4", 1)->title == "窗口不空岗");  // rated under v1 (a kiosk's stale id): nearest later
  CHECK(wordingAt(lists, "c-9", 2) == nullptr);
  const auto rows = wordRows({counted("c-9", 2, 1, 0)}, kHistory, false);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].standing == WordingStanding::Unknown);
  CHECK(wordingNote(rows[0]) == "已发布的清单中没有此承诺");
  // A hall with no list at all: rows stand without names.
  CHECK(wordRows({{"hall-09", "c-1", 1, 0, 0, 0, 1}}, kHistory, false).at(0).wording == nullptr);
}
