#include "wire/results_board.hpp"

#include <algorithm>

#include "common/iso_time.hpp"
#include "wire/json_input.hpp"
#include "wire/list_limits.hpp"

namespace wire {

using nlohmann::json;

namespace {

const json& member(const json& object, const std::string& where, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) throw ResultsError(where + key, "required");
  return *it;
}

std::string day(const json& object, const std::string& where, const char* key) {
  const json& v = member(object, where, key);
  if (!v.is_string() || !common::isIsoDay(v.get<std::string>()))
    throw ResultsError(where + key, "must be a day as YYYY-MM-DD");
  return v.get<std::string>();
}

CommitmentResult parseRow(const json& row, std::size_t index) {
  const std::string where = "results[" + std::to_string(index) + "].";
  if (!row.is_object()) throw ResultsError(where.substr(0, where.size() - 1), "must be an object");
  CommitmentResult r;
  const json& id = member(row, where, "id");
  if (!id.is_string() || !limits::isSafeId(id.get<std::string>()))
    throw ResultsError(where + "id", "must be 1-64 characters of A-Z a-z 0-9 . _ -");
  r.id = id.get<std::string>();
  const json& total = member(row, where, "total");
  if (!total.is_number_integer() || total.get<std::int64_t>() < 0)
    throw ResultsError(where + "total", "must be a whole number, not negative");
  r.total = total.get<std::int64_t>();
  const json& satisfaction = member(row, where, "satisfaction");
  if (!satisfaction.is_number() || satisfaction.get<double>() < 0.0 || satisfaction.get<double>() > 1.0)
    throw ResultsError(where + "satisfaction", "must be a number from 0 to 1");
  r.satisfaction = satisfaction.get<double>();
  r.from = day(row, where, "from");
  r.to = day(row, where, "to");
  if (const auto it = row.find("outcome"); it != row.end() && !it->is_null()) {
    if (!it->is_string()) throw ResultsError(where + "outcome", "must be a string");
    r.outcome = it->get<std::string>();
    if (r.outcome.size() > kMaxOutcomeBytes)
      throw ResultsError(where + "outcome", "longer than " + std::to_string(kMaxOutcomeBytes) + " bytes");
  }
  return r;
}

}  // namespace

const CommitmentResult* ResultsBoard::find(std::string_view commitmentId) const {
  const auto it = std::lower_bound(results.begin(), results.end(), commitmentId,
                                   [](const CommitmentResult& r, std::string_view id) { return r.id < id; });
  return it != results.end() && it->id == commitmentId ? &*it : nullptr;
}

std::int64_t ResultsBoard::windowDays() const {
  if (!common::isIsoDay(from) || !common::isIsoDay(to)) return 0;
  return std::max<std::int64_t>(0, common::dayNumber(to) - common::dayNumber(from) + 1);
}

std::string encodeResults(const ResultsBoard& board) {
  json rows = json::array();
  for (const CommitmentResult& r : board.results) {
    json row{{"id", r.id}, {"total", r.total}, {"satisfaction", r.satisfaction}, {"from", r.from}, {"to", r.to}};
    if (!r.outcome.empty()) row["outcome"] = r.outcome;
    rows.push_back(std::move(row));
  }
  return json{{"hall", board.hall}, {"from", board.from}, {"to", board.to}, {"results", rows}}.dump();
}

ResultsBoard parseResults(std::string_view body) {
  if (body.size() > limits::kMaxDocumentBytes)
    throw ResultsError("", "results larger than " + std::to_string(limits::kMaxDocumentBytes) + " bytes");
  const json doc = detail::parseJsonOrThrow<ResultsError>(body, "results");
  if (!doc.is_object()) throw ResultsError("", "results must be a JSON object");
  ResultsBoard board;
  const json& hall = member(doc, "", "hall");
  if (!hall.is_string() || !limits::isSafeId(hall.get<std::string>()))
    throw ResultsError("hall", "must be 1-64 characters of A-Z a-z 0-9 . _ -");
  board.hall = hall.get<std::string>();
  board.from = day(doc, "", "from");
  board.to = day(doc, "", "to");
  const json& rows = member(doc, "", "results");
  if (!rows.is_array()) throw ResultsError("results", "must be an array");
  if (rows.size() > limits::kMaxCommitments)
    throw ResultsError("results", "more than " + std::to_string(limits::kMaxCommitments) + " entries");
  board.results.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) board.results.push_back(parseRow(rows[i], i));
  std::sort(board.results.begin(), board.results.end(),
            [](const CommitmentResult& a, const CommitmentResult& b) { return a.id < b.id; });
  const auto twin =
      std::adjacent_find(board.results.begin(), board.results.end(),
                         [](const CommitmentResult& a, const CommitmentResult& b) { return a.id == b.id; });
  if (twin != board.results.end()) throw ResultsError("results", "commitment " + twin->id + " appears twice");
  return board;
}

ResultsBoard publicOnly(ResultsBoard board, std::int64_t minimum) {
  std::erase_if(board.results, [minimum](const CommitmentResult& r) { return r.total < minimum; });
  return board;
}

}  // namespace wire
