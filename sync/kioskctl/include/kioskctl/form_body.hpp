// A multipart/form-data body (RFC 7578) for kioskctl's one upload of several parts at once: the
// signed update manifest and its package to POST /api/v1/updates. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace kioskctl {

struct FormPart {
  std::string name;      // the form field
  std::string fileName;  // "" for a text field
  std::string content;
};

struct FormBody {
  std::string contentType;  // "multipart/form-data; boundary=…"
  std::string body;
};

// `boundarySeed` makes the boundary (tests pass a fixed one); a boundary found inside a part is
// lengthened until it is not, so no content can end a part early.
FormBody formBody(const std::vector<FormPart>& parts, std::string boundarySeed);

}  // namespace kioskctl
