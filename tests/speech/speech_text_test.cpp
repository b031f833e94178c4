// kiosk::speech::normaliseForSpeech and splitSentences: numbers, dates, times, percentages and
// ranges as a Mandarin speaker reads them; English untouched; sentences short enough to start
// speaking at once.
#include <doctest/doctest.h>

#include "kiosk/speech/speech_text.hpp"

using kiosk::speech::chineseNumber;
using kiosk::speech::normaliseForSpeech;
using kiosk::speech::splitSentences;

TEST_CASE("whole numbers in Mandarin, zeros and 十 as people say them") {
  const std::pair<unsigned long long, const char*> rows[] = {{0, "零"},
                                                             {7, "七"},
                                                             {10, "十"},
                                                             {15, "十五"},
                                                             {20, "二十"},
                                                             {105, "一百零五"},
                                                             {110, "一百一十"},
                                                             {1000, "一千"},
                                                             {1005, "一千零五"},
                                                             {1050, "一千零五十"},
                                                             {10000, "一万"},
                                                             {10001, "一万零一"},
                                                             {12345, "一万二千三百四十五"},
                                                             {100000, "十万"},
                                                             {150000, "十五万"},
                                                             {1000000, "一百万"},
                                                             {100000000, "一亿"},
                                                             {100010000, "一亿零一万"},
                                                             {20260101, "二千零二十六万零一百零一"}};
  for (const auto& [n, words] : rows) {
    CAPTURE(n);
    CHECK(chineseNumber(n) == words);
  }
  CHECK(kiosk::speech::chineseDigits("2026") == "二〇二六");
}

TEST_CASE("a commitment's dates, times, counts and shares read naturally") {
  const std::pair<const char*, const char*> rows[] = {
      {"2026-01-01 至 2028-12-31", "二〇二六年一月一日至二〇二八年十二月三十一日"},
      {"2026/3/5", "二〇二六年三月五日"},
      {"2026年10月", "二〇二六年十月"},
      {"2026年1月1日起", "二〇二六年一月一日起"},
      {"每周一 08:30-12:00", "每周一 八点三十分至十二点"},
      {"9:05", "九点零五分"},
      {"满意率 86.4%", "满意率 百分之八十六点四"},
      {"3 个工作日内办结", "三 个工作日内办结"},
      {"办理时限 3~5 天", "办理时限 三至五 天"},
      {"电话 0533-2286000", "电话 零五三三 二二八六零零零"},  // a telephone's parts, not a range
      {"请拨打热线 12345", "请拨打热线 幺二三四五"},
      {"共 12345 人", "共 一万二千三百四十五 人"},
      {"编号 c-0101", "编号 c-零一零一"},
      {"第A3窗口", "第A三窗口"},
      {"好、一般、差", "好、一般、差"},
      {"", ""},
  };
  for (const auto& [text, spoken] : rows) {
    CAPTURE(text);
    CHECK(normaliseForSpeech(text, "zh-CN") == spoken);
  }
  CHECK(normaliseForSpeech("2026-01-01", "zh-TW") == "二〇二六年一月一日");
  CHECK(normaliseForSpeech("Open 08:30 to 17:30, 86%", "en") ==
        "Open 08:30 to 17:30, 86%");  // English reads these itself
  // Not a date or a time: read as numbers, nothing invented.
  CHECK(normaliseForSpeech("2026-13-01", "zh-CN") == "二千零二十六至十三至零一");
  CHECK(normaliseForSpeech("25:00", "zh-CN") == "二十五:零零");
}

TEST_CASE("long text is cut into sentences, the first one short, nothing lost but blanks") {
  const std::string text =
      "我承诺：群众来办事，热情接待、一次告知，做到首问负责、限时办结，让群众少跑腿。如有不满意，请拨打热线！谢谢。";
  const auto pieces = splitSentences(text, 20);
  REQUIRE(pieces.size() >= 4);
  std::string joined;
  for (const auto& p : pieces) joined += p;
  CHECK(joined == text);
  CHECK(pieces.front() == "我承诺：群众来办事，");  // a comma after 10 characters ends the first piece
  CHECK(pieces.back() == "谢谢。");
  for (const auto& p : pieces) CHECK(p.size() <= 40 * 3);  // at most twice 20 characters of 3 bytes
  CHECK(splitSentences("  \n", 20).empty());
  CHECK(splitSentences("无标点的一长串文字无标点的一长串文字无标点的一长串文字无标点的一长串文字无标点的", 10).size() ==
        2);
}
