// HttpTransport over libcurl with the kiosk's TLS policy: HTTPS only, no redirects, peer and host
// verification on, the configured CA file, optional public-key pins, TLS >= 1.2, and connect /
// total / low-speed timeouts. One easy handle reused for keep-alive. Sync thread only; call
// curl_global_init before any thread starts (the kiosk's main does).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "sync/transport.hpp"

namespace kiosk::sync {

struct TransportSettings {
  std::string baseUrl;  // "https://hub.example:8443"
  std::string caFile;
  std::string pinnedPublicKeys;  // "sha256//BASE64;sha256//BASE64" or empty
  std::string token;             // bearer token of this kiosk
  std::chrono::seconds connectTimeout{10};
  std::chrono::seconds totalTimeout{60};
  long lowSpeedBytesPerSecond = 100;      // slower than this ...
  std::chrono::seconds lowSpeedTime{20};  // ... for this long aborts the transfer
};

// Initialises libcurl for the process; call once from main before any thread starts.
void initTransportLibrary();

// One CurlTransport per hub URL, in order (for FailoverTransport), each with the same CA, pins and
// token: how the kiosk and its updater reach their hubs alike.
std::vector<std::unique_ptr<HttpTransport>> curlTransports(const std::vector<std::string>& hubUrls,
                                                           const std::string& caFile,
                                                           const std::string& pinnedPublicKeys,
                                                           const std::string& token);

class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(TransportSettings settings);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  HttpResponse send(const HttpRequest& request) override;

 private:
  TransportSettings settings_;
  void* curl_ = nullptr;
};

}  // namespace kiosk::sync
