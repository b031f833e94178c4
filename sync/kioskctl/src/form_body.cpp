#include "kioskctl/form_body.hpp"

namespace kioskctl {

FormBody formBody(const std::vector<FormPart>& parts, std::string boundary) {
  const auto inSomePart = [&](const std::string& b) {
    for (const auto& p : parts)
      if (p.content.find(b) != std::string::npos) return true;
    return false;
  };
  while (inSomePart(boundary)) boundary += "-x";
  FormBody out{"multipart/form-data; boundary=" + boundary, ""};
  for (const auto& p : parts) {
    out.body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
    if (!p.fileName.empty()) out.body += "; filename=\"" + p.fileName + "\"\r\nContent-Type: application/octet-stream";
    out.body += "\r\n\r\n" + p.content + "\r\n";
  }
  out.body += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace kioskctl
