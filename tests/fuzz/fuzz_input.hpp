// What the fuzz targets that take a request share: the input read line by line (method, target,
// who or cookie), the rest as the body. Pure; one thread.
#pragma once

#include <string>
#include <string_view>

namespace fuzz_input {

// The text up to the next newline (all of it when there is none); `in` moves past it.
inline std::string nextLine(std::string_view& in) {
  const auto nl = in.find('\n');
  std::string line(in.substr(0, nl));
  in = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  return line;
}

}  // namespace fuzz_input
