// HallDirectory: halls' display names and order in console.db (SQLite, and PostgreSQL in its run).
#include <doctest/doctest.h>

#include <stdexcept>

#include "hub/store/hall_directory.hpp"
#include "store_under_test.hpp"
#include "temp_dir.hpp"

using namespace hub;

TEST_CASE("a hall's name and order are stored, changed and read back in order") {
  testing::TempDir dir;
  testing::StoreUnderTest store(dir.path());
  HallDirectory halls(store.console());
  halls.name("hall-02", "张店区政务服务中心", 1, 100);
  halls.name("hall-01", "湖田街道便民服务中心", 2, 100);
  CHECK(halls.names(100).nameOf("hall-02") == "张店区政务服务中心");
  CHECK(halls.names(100).ordered({"hall-01", "hall-02", "hall-03"}) ==
        std::vector<std::string>{"hall-02", "hall-01", "hall-03"});
  halls.name("hall-01", "湖田街道党群服务中心", 0, 200);  // renamed and moved first
  const auto names = halls.names(200);
  CHECK(names.nameOf("hall-01") == "湖田街道党群服务中心");
  CHECK(names.ordered({"hall-02", "hall-01"}).front() == "hall-01");
  CHECK(halls.list().size() == 2);
}

TEST_CASE("another hub's change is seen within the refresh, this hub's own at once") {
  testing::TempDir dir;
  testing::StoreUnderTest store(dir.path());
  HallDirectory mine(store.console()), other(store.console());
  CHECK(mine.names(1000).nameOf("hall-01") == "hall-01");
  other.name("hall-01", "一号大厅", 1, 1000);
  CHECK(mine.names(1000 + HallDirectory::kRefreshSeconds - 1).nameOf("hall-01") == "hall-01");  // cached
  CHECK(mine.names(1000 + HallDirectory::kRefreshSeconds).nameOf("hall-01") == "一号大厅");
  mine.name("hall-01", "第一大厅", 1, 1000 + HallDirectory::kRefreshSeconds + 1);
  CHECK(mine.names(1000 + HallDirectory::kRefreshSeconds + 1).nameOf("hall-01") == "第一大厅");
}

TEST_CASE("a bad name, order or hall id is refused by name and the stored name is kept") {
  testing::TempDir dir;
  testing::StoreUnderTest store(dir.path());
  HallDirectory halls(store.console());
  halls.name("hall-01", "一号大厅", 1, 1);
  CHECK_THROWS_WITH_AS(halls.name("hall-01", "", 1, 2), "err_hall_name_empty", std::invalid_argument);
  CHECK_THROWS_WITH_AS(halls.name("hall-01", "a\tb", 1, 2), "err_hall_name_control", std::invalid_argument);
  CHECK_THROWS_WITH_AS(halls.name("hall-01", "大厅", -1, 2), "err_hall_order", std::invalid_argument);
  CHECK_THROWS_WITH_AS(halls.name("hall-01", "大厅", 10000, 2), "err_hall_order", std::invalid_argument);
  CHECK_THROWS_WITH_AS(halls.name("../etc", "大厅", 1, 2), "err_not_a_hall", std::invalid_argument);
  CHECK(halls.names(3).nameOf("hall-01") == "一号大厅");
  CHECK(halls.list().size() == 1);
}
