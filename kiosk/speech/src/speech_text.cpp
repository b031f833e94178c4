#include "kiosk/speech/speech_text.hpp"

#include <array>

namespace kiosk::speech {

namespace {

constexpr std::array<std::string_view, 10> kDigit{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// The UTF-8 sequence starting at text[i] (one byte for ASCII, or a broken byte as it is).
std::size_t sequenceLength(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  return i + n <= text.size() ? n : 1;
}

bool startsWithAt(std::string_view text, std::size_t i, std::string_view what) {
  return text.substr(i, what.size()) == what;
}

// Reading of 1..9999 inside a larger number: 1005 → 一千零五, 120 → 一百二十.
std::string sectionReading(unsigned g) {
  static constexpr std::array<std::string_view, 4> kUnit{"", "十", "百", "千"};
  std::string out;
  bool zeroPending = false;
  for (int pos = 3; pos >= 0; --pos) {
    unsigned div = 1;
    for (int k = 0; k < pos; ++k) div *= 10;
    const unsigned d = (g / div) % 10;
    if (d == 0) {
      zeroPending = !out.empty();
      continue;
    }
    if (zeroPending) out += kDigit[0];
    zeroPending = false;
    out += kDigit[d];
    out += kUnit[static_cast<std::size_t>(pos)];
  }
  return out;
}

std::string phoneReading(std::string_view digits) {
  std::string out;
  for (char c : digits)
    out += c == '1' ? std::string_view("幺") : c == '0' ? kDigit[0] : kDigit[static_cast<std::size_t>(c - '0')];
  return out;
}

std::string digitsReading(std::string_view digits, std::string_view zero) {
  std::string out;
  for (char c : digits)
    if (isDigit(c)) out += c == '0' ? zero : kDigit[static_cast<std::size_t>(c - '0')];
  return out;
}

unsigned long long value(std::string_view digits) {
  unsigned long long v = 0;
  for (char c : digits) v = v * 10 + static_cast<unsigned>(c - '0');
  return v;
}

std::size_t digitRun(std::string_view text, std::size_t i) {
  std::size_t j = i;
  while (j < text.size() && isDigit(text[j])) ++j;
  return j - i;
}

// A range sign between two numbers or dates, spaces around it allowed: what to skip, or 0.
std::size_t rangeSign(std::string_view text, std::size_t i) {
  std::size_t j = i;
  while (j < text.size() && text[j] == ' ') ++j;
  std::size_t sign = 0;
  for (std::string_view s : {"~", "-", "～", "–", "—", "至", "到"})
    if (startsWithAt(text, j, s)) {
      sign = s.size();
      break;
    }
  if (sign == 0) return 0;
  j += sign;
  while (j < text.size() && text[j] == ' ') ++j;
  return j < text.size() && isDigit(text[j]) ? j - i : 0;
}

// One of "年月日" or "-/." after a date part: its length, or 0.
std::size_t dateSeparator(std::string_view text, std::size_t i, std::string_view word) {
  if (startsWithAt(text, i, word)) return word.size();
  if (i < text.size() && (text[i] == '-' || text[i] == '/' || text[i] == '.')) return 1;
  return 0;
}

// A date at text[i] (2026-01-01, 2026/1/1, 2026年1月1日, 2026-01): its reading and length.
bool readDate(std::string_view text, std::size_t i, std::string& out, std::size_t& used) {
  if (digitRun(text, i) != 4) return false;
  std::size_t j = i + 4;
  const std::size_t sep1 = dateSeparator(text, j, "年");
  if (sep1 == 0) return false;
  const std::size_t monthLen = digitRun(text, j + sep1);
  if (monthLen < 1 || monthLen > 2) return false;
  const auto month = value(text.substr(j + sep1, monthLen));
  if (month < 1 || month > 12) return false;
  std::string reading = digitsReading(text.substr(i, 4), "〇") + "年" + chineseNumber(month) + "月";
  j += sep1 + monthLen;
  const std::size_t sep2 = dateSeparator(text, j, "月");
  const std::size_t dayLen = sep2 ? digitRun(text, j + sep2) : 0;
  if (dayLen >= 1 && dayLen <= 2 && value(text.substr(j + sep2, dayLen)) >= 1 &&
      value(text.substr(j + sep2, dayLen)) <= 31) {
    reading += chineseNumber(value(text.substr(j + sep2, dayLen))) + "日";
    j += sep2 + dayLen;
    if (startsWithAt(text, j, "日")) j += std::string_view("日").size();
  } else if (startsWithAt(text, j, "月")) {
    j += std::string_view("月").size();
  }
  out += reading;
  used = j - i;
  return true;
}

// A time of day at text[i] (08:30, 9:05, 17:30): its reading and length.
bool readTime(std::string_view text, std::size_t i, std::string& out, std::size_t& used) {
  const std::size_t hourLen = digitRun(text, i);
  if (hourLen < 1 || hourLen > 2 || i + hourLen >= text.size() || text[i + hourLen] != ':') return false;
  if (digitRun(text, i + hourLen + 1) != 2) return false;
  const auto hour = value(text.substr(i, hourLen));
  const auto minute = value(text.substr(i + hourLen + 1, 2));
  if (hour > 24 || minute > 59) return false;
  out += chineseNumber(hour) + "点";
  if (minute > 0) out += (minute < 10 ? std::string(kDigit[0]) : "") + chineseNumber(minute) + "分";
  used = hourLen + 3;
  return true;
}

// Telephone numbers are said digit by digit, 1 as 幺: after these words, or when long or led by 0.
bool telephoneContext(std::string_view text, std::size_t i) {
  const std::string_view before = text.substr(0, i).substr(i > 18 ? i - 18 : 0);
  for (std::string_view w : {"电话", "热线", "拨打", "号码", "手机"})
    if (before.find(w) != std::string_view::npos) return true;
  return false;
}

// A number at text[i]: whole, decimal, a percentage; a telephone number digit by digit. True
// when it was read digit by digit (a '-' after it then joins two parts, it is not a range).
bool readNumber(std::string_view text, std::size_t i, std::string& out, std::size_t& used) {
  const std::size_t whole = digitRun(text, i);
  std::size_t j = i + whole;
  std::size_t fraction = 0;
  if (j + 1 < text.size() && text[j] == '.' && isDigit(text[j + 1])) fraction = digitRun(text, j + 1);
  const std::string_view wholeDigits = text.substr(i, whole);
  std::string reading;
  const bool digitByDigit = whole > 12 || (fraction == 0 && (whole >= 7 || (whole >= 2 && wholeDigits[0] == '0') ||
                                                             (whole >= 3 && telephoneContext(text, i))));
  if (digitByDigit) reading = telephoneContext(text, i) ? phoneReading(wholeDigits) : digitsReading(wholeDigits, "零");
  else reading = chineseNumber(value(wholeDigits));
  if (fraction > 0) {
    reading += "点" + digitsReading(text.substr(j + 1, fraction), "零");
    j += 1 + fraction;
  }
  if (startsWithAt(text, j, "%") || startsWithAt(text, j, "％")) {
    reading = "百分之" + reading;
    j += startsWithAt(text, j, "%") ? 1 : std::string_view("％").size();
  }
  out += reading;
  used = j - i;
  return digitByDigit && fraction == 0;
}

bool chineseLanguage(std::string_view language) { return language.rfind("zh", 0) == 0 || language == "cmn"; }

}  // namespace

std::string chineseNumber(unsigned long long n) {
  if (n == 0) return std::string(kDigit[0]);
  static constexpr std::array<std::string_view, 4> kSection{"", "万", "亿", "万亿"};
  std::array<unsigned, 4> groups{};
  int top = 0;
  for (int k = 0; k < 4 && n > 0; ++k, n /= 10000) {
    groups[static_cast<std::size_t>(k)] = static_cast<unsigned>(n % 10000);
    if (groups[static_cast<std::size_t>(k)] != 0) top = k;
  }
  std::string out;
  bool zeroPending = false;
  for (int k = top; k >= 0; --k) {
    const unsigned g = groups[static_cast<std::size_t>(k)];
    if (g == 0) {
      zeroPending = true;
      continue;
    }
    if (!out.empty() && (zeroPending || g < 1000)) out += kDigit[0];
    zeroPending = false;
    std::string part = sectionReading(g);
    // 十, 十五, 十万: a leading 一十 is said without its 一.
    if (k == top && g >= 10 && g <= 19) part = part.substr(kDigit[1].size());
    out += part;
    out += kSection[static_cast<std::size_t>(k)];
  }
  return out;
}

std::string chineseDigits(std::string_view digits) { return digitsReading(digits, "〇"); }

std::string normaliseForSpeech(std::string_view text, std::string_view language) {
  if (!chineseLanguage(language)) return std::string(text);
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!isDigit(text[i])) {
      const std::size_t n = sequenceLength(text, i);
      out.append(text.substr(i, n));
      i += n;
      continue;
    }
    // A number inside a word of Latin letters (an id such as c-0101) is read as digits.
    if (i > 0 && ((text[i - 1] >= 'A' && text[i - 1] <= 'Z') || (text[i - 1] >= 'a' && text[i - 1] <= 'z'))) {
      const std::size_t n = digitRun(text, i);
      out += digitsReading(text.substr(i, n), "零");
      i += n;
      continue;
    }
    std::size_t used = 0;
    bool joined = false;  // a telephone number's parts (0533-2286000): a pause, not 至
    if (!readDate(text, i, out, used) && !readTime(text, i, out, used)) joined = readNumber(text, i, out, used);
    i += used;
    if (joined && i + 1 < text.size() && text[i] == '-' && isDigit(text[i + 1])) {
      out += ' ';
      ++i;
    } else if (const std::size_t range = rangeSign(text, i)) {
      out += "至";
      i += range;
    }
  }
  return out;
}

std::vector<std::string> splitSentences(std::string_view text, std::size_t maxChars) {
  std::vector<std::string> out;
  std::string current;
  std::size_t chars = 0;
  const auto flush = [&] {
    bool blank = true;
    for (char c : current) blank = blank && (c == ' ' || c == '\n' || c == '\t' || c == '\r');
    if (!blank) out.push_back(current);
    current.clear();
    chars = 0;
  };
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = sequenceLength(text, i);
    const std::string_view ch = text.substr(i, n);
    current.append(ch);
    ++chars;
    i += n;
    const bool end =
        ch == "。" || ch == "！" || ch == "？" || ch == "；" || ch == "!" || ch == "?" || ch == ";" || ch == "\n";
    const bool comma = ch == "，" || ch == "," || ch == "、" || ch == "：";
    if (end || (comma && chars >= maxChars / 2) || chars >= maxChars * 2) flush();
  }
  flush();
  return out;
}

}  // namespace kiosk::speech
