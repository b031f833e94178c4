// The sync client's view of HTTP: a request value in, a response value out. CurlTransport is the
// real one; tests may plug in another. Implementations are used from the sync thread only.
#pragma once

#include <optional>
#include <string>

namespace kiosk::sync {

struct HttpRequest {
  std::string method = "GET";
  std::string path;  // e.g. "/api/v1/batches"
  std::string body;
  std::string ifNoneMatch;
  std::string signature = {};    // X-Kiosk-Signature (batches): base64 Ed25519 over `body`
  std::string range = {};        // "first-last" bytes (a package download, resumed): Range: bytes=first-last
  std::string contentType = {};  // of a POST's body; "" is application/json (every kiosk request)
};

enum class Failure {
  None,
  Connect,  // refused, unreachable, DNS
  Tls,      // certificate, host name, pin or protocol: a configuration problem, not a blip
  Timeout,  // connect, total or low-speed timeout
  Other,
};

struct HttpResponse {
  long status = 0;  // 0 when no HTTP response arrived (see failure)
  std::string body;
  std::string etag;
  std::optional<long> retryAfterSeconds;
  Failure failure = Failure::None;
  std::string error;  // human-readable cause when failure != None
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual HttpResponse send(const HttpRequest& request) = 0;
};

}  // namespace kiosk::sync
