// HallNames: the names and order administrators give halls, and what a name may be.
#include <doctest/doctest.h>

#include "hub/core/hall_names.hpp"

using namespace hub;

TEST_CASE("a named hall shows its name, an unnamed one its id") {
  const HallNames names({{"hall-04", "张店区政务服务中心", 2}});
  CHECK(names.nameOf("hall-04") == "张店区政务服务中心");
  CHECK(names.nameOf("hall-09") == "hall-09");
  CHECK(names.named("hall-04"));
  CHECK_FALSE(names.named("hall-09"));
}

TEST_CASE("halls in the administrators' order, then by name, unnamed ones last by id") {
  const HallNames names({{"hall-01", "湖田街道便民服务中心", 3},
                         {"hall-02", "张店区政务服务中心", 1},
                         {"hall-03", "马尚街道便民服务中心", 3}});
  // order 1 first, the two with order 3 by name, then the unnamed by id
  const auto order = names.ordered({"hall-05", "hall-01", "hall-03", "hall-02", "hall-00"});
  REQUIRE(order.size() == 5);
  CHECK(order[0] == "hall-02");
  CHECK(order[3] == "hall-00");
  CHECK(order[4] == "hall-05");
  CHECK(order[1] == "hall-01");  // 湖 (U+6E56) before 马 (U+9A6C)
  CHECK(order[2] == "hall-03");
}

TEST_CASE("a hall name: 1-40 characters counted as characters, no control characters, not blank") {
  CHECK(hallNameProblem("张店区政务服务中心") == "");
  std::string forty, fortyOne;
  for (int i = 0; i < 40; ++i) forty += "中";  // 120 bytes, 40 characters
  fortyOne = forty + "中";
  CHECK(hallNameProblem(forty) == "");
  CHECK(hallNameProblem(fortyOne) == "err_hall_name_long");
  CHECK(hallNameProblem("") == "err_hall_name_empty");
  CHECK(hallNameProblem("   ") == "err_hall_name_empty");
  CHECK(hallNameProblem("大厅\n二") == "err_hall_name_control");
  CHECK(hallNameProblem("大厅\x7f") == "err_hall_name_control");
}
