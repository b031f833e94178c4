#include "wire/panel_ballot.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

#include "wire/json_input.hpp"
#include "wire/list_limits.hpp"

namespace wire {

using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 4> kGradeNames{"good", "fairly_good", "fair", "poor"};
constexpr std::size_t kMaxTitleBytes = 400;

struct FormError : PanelBallotError {
  FormError(const std::string& field, const std::string& problem)
      : PanelBallotError(field.empty() ? problem : field + ": " + problem) {}
};

std::string stringField(const json& doc, const char* name, std::size_t maxBytes) {
  const auto it = doc.find(name);
  if (it == doc.end() || !it->is_string() || it->get_ref<const std::string&>().size() > maxBytes)
    throw FormError(name, "must be a string of at most " + std::to_string(maxBytes) + " bytes");
  return it->get<std::string>();
}

std::vector<std::string> commitmentIds(const json& doc) {
  const auto it = doc.find("items");
  if (it == doc.end() || !it->is_array() || it->empty() || it->size() > limits::kMaxCommitments)
    throw FormError("items", "must be a list of 1 to " + std::to_string(limits::kMaxCommitments) + " commitment ids");
  std::vector<std::string> out;
  for (const auto& id : *it) {
    if (!id.is_string() || !limits::isSafeId(id.get<std::string>()))
      throw FormError("items", "each must be a commitment id (A-Z a-z 0-9 . _ -)");
    out.push_back(id.get<std::string>());
  }
  return out;
}

}  // namespace

bool isPanelCode(std::string_view code) {
  return code.size() == kPanelCodeDigits &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isPanelGradeName(std::string_view name) {
  return std::find(kGradeNames.begin(), kGradeNames.end(), name) != kGradeNames.end();
}

std::string encodePanelBallotForm(const PanelBallotForm& form) {
  return json{{"format", "panel-ballot-form/1"},
              {"title", form.title},
              {"category", form.category},
              {"grades", form.grades},
              {"items", form.items}}
      .dump();
}

PanelBallotForm parsePanelBallotForm(std::string_view text) {
  const json doc = detail::parseJsonOrThrow<FormError>(text, "panel ballot form");
  if (!doc.is_object()) throw PanelBallotError("panel ballot form must be a JSON object");
  PanelBallotForm form;
  form.title = stringField(doc, "title", kMaxTitleBytes);
  form.category = stringField(doc, "category", 40);
  const auto grades = doc.find("grades");
  if (grades == doc.end() || !grades->is_array() || grades->size() < 3 || grades->size() > 4)
    throw FormError("grades", "must list 3 or 4 grades");
  for (const auto& g : *grades) {
    if (!g.is_string() || !isPanelGradeName(g.get<std::string>()))
      throw FormError("grades", "each must be good, fairly_good, fair or poor");
    form.grades.push_back(g.get<std::string>());
  }
  form.items = commitmentIds(doc);
  return form;
}

std::string encodePanelBallot(const PanelBallot& ballot) {
  json grades = json::object();
  for (const auto& [id, grade] : ballot.grades) grades[id] = grade;
  return json{{"format", "panel-ballot/1"}, {"grades", grades}}.dump();
}

PanelBallot parsePanelBallot(std::string_view text) {
  const json doc = detail::parseJsonOrThrow<FormError>(text, "panel ballot");
  if (!doc.is_object()) throw PanelBallotError("panel ballot must be a JSON object");
  const auto grades = doc.find("grades");
  if (grades == doc.end() || !grades->is_object() || grades->size() > limits::kMaxCommitments)
    throw FormError("grades", "must be an object of commitment id to grade");
  PanelBallot ballot;
  for (const auto& [id, grade] : grades->items()) {
    if (!limits::isSafeId(id)) throw FormError("grades", "\"" + id.substr(0, 64) + "\" is not a commitment id");
    if (!grade.is_string() || (!isPanelGradeName(grade.get<std::string>()) && grade.get<std::string>() != kPanelSkip))
      throw FormError("grades." + id, "must be good, fairly_good, fair, poor or skip");
    ballot.grades.emplace_back(id, grade.get<std::string>());
  }
  return ballot;
}

}  // namespace wire
