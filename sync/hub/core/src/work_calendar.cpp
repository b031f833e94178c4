#include "hub/core/work_calendar.hpp"

#include <toml++/toml.h>

#include <stdexcept>

#include "common/iso_time.hpp"

namespace hub {

namespace {

using common::dayNumber;
using common::dayText;

bool isWeekend(std::int64_t number) {
  const auto weekday = ((number % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday; 0 = Monday
  return weekday >= 5;
}

}  // namespace

WorkCalendar::WorkCalendar(std::set<std::string> holidays, std::set<std::string> workdays)
    : holidays_(std::move(holidays)), workdays_(std::move(workdays)) {}

bool WorkCalendar::isWorkingDay(const std::string& day) const {
  if (workdays_.count(day)) return true;
  if (holidays_.count(day)) return false;
  return !isWeekend(dayNumber(day));
}

std::string WorkCalendar::addWorkingDays(const std::string& day, int n) const {
  std::int64_t d = dayNumber(day);
  for (int counted = 0; counted < n;)
    if (isWorkingDay(dayText(++d))) ++counted;
  return dayText(d);
}

int WorkCalendar::workingDaysBetween(const std::string& from, const std::string& to) const {
  int n = 0;
  for (std::int64_t d = dayNumber(from) + 1, last = dayNumber(to); d <= last; ++d)
    if (isWorkingDay(dayText(d))) ++n;
  return n;
}

std::string WorkCalendar::coveredUntil() const {
  std::string last = holidays_.empty() ? std::string() : *holidays_.rbegin();
  if (!workdays_.empty() && *workdays_.rbegin() > last) last = *workdays_.rbegin();
  return last;
}

WorkCalendar parseWorkCalendar(std::string_view text, const std::string& fileName) {
  toml::table root;
  try {
    root = toml::parse(text, fileName);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error(fileName + ": " + std::string(e.description()));
  }
  const auto days = [&](const char* key) {
    std::set<std::string> out;
    const toml::node* node = root.get(key);
    if (!node) return out;
    const toml::array* list = node->as_array();
    if (!list) throw std::runtime_error(fileName + ": " + key + ": must be a list of \"YYYY-MM-DD\" dates");
    for (const auto& item : *list) {
      const auto value = item.value<std::string>();
      if (!value || !common::isIsoDay(*value))
        throw std::runtime_error(fileName + ": " + key + ": " + (value ? "\"" + *value + "\"" : "an entry") +
                                 " is not a date (YYYY-MM-DD)");
      out.insert(*value);
    }
    return out;
  };
  auto holidays = days("holidays");
  auto workdays = days("workdays");
  for (const auto& d : workdays) {
    if (!isWeekend(dayNumber(d)))
      throw std::runtime_error(fileName + ": workdays: " + d + " is a weekday already; list only weekend days worked");
    if (holidays.count(d)) throw std::runtime_error(fileName + ": " + d + " is listed as a holiday and a workday");
  }
  return WorkCalendar(std::move(holidays), std::move(workdays));
}

}  // namespace hub
