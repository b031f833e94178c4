#include "wire/batch_import.hpp"
#include "wire/json_input.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace wire {

namespace {

std::string baseName(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string trimmed(std::string s) {
  const auto notSpace = [](unsigned char c) { return c != ' ' && c != '\n' && c != '\r' && c != '\t'; };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
  s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
  return s;
}

// Sequence order: "rating-batch-1000000.json" (seven digits) after "rating-batch-999999.json".
struct BySequence {
  bool operator()(const std::string& a, const std::string& b) const {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  }
};

}  // namespace

bool isBatchFileName(const std::string& name) {
  constexpr std::string_view kPrefix = "rating-batch-", kSuffix = ".json";
  if (name.size() <= kPrefix.size() + kSuffix.size() || name.rfind(kPrefix, 0) != 0 ||
      name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0)
    return false;
  const auto digits = std::string_view(name).substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
  return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<BatchFile> pairBatchFiles(const std::vector<NamedFile>& files) {
  std::map<std::string, BatchFile, BySequence> batches;
  std::map<std::string, std::string> signatures;
  for (const auto& f : files) {
    const std::string name = baseName(f.name);
    if (isBatchFileName(name)) batches.try_emplace(name, BatchFile{name, f.content, ""});
    else if (name.size() > 4 && name.compare(name.size() - 4, 4, ".sig") == 0)
      signatures.try_emplace(name.substr(0, name.size() - 4), trimmed(f.content));
  }
  std::vector<BatchFile> out;
  for (auto& [name, batch] : batches) {
    if (const auto sig = signatures.find(name); sig != signatures.end()) batch.signature = sig->second;
    out.push_back(std::move(batch));
  }
  return out;
}

std::string importOutcome(long status, const std::string& body) {
  if (status == 201) return "accepted";
  if (status == 200) return "duplicate";
  std::string why = body;
  const auto doc = parseJsonBounded(body).value_or(nlohmann::json());
  if (doc.is_object() && doc.contains("error") && doc["error"].is_string()) why = doc["error"].get<std::string>();
  return std::string(status == 409 ? "conflict" : "refused") + " (" + std::to_string(status) + "): " + why;
}

}  // namespace wire
