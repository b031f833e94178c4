// commitment-list/1: the demo list parses, and every kind of bad input is rejected with an error
// that names the field.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "temp_dir.hpp"
#include "wire/commitment_list.hpp"

using nlohmann::json;
using wire::ListError;
using wire::parseCommitmentList;

namespace {

json demoJson() { return json::parse(testing::readFile(testing::sourceRoot() / "config/demo/commitments.json")); }

// Parses `doc` expecting rejection; returns the error.
ListError rejectionOf(const std::string& text) {
  try {
    parseCommitmentList(text);
  } catch (const ListError& e) {
    return e;
  }
  FAIL("the list was accepted but should have been rejected");
  return ListError("", "");
}
ListError rejectionOf(const json& doc) { return rejectionOf(doc.dump()); }

}  // namespace

TEST_CASE("the demo list parses with every holder kind and term") {
  const auto list = parseCommitmentList(demoJson().dump());
  CHECK(list.deployment == "zibo-zhangdian");
  CHECK(list.hall == "hall-01");
  CHECK(list.version == 1);
  CHECK(list.commitments.size() == 30);
  CHECK(list.reasons.size() >= 2);
  std::set<wire::HolderKind> kinds;
  std::set<wire::Term> terms;
  std::size_t withoutPhoto = 0;
  for (const auto& c : list.commitments) {
    kinds.insert(c.holder.kind);
    terms.insert(c.term);
    if (!c.photo) ++withoutPhoto;
  }
  CHECK(kinds.size() == 5);
  CHECK(terms.size() == 3);
  CHECK(withoutPhoto >= 1);
  REQUIRE(list.find("c-0015") != nullptr);
  CHECK(list.find("c-0015")->title == "承諾辦件零差錯");  // Traditional characters survive intact
  CHECK(list.find("c-0005")->text.size() > 600);          // the long text
}

TEST_CASE("unknown fields are ignored and hall may be every hall") {
  json doc = demoJson();
  doc["hall"] = "*";
  doc["future_field"] = {{"x", 1}};
  doc["commitments"][0]["mood"] = "cheerful";
  const auto list = parseCommitmentList(doc.dump());
  CHECK(list.hall == "*");
}

TEST_CASE("a missing required field is named") {
  json doc = demoJson();
  doc["commitments"][2].erase("title");
  const auto e = rejectionOf(doc);
  CHECK(e.field() == "commitments[2].title");
  CHECK(std::string(e.what()).find("is required") != std::string::npos);

  json noHolderName = demoJson();
  noHolderName["commitments"][4]["holder"].erase("name");
  CHECK(rejectionOf(noHolderName).field() == "commitments[4].holder.name");

  json noVersion = demoJson();
  noVersion.erase("version");
  CHECK(rejectionOf(noVersion).field() == "version");
}

TEST_CASE("a duplicate id is named") {
  json doc = demoJson();
  doc["commitments"][7]["id"] = doc["commitments"][3]["id"];
  const auto e = rejectionOf(doc);
  CHECK(e.field() == "commitments[7].id");
  CHECK(std::string(e.what()).find("duplicates id \"c-0004\"") != std::string::npos);
}

TEST_CASE("bad enum values name the field and the allowed values") {
  json kind = demoJson();
  kind["commitments"][0]["holder"]["kind"] = "alien";
  const auto e = rejectionOf(kind);
  CHECK(e.field() == "commitments[0].holder.kind");
  CHECK(std::string(e.what()).find("person, post, team, unit, trade") != std::string::npos);

  json term = demoJson();
  term["commitments"][1]["term"] = "forever";
  CHECK(rejectionOf(term).field() == "commitments[1].term");
}

TEST_CASE("wrong types are named") {
  json version = demoJson();
  version["version"] = "7";
  CHECK(rejectionOf(version).field() == "version");

  json negative = demoJson();
  negative["version"] = -3;
  CHECK(rejectionOf(negative).field() == "version");

  json title = demoJson();
  title["commitments"][0]["title"] = 42;
  const auto e = rejectionOf(title);
  CHECK(e.field() == "commitments[0].title");
  CHECK(std::string(e.what()).find("must be a string") != std::string::npos);

  json items = demoJson();
  items["commitments"] = "none";
  CHECK(rejectionOf(items).field() == "commitments");

  json holder = demoJson();
  holder["commitments"][5]["holder"] = json::array();
  CHECK(rejectionOf(holder).field() == "commitments[5].holder");

  CHECK(rejectionOf(json::array({1, 2})).field() == "");
}

TEST_CASE("truncated or non-UTF-8 JSON is rejected as JSON") {
  const std::string text = demoJson().dump();
  const auto e = rejectionOf(text.substr(0, text.size() / 2));
  CHECK(e.field().empty());
  CHECK(std::string(e.what()).find("not valid JSON") != std::string::npos);

  std::string badUtf8 = text;
  badUtf8.replace(badUtf8.find("王丽"), 3, "\xff\xfe\xfd");
  CHECK(std::string(rejectionOf(badUtf8).what()).find("not valid JSON") != std::string::npos);
}

TEST_CASE("absurd sizes are rejected") {
  json doc = demoJson();
  doc["commitments"][0]["text"] = std::string(50u * 1024u * 1024u, 'x');  // a 50 MB text
  const auto huge = rejectionOf(doc);
  CHECK(std::string(huge.what()).find("too large") != std::string::npos);

  json longText = demoJson();
  std::string text;
  for (int i = 0; i < 6000; ++i) text += "承";
  longText["commitments"][3]["text"] = text;
  const auto e = rejectionOf(longText);
  CHECK(e.field() == "commitments[3].text");
  CHECK(std::string(e.what()).find("6000 characters") != std::string::npos);

  json many = demoJson();
  for (int i = 0; i < 5001; ++i) many["commitments"].push_back(many["commitments"][0]);
  CHECK(rejectionOf(many).field() == "commitments");
}

TEST_CASE("dates, ids, photos and the format tag are checked") {
  json date = demoJson();
  date["commitments"][0]["valid_to"] = "2026-02-30";
  CHECK(rejectionOf(date).field() == "commitments[0].valid_to");

  json order = demoJson();
  order["commitments"][0]["valid_to"] = "2025-01-01";
  CHECK(std::string(rejectionOf(order).what()).find("before valid_from") != std::string::npos);

  json id = demoJson();
  id["commitments"][0]["id"] = "c 0001/../x";
  CHECK(rejectionOf(id).field() == "commitments[0].id");

  json photo = demoJson();
  photo["commitments"][0]["photo"] = "../../etc/passwd";
  CHECK(rejectionOf(photo).field() == "commitments[0].photo");

  json format = demoJson();
  format["format"] = "commitment-list/2";
  CHECK(rejectionOf(format).field() == "format");

  json empty = demoJson();
  empty["commitments"] = json::array();
  CHECK(rejectionOf(empty).field() == "commitments");

  json reasons = demoJson();
  reasons["reasons"][1]["code"] = reasons["reasons"][0]["code"];
  CHECK(rejectionOf(reasons).field() == "reasons[1].code");
}

TEST_CASE("a commitment may cite the suggestions it answers, each once, a few at most, in short text") {
  json doc = demoJson();
  doc["commitments"][0]["answers"] = json::array({{{"number", 12}, {"text", "希望周末也能办社保"}}});
  const auto list = parseCommitmentList(doc.dump());
  REQUIRE(list.commitments[0].answers.size() == 1);
  CHECK(list.commitments[0].answers[0].number == 12);
  CHECK(list.commitments[0].answers[0].text == "希望周末也能办社保");
  CHECK(list.commitments[1].answers.empty());  // optional: lists without it read as before

  json twice = doc;
  twice["commitments"][0]["answers"].push_back({{"number", 12}, {"text", "又一次"}});
  CHECK(rejectionOf(twice).field() == "commitments[0].answers[1].number");
  json zero = doc;
  zero["commitments"][0]["answers"][0]["number"] = 0;
  CHECK(rejectionOf(zero).field() == "commitments[0].answers[0].number");
  json empty = doc;
  empty["commitments"][0]["answers"][0]["text"] = "";
  CHECK(rejectionOf(empty).field() == "commitments[0].answers[0].text");
  json longText = doc;
  std::string words;
  for (int i = 0; i < 201; ++i) words += "意";
  longText["commitments"][0]["answers"][0]["text"] = words;
  CHECK(rejectionOf(longText).field() == "commitments[0].answers[0].text");
  json many = doc;
  for (int i = 1; i <= 5; ++i) many["commitments"][0]["answers"].push_back({{"number", 100 + i}, {"text", "意见"}});
  CHECK(rejectionOf(many).field() == "commitments[0].answers");
  json notList = doc;
  notList["commitments"][0]["answers"] = "12";
  CHECK(rejectionOf(notList).field() == "commitments[0].answers");
}
