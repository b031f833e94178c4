// Decoding a multipart/form-data body (RFC 7578), as a browser sends a file upload: a folder of a
// USB export, a spreadsheet. Text fields and files apart; every limit checked while parsing, and a
// malformed body refused with what is wrong, never guessed at. Pure; thread-safe.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "hub/core/request_decoding.hpp"

namespace hub {

struct UploadedFile {
  std::string field;     // the form field's name
  std::string fileName;  // as the browser sent it ("batches/rating-batch-000001.json" for a folder)
  std::string content;
};

struct Multipart {
  Fields fields;  // text parts; a repeated name keeps its first value
  std::vector<UploadedFile> files;
};

class MultipartError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `contentType` is the request's Content-Type ("multipart/form-data; boundary=…"). At most
// `maxParts` parts; text fields must be UTF-8 and at most 8 KiB. Throws MultipartError.
Multipart parseMultipart(std::string_view body, std::string_view contentType, std::size_t maxParts);

// True when `contentType` names multipart/form-data.
bool isMultipart(std::string_view contentType);

}  // namespace hub
