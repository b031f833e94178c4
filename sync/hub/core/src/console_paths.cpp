#include "hub/core/console_paths.hpp"

namespace hub::console_path {

std::string fill(std::string_view pattern, std::string_view part) {
  const auto open = pattern.find('{');
  if (open == std::string_view::npos) return std::string(pattern);
  const auto close = pattern.find('}', open);
  return std::string(pattern.substr(0, open)) + std::string(part) + std::string(pattern.substr(close + 1));
}

std::optional<std::string_view> match(std::string_view pattern, std::string_view path) {
  const auto open = pattern.find('{');
  if (open == std::string_view::npos) return path == pattern ? std::optional<std::string_view>("") : std::nullopt;
  const std::string_view before = pattern.substr(0, open), after = pattern.substr(pattern.find('}', open) + 1);
  if (path.size() < before.size() + after.size() || path.substr(0, before.size()) != before ||
      path.substr(path.size() - after.size()) != after)
    return std::nullopt;
  const std::string_view part = path.substr(before.size(), path.size() - before.size() - after.size());
  if (part.find('/') != std::string_view::npos) return std::nullopt;
  return part;
}

}  // namespace hub::console_path
