// 终端设置's form: values shown as fields and read back unchanged, dates and lists as people type
// them, the week's hours all or nothing, every bad field named with what it wants, and the
// differences between two documents.
#include <doctest/doctest.h>

#include "hub/core/settings_form.hpp"

using namespace hub;
using nlohmann::json;

TEST_CASE("a document's values shown as fields read back as the same values") {
  SettingsValues values{{"timing.idle_timeout_s", 90}, {"display.text_scale", 1.25},
                        {"results.badge", true},       {"hours.closed_days", {"2027-01-01", "2027-02-11"}},
                        {"keys.good", {"1", "KP_1"}},  {"ratings.poor_reason", "required"}};
  for (std::size_t d = 0; d < 7; ++d) values[std::string(wire::weekdayKeys()[d])] = d < 5 ? "08:30-17:30" : "";
  const Fields fields = settingsFields(values);
  CHECK(fields.at("hours.set") == "on");
  CHECK(fields.at("hours.closed_days") == "2027-01-01 2027-02-11");
  const auto back = settingsFromFields(fields);
  CHECK(back.mistakes.empty());
  CHECK(back.values == values);
}

TEST_CASE("dates and lists are read as people type them, and empty fields are left to kiosk.toml") {
  Fields f{{"hours.closed_days", "2027年1月1日，2027/2/11\n2027-01-01"},
           {"display.languages", "zh-CN、en"},
           {"timing.thanks_s", "  "},
           {"hours.monday", "08:30-17:30"}};  // ignored: hours.set is not on
  const auto r = settingsFromFields(f);
  CHECK(r.mistakes.empty());
  CHECK(r.values.at("hours.closed_days") == json{"2027-01-01", "2027-02-11"});
  CHECK(r.values.at("display.languages") == json{"zh-CN", "en"});
  CHECK_FALSE(r.values.count("timing.thanks_s"));
  CHECK_FALSE(r.values.count("hours.monday"));
}

TEST_CASE("with the week's hours on, every day is set and an empty day is closed") {
  Fields f{{"hours.set", "on"}, {"hours.monday", "09:00-17:00"}};
  const auto r = settingsFromFields(f);
  CHECK(r.mistakes.empty());
  CHECK(r.values.at("hours.monday") == "09:00-17:00");
  CHECK(r.values.at("hours.sunday") == "");
}

TEST_CASE("each bad field is named with what it wants, and a PIN is never echoed") {
  Fields f{{"timing.idle_timeout_s", "3"},
           {"display.text_scale", "big"},
           {"results.show", "maybe"},
           {"hours.set", "on"},
           {"hours.tuesday", "17:00-09:00"},
           {"hours.worked_days", "next sunday"},
           {"staff.pin", "12ab"},
           {"display.language", "en"},
           {"display.languages", "zh-CN zh-TW"}};
  const auto r = settingsFromFields(f);
  std::map<std::string, std::string> kinds;
  for (const auto& m : r.mistakes) kinds[m.key] = m.kind;
  CHECK(kinds.at("timing.idle_timeout_s") == "whole");
  CHECK(kinds.at("display.text_scale") == "number");
  CHECK(kinds.at("results.show") == "flag");
  CHECK(kinds.at("hours.tuesday") == "day_hours");
  CHECK(kinds.at("hours.worked_days") == "dates");
  CHECK(kinds.at("staff.pin") == "pin");
  CHECK(kinds.at("display.language") == "language_not_listed");
  for (const auto& m : r.mistakes)
    if (m.key == "staff.pin") CHECK(m.typed.empty());
}

TEST_CASE("the differences between two documents, key by key, in the form's order") {
  const SettingsValues before{{"timing.idle_timeout_s", 60}, {"results.badge", true}};
  const SettingsValues after{{"timing.idle_timeout_s", 90}, {"hours.closed_days", {"2027-01-01"}}};
  const auto changes = settingChanges(before, after);
  REQUIRE(changes.size() == 3);
  CHECK(changes[0].key == "hours.closed_days");
  CHECK_FALSE(changes[0].hadBefore);
  CHECK(changes[0].hasAfter);
  CHECK(changes[0].after == "2027-01-01");
  CHECK(changes[1].key == "timing.idle_timeout_s");
  CHECK(changes[1].before == "60");
  CHECK(changes[1].after == "90");
  CHECK(changes[2].key == "results.badge");
  CHECK_FALSE(changes[2].hasAfter);
  CHECK(settingChanges(after, after).empty());
}
