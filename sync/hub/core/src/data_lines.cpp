#include "hub/core/data_lines.hpp"

#include <algorithm>

namespace hub {

namespace data {
std::string_view embeddedFile(std::string_view name);  // hub_data.cpp, generated from core/data/
}

std::vector<std::string_view> dataLines(std::string_view fileName) {
  const std::string_view text = data::embeddedFile(fileName);
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.front() != '#') lines.push_back(line);
  }
  return lines;
}

}  // namespace hub
