#include "wire/text_file.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace wire {

std::string readTextFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace wire
