#include "hub/core/multipart.hpp"

#include <algorithm>
#include <cctype>

#include "common/utf8.hpp"

namespace hub {

namespace {

constexpr std::size_t kMaxTextField = 8 * 1024;
constexpr std::size_t kMaxHeaderBlock = 4 * 1024;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// A parameter of a header value: boundary=… in Content-Type, name="…" in Content-Disposition.
// Quoted values may hold ';' and escaped quotes.
std::string parameter(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = header.find(';', pos)) != std::string_view::npos) {
    ++pos;
    while (pos < header.size() && header[pos] == ' ') ++pos;
    const auto eq = header.find('=', pos);
    if (eq == std::string_view::npos) return {};
    if (lower(header.substr(pos, eq - pos)) != name) continue;
    std::string value;
    std::size_t i = eq + 1;
    if (i < header.size() && header[i] == '"') {
      for (++i; i < header.size() && header[i] != '"'; ++i) {
        if (header[i] == '\\' && i + 1 < header.size()) ++i;
        value += header[i];
      }
    } else {
      while (i < header.size() && header[i] != ';') value += header[i++];
    }
    return value;
  }
  return {};
}

}  // namespace

bool isMultipart(std::string_view contentType) { return lower(contentType).rfind("multipart/form-data", 0) == 0; }

Multipart parseMultipart(std::string_view body, std::string_view contentType, std::size_t maxParts) {
  if (!isMultipart(contentType)) throw MultipartError("the upload is not multipart/form-data");
  const std::string boundary = parameter(contentType, "boundary");
  if (boundary.empty() || boundary.size() > 70) throw MultipartError("the upload names no valid boundary");
  const std::string delimiter = "--" + boundary;
  Multipart out;
  std::size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) throw MultipartError("the upload has no parts");
  for (std::size_t parts = 0;; ++parts) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return out;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") throw MultipartError("a part's delimiter is not followed by a line end");
    if (parts == maxParts) throw MultipartError("more than " + std::to_string(maxParts) + " files in one upload");
    pos += 2;
    const auto headersEnd = body.find("\r\n\r\n", pos);
    if (headersEnd == std::string_view::npos || headersEnd - pos > kMaxHeaderBlock)
      throw MultipartError("part " + std::to_string(parts + 1) + " has no complete header block");
    std::string disposition;
    for (std::size_t line = pos; line < headersEnd;) {
      const auto end = std::min(body.find("\r\n", line), headersEnd);
      const auto header = body.substr(line, end - line);
      if (lower(header).rfind("content-disposition:", 0) == 0) disposition = std::string(header.substr(20));
      line = end + 2;
    }
    const auto next = body.find("\r\n" + delimiter, headersEnd + 4);
    if (next == std::string_view::npos)
      throw MultipartError("part " + std::to_string(parts + 1) + " is cut off (the upload did not finish)");
    const std::string_view content = body.substr(headersEnd + 4, next - headersEnd - 4);
    const std::string name = parameter(disposition, "name");
    if (lower(disposition).find("form-data") == std::string::npos || name.empty())
      throw MultipartError("part " + std::to_string(parts + 1) + " names no form field");
    if (disposition.find("filename=") != std::string::npos || disposition.find("filename*=") != std::string::npos) {
      out.files.push_back({name, parameter(disposition, "filename"), std::string(content)});
    } else {
      if (content.size() > kMaxTextField || !common::isValidUtf8(content))
        throw MultipartError("the field " + name + " is not UTF-8 text of at most 8 KiB");
      out.fields.emplace(name, std::string(content));
    }
    pos = next + 2;
  }
}

}  // namespace hub
