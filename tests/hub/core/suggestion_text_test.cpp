// 征求意见's rules for what a resident writes: short, no personal data, offensive words found however
// they are disguised — and ordinary suggestions, numbers and names left alone.
#include <doctest/doctest.h>

#include <string>

#include "hub/core/suggestion_text.hpp"

using hub::suggestion::normalised;
using hub::suggestion::offensive;
using hub::suggestion::problemOf;
using hub::suggestion::TextProblem;

TEST_CASE("a suggestion is kept as written, its spacing tidied") {
  CHECK(normalised("  希望周末\r\n也能办理\t社保  ") == "希望周末 也能办理 社保");
  CHECK(problemOf(normalised("希望周末也能办理社保业务，上班族请不了假。")) == TextProblem::None);
  CHECK(problemOf("2027年起每周六上午开放 3 个窗口") == TextProblem::None);  // years and counts are no data
  CHECK(problemOf("窗口电话 123456 总占线") == TextProblem::None);           // six digits: not a phone
}

TEST_CASE("empty, too long, or not text is refused by name") {
  CHECK(problemOf(normalised("   \n ")) == TextProblem::Empty);
  std::string text;
  for (int i = 0; i < 200; ++i) text += "意";
  CHECK(problemOf(text) == TextProblem::None);
  CHECK(problemOf(text + "见") == TextProblem::TooLong);
  CHECK(problemOf("意见\x01") == TextProblem::NotText);
  CHECK(problemOf("\xff\xfe") == TextProblem::NotText);
}

TEST_CASE("phone, ID and card numbers and e-mail addresses are refused, however they are written") {
  CHECK(problemOf("有事打我电话13800001234") == TextProblem::PersonalNumber);
  CHECK(problemOf("电话 138 0000 1234") == TextProblem::PersonalNumber);
  CHECK(problemOf("座机0533-2345678") == TextProblem::PersonalNumber);
  CHECK(problemOf("身份证37030219800101123X") == TextProblem::PersonalNumber);
  CHECK(problemOf("全角１３８００００１２３４") == TextProblem::PersonalNumber);
  CHECK(problemOf("联系 wang.li@example.com") == TextProblem::Email);
  CHECK(problemOf("微博@社区服务 说得好") == TextProblem::None);  // an @ alone is no address
}

TEST_CASE("offensive words are found through spaces, punctuation, traditional characters and capitals") {
  CHECK(offensive("窗口的人都是傻逼"));
  CHECK(offensive("傻 逼"));
  CHECK(offensive("傻·逼！"));
  CHECK(offensive("王八蛋"));
  CHECK(offensive("F U C K this"));
  CHECK_FALSE(offensive("希望周末也能办理社保"));
  CHECK_FALSE(offensive("给妈妈的药报销太慢"));  // 妈妈的 is not a curse
  CHECK_FALSE(offensive("USB 接口的自助机坏了"));
}
