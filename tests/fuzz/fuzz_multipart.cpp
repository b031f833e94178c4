// libFuzzer target: a multipart/form-data body as the console reads an upload (the first line of
// the input is the boundary, the rest the body); whatever it is, parsing ends in parts or a
// MultipartError, and every part lies within the body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "hub/core/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string_view boundary = input.substr(0, newline == std::string_view::npos ? 0 : newline);
  const std::string_view body = newline == std::string_view::npos ? input : input.substr(newline + 1);
  try {
    const auto m = hub::parseMultipart(body, "multipart/form-data; boundary=" + std::string(boundary), 50);
    std::size_t bytes = 0;
    for (const auto& f : m.files) bytes += f.content.size();
    if (bytes > body.size()) std::abort();
  } catch (const hub::MultipartError&) {
  }
  return 0;
}
