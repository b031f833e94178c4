// common::password_hash: PINs and passwords are kept only as Argon2id hashes.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "common/password_hash.hpp"

TEST_CASE("the PIN is stored only as an Argon2id hash, and only that PIN matches it") {
  const std::string hash = common::hashPin("2468", common::HashCost::Minimal);
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(hash.find("2468") == std::string::npos);
  CHECK(common::verifyPin(hash, "2468"));
  CHECK_FALSE(common::verifyPin(hash, "2469"));
  CHECK_FALSE(common::verifyPin(hash, ""));
  CHECK_FALSE(common::verifyPin("2468", "2468"));  // a plain PIN where the hash belongs never matches
  CHECK_FALSE(common::verifyPin("$argon2id$garbage", "2468"));
  std::string why;
  CHECK_FALSE(common::validPin("12a4", &why));
  CHECK(why.find("digits") != std::string::npos);
  CHECK_FALSE(common::validPin("123"));
  CHECK_THROWS_WITH_AS(common::hashPin("1234567890123"), doctest::Contains("4 to 12"), std::runtime_error);
}

TEST_CASE("a password has at least 10 characters and is kept only as its Argon2id hash") {
  std::string why;
  CHECK_FALSE(common::validPassword("short1234", &why));
  CHECK(why.find("10") != std::string::npos);
  CHECK_FALSE(common::validPassword(std::string(257, 'x'), &why));
  CHECK_FALSE(common::validPassword("ten chars\nwith a newline", &why));
  CHECK(why.find("control") != std::string::npos);
  CHECK(common::validPassword("社保窗口三号的登录密码"));  // 10 characters, 30 bytes: Chinese passwords are fine
  CHECK_FALSE(common::validPassword("社保窗口三号的密码", &why));  // 9 characters, though 27 bytes
  CHECK(why == "a password has at least 10 characters");
  CHECK_FALSE(common::validPassword("密码密码", &why));  // 12 bytes, 4 characters
  // The commonest leaked passwords, in any case, and one character repeated, are refused.
  CHECK_FALSE(common::validPassword("Password123", &why));
  CHECK(why.find("commonest") != std::string::npos);
  CHECK_FALSE(common::validPassword("woaini1314", &why));
  CHECK_FALSE(common::validPassword("1234567890", &why));
  CHECK_FALSE(common::validPassword("aaaaaaaaaaaa", &why));
  CHECK(why == "a password is not one character repeated");
  CHECK_FALSE(common::validPassword("\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6", &why));  // not text
  CHECK(why == "a password is text (UTF-8)");
  CHECK_THROWS_WITH_AS(common::hashPassword("too short"), doctest::Contains("at least 10"), std::runtime_error);
  const std::string hash = common::hashPassword("correct horse battery", common::HashCost::Minimal);
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(common::verifySecret(hash, "correct horse battery"));
  CHECK_FALSE(common::verifySecret(hash, "correct horse battery "));
  CHECK(common::hashPassword("correct horse battery", common::HashCost::Minimal) != hash);  // salted
}

TEST_CASE("each password rule has a name for messages in the reader's language") {
  CHECK(common::passwordProblem("社保窗口三号的登录密码") == "");
  CHECK(common::passwordProblem(std::string(257, 'x')) == "too_long");
  CHECK(common::passwordProblem("\xff\xfe not text at all") == "not_text");
  CHECK(common::passwordProblem("ten chars\nwith a newline") == "control");
  CHECK(common::passwordProblem("short1234") == "too_short");
  CHECK(common::passwordProblem("aaaaaaaaaaaa") == "repeated");
  CHECK(common::passwordProblem("1234567890") == "common");
}
