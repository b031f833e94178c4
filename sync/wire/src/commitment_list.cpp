#include "wire/commitment_list.hpp"

#include <nlohmann/json.hpp>

#include "wire/json_input.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "wire/list_limits.hpp"

namespace wire {

using nlohmann::json;

ListError::ListError(std::string field, const std::string& problem)
    : std::runtime_error(field.empty() ? problem : field + ": " + problem), field_(std::move(field)) {}

const Commitment* CommitmentList::find(std::string_view id) const {
  auto it = std::find_if(commitments.begin(), commitments.end(), [&](const Commitment& c) { return c.id == id; });
  return it == commitments.end() ? nullptr : &*it;
}

bool CommitmentList::hasReason(std::string_view code) const {
  return std::any_of(reasons.begin(), reasons.end(), [&](const ReasonCode& r) { return r.code == code; });
}

namespace {

std::string jsonTypeName(const json& v) { return v.type_name(); }

// Reads one field of an object with the checks every string field shares.
class ObjectReader {
 public:
  ObjectReader(const json& obj, std::string path) : obj_(obj), path_(std::move(path)) {
    if (!obj_.is_object()) throw ListError(path_, "must be an object, found " + jsonTypeName(obj_));
  }

  std::string field(std::string_view name) const {
    return path_.empty() ? std::string(name) : path_ + "." + std::string(name);
  }

  std::optional<std::string> optionalString(std::string_view name, std::size_t maxChars) const {
    auto it = obj_.find(name);
    if (it == obj_.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) throw ListError(field(name), "must be a string, found " + jsonTypeName(*it));
    const auto& s = it->get_ref<const std::string&>();
    if (limits::codePoints(s) > maxChars)
      throw ListError(field(name), "is too long (" + std::to_string(limits::codePoints(s)) + " characters, at most " +
                                       std::to_string(maxChars) + ")");
    return s;
  }

  std::string requiredString(std::string_view name, std::size_t maxChars) const {
    auto s = optionalString(name, maxChars);
    if (!s) throw ListError(field(name), "is required");
    if (s->empty()) throw ListError(field(name), "must not be empty");
    return *s;
  }

  const json& required(std::string_view name) const {
    auto it = obj_.find(name);
    if (it == obj_.end() || it->is_null()) throw ListError(field(name), "is required");
    return *it;
  }

  const std::string& path() const { return path_; }

 private:
  const json& obj_;
  std::string path_;
};

template <typename Enum, std::size_t N>
Enum parseEnum(const ObjectReader& r, std::string_view name, const common::NameTable<Enum, N>& table) {
  const std::string value = r.requiredString(name, limits::kMaxShortTextChars);
  if (const auto e = table.parse(value)) return *e;
  throw ListError(r.field(name), "has unknown value \"" + value + "\" (expected one of: " + table.joined() + ")");
}

std::string parseId(const ObjectReader& r, std::string_view name) {
  std::string id = r.requiredString(name, limits::kMaxIdBytes);
  if (!limits::isSafeId(id)) throw ListError(r.field(name), "must be 1-64 characters of A-Z a-z 0-9 . _ -");
  return id;
}

bool isDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A calendar date YYYY-MM-DD with a real month and day (leap years included).
bool isCalendarDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!isDigits(s.substr(0, 4)) || !isDigits(s.substr(5, 2)) || !isDigits(s.substr(8, 2))) return false;
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const int m = std::stoi(std::string(s.substr(5, 2)));
  const int d = std::stoi(std::string(s.substr(8, 2)));
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int maxDay = kDays[static_cast<std::size_t>(m - 1)] + ((m == 2 && leap) ? 1 : 0);
  return d <= maxDay;
}

std::string parseDate(const ObjectReader& r, std::string_view name) {
  std::string s = r.requiredString(name, 10);
  if (!isCalendarDate(s)) throw ListError(r.field(name), "must be a date YYYY-MM-DD, found \"" + s + "\"");
  return s;
}

std::optional<std::string> parsePhoto(const ObjectReader& r) {
  auto photo = r.optionalString("photo", limits::kMaxShortTextChars);
  if (!photo || photo->empty()) return std::nullopt;
  // A photo is looked up inside the list's photo folder; a path could reach anywhere on disk.
  if (photo->find('/') != std::string::npos || photo->find('\\') != std::string::npos || photo->front() == '.')
    throw ListError(r.field("photo"), "must be a plain file name, found \"" + *photo + "\"");
  return photo;
}

Holder parseHolder(const json& v, const std::string& path) {
  ObjectReader r(v, path);
  Holder h;
  h.name = r.requiredString("name", limits::kMaxShortTextChars);
  h.kind = parseEnum(r, "kind", kHolderKinds);
  h.post = r.optionalString("post", limits::kMaxShortTextChars).value_or("");
  h.unit = r.optionalString("unit", limits::kMaxShortTextChars).value_or("");
  return h;
}

const json& requiredArray(const ObjectReader& r, std::string_view name, std::size_t maxItems);

// "answers": the suggestions a commitment cites, each a positive number once and its text.
std::vector<CitedSuggestion> parseAnswers(const ObjectReader& r, const json& commitment) {
  std::vector<CitedSuggestion> answers;
  if (!commitment.contains("answers") || commitment["answers"].is_null()) return answers;
  const json& items = requiredArray(r, "answers", limits::kMaxAnswersPerCommitment);
  std::set<std::int64_t> numbers;
  for (std::size_t i = 0; i < items.size(); ++i) {
    ObjectReader ar(items[i], r.field("answers") + "[" + std::to_string(i) + "]");
    const json& number = ar.required("number");
    if (!number.is_number_integer() || number.get<std::int64_t>() <= 0)
      throw ListError(ar.field("number"), "must be a positive integer, found " + number.dump());
    CitedSuggestion s{number.get<std::int64_t>(), ar.requiredString("text", limits::kMaxSuggestionChars)};
    if (!numbers.insert(s.number).second)
      throw ListError(ar.field("number"), "cites suggestion " + std::to_string(s.number) + " twice");
    answers.push_back(std::move(s));
  }
  return answers;
}

Commitment parseCommitment(const json& v, const std::string& path) {
  ObjectReader r(v, path);
  Commitment c;
  c.id = parseId(r, "id");
  c.holder = parseHolder(r.required("holder"), r.field("holder"));
  c.term = parseEnum(r, "term", kTerms);
  c.title = r.requiredString("title", limits::kMaxTitleChars);
  c.text = r.requiredString("text", limits::kMaxTextChars);
  c.valid_from = parseDate(r, "valid_from");
  c.valid_to = parseDate(r, "valid_to");
  if (c.valid_to < c.valid_from)  // ISO dates compare correctly as strings
    throw ListError(r.field("valid_to"), "is before valid_from (" + c.valid_to + " < " + c.valid_from + ")");
  c.photo = parsePhoto(r);
  c.answers = parseAnswers(r, v);
  return c;
}

const json& requiredArray(const ObjectReader& r, std::string_view name, std::size_t maxItems) {
  const json& a = r.required(name);
  if (!a.is_array()) throw ListError(r.field(name), "must be an array, found " + jsonTypeName(a));
  if (a.size() > maxItems)
    throw ListError(r.field(name), "has " + std::to_string(a.size()) + " entries, at most " + std::to_string(maxItems) +
                                       " are allowed");
  return a;
}

}  // namespace

CommitmentList parseCommitmentList(std::string_view text) {
  if (text.size() > limits::kMaxDocumentBytes)
    throw ListError("", "commitment list is too large (" + std::to_string(text.size()) + " bytes, at most " +
                            std::to_string(limits::kMaxDocumentBytes) + ")");
  const json doc = detail::parseJsonOrThrow<ListError>(text, "commitment list");

  ObjectReader r(doc, "");
  const std::string format = r.requiredString("format", limits::kMaxShortTextChars);
  if (format != kCommitmentListFormat)
    throw ListError("format", "must be \"" + std::string(kCommitmentListFormat) + "\", found \"" + format + "\"");

  CommitmentList list;
  list.deployment = parseId(r, "deployment");
  list.hall = r.requiredString("hall", limits::kMaxIdBytes);
  if (list.hall != "*") list.hall = parseId(r, "hall");
  const json& version = r.required("version");
  if (!version.is_number_integer() || version.get<std::int64_t>() <= 0)
    throw ListError("version", "must be a positive integer, found " + version.dump());
  list.version = version.get<std::int64_t>();
  list.published_at = r.requiredString("published_at", 40);
  list.title = r.requiredString("title", limits::kMaxTitleChars);

  if (doc.contains("reasons")) {
    const json& reasons = requiredArray(r, "reasons", limits::kMaxReasons);
    std::set<std::string> codes;
    for (std::size_t i = 0; i < reasons.size(); ++i) {
      ObjectReader rr(reasons[i], "reasons[" + std::to_string(i) + "]");
      ReasonCode code{parseId(rr, "code"), rr.requiredString("label", limits::kMaxShortTextChars)};
      if (!codes.insert(code.code).second) throw ListError(rr.field("code"), "duplicates \"" + code.code + "\"");
      list.reasons.push_back(std::move(code));
    }
  }

  const json& items = requiredArray(r, "commitments", limits::kMaxCommitments);
  if (items.empty()) throw ListError("commitments", "must contain at least one commitment");
  std::set<std::string> ids;
  list.commitments.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string path = "commitments[" + std::to_string(i) + "]";
    Commitment c = parseCommitment(items[i], path);
    if (!ids.insert(c.id).second) throw ListError(path + ".id", "duplicates id \"" + c.id + "\"");
    list.commitments.push_back(std::move(c));
  }
  return list;
}

std::string_view nameOf(HolderKind kind) { return kHolderKinds.nameOf(kind); }
std::string_view nameOf(Term term) { return kTerms.nameOf(term); }
std::optional<HolderKind> holderKindFromString(std::string_view s) { return kHolderKinds.parse(s); }
std::optional<Term> termFromString(std::string_view s) { return kTerms.parse(s); }

}  // namespace wire
