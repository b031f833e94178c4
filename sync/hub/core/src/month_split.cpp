#include "hub/core/month_split.hpp"

#include "common/iso_time.hpp"

namespace hub {

namespace {

using common::dayNumber;
using common::dayText;

// First day of the month after `d`'s month, as a day number.
std::int64_t nextMonthStart(common::CivilDate d) {
  return common::daysFromCivil(d.month == 12 ? common::CivilDate{d.year + 1, 1, 1}
                                             : common::CivilDate{d.year, d.month + 1, 1});
}

}  // namespace

MonthSplit splitAtMonths(const std::string& fromDay, const std::string& toDay) {
  const std::int64_t first = dayNumber(fromDay), last = dayNumber(toDay);
  const common::CivilDate from = common::civilFromDays(first), to = common::civilFromDays(last);
  // The first whole month starts on `from` if it is the 1st, else at the next month's start; the
  // last whole month ends on `to` if `to` is its month's last day, else the month before is the last.
  const std::int64_t wholeFrom = from.day == 1 ? first : nextMonthStart(from);
  const std::int64_t wholeTo =
      nextMonthStart(to) - 1 == last ? last : common::daysFromCivil({to.year, to.month, 1}) - 1;
  MonthSplit split;
  if (wholeFrom > wholeTo) {  // no whole month inside: it is all days
    split.headFrom = fromDay;
    split.headTo = toDay;
    return split;
  }
  if (first < wholeFrom) {
    split.headFrom = fromDay;
    split.headTo = dayText(wholeFrom - 1);
  }
  split.firstMonth = dayText(wholeFrom).substr(0, 7);
  split.lastMonth = dayText(wholeTo).substr(0, 7);
  if (wholeTo < last) {
    split.tailFrom = dayText(wholeTo + 1);
    split.tailTo = toDay;
  }
  return split;
}

}  // namespace hub
