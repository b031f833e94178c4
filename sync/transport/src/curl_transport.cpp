#include "sync/curl_transport.hpp"

// curl's type-checking macros expand to C casts; every option below is set with its documented type.
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>

#include <stdexcept>

#include "wire/enrolment.hpp"

namespace kiosk::sync {

namespace {

// curl's callbacks are called from C: nothing may unwind through them. Running out of memory ends
// the transfer instead (returning less than was given makes curl fail it with CURLE_WRITE_ERROR).
std::size_t collectBody(char* data, std::size_t size, std::size_t n, void* out) noexcept try {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
} catch (...) {
  return 0;
}

std::size_t collectEtag(char* data, std::size_t size, std::size_t n, void* out) noexcept try {
  const std::string line(data, size * n);
  if (line.size() > 5 && (line.compare(0, 5, "ETag:") == 0 || line.compare(0, 5, "etag:") == 0)) {
    std::string v = line.substr(5);
    v.erase(0, v.find_first_not_of(' '));
    v.erase(v.find_last_not_of("\r\n") + 1);
    *static_cast<std::string*>(out) = v;
  }
  return size * n;
} catch (...) {
  return 0;
}

Failure classify(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return Failure::Connect;
    case CURLE_OPERATION_TIMEDOUT: return Failure::Timeout;
    // The handshake broke off (a reset from a restarting hub, a load balancer or port-forward in
    // front of it, an EOF): a blip like a refused connection, backed off normally. Only a failed
    // verification (certificate, host name, pin) is the configuration problem Tls stands for.
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING: return Failure::Connect;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_UNSUPPORTED_PROTOCOL: return Failure::Tls;
    default: return Failure::Other;
  }
}

}  // namespace

void initTransportLibrary() { curl_global_init(CURL_GLOBAL_DEFAULT); }

std::vector<std::unique_ptr<HttpTransport>> curlTransports(const std::vector<std::string>& hubUrls,
                                                           const std::string& caFile,
                                                           const std::string& pinnedPublicKeys,
                                                           const std::string& token) {
  std::vector<std::unique_ptr<HttpTransport>> hubs;
  for (const std::string& url : hubUrls)
    hubs.push_back(std::make_unique<CurlTransport>(TransportSettings{url, caFile, pinnedPublicKeys, token}));
  return hubs;
}

CurlTransport::CurlTransport(TransportSettings settings) : settings_(std::move(settings)), curl_(curl_easy_init()) {
  if (!curl_) throw std::runtime_error("libcurl could not create a handle");
  if (settings_.baseUrl.rfind("https://", 0) != 0)
    throw std::runtime_error("hub URL must start with https:// (found \"" + settings_.baseUrl + "\")");
}

CurlTransport::~CurlTransport() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

HttpResponse CurlTransport::send(const HttpRequest& request) {
  CURL* c = static_cast<CURL*>(curl_);
  curl_easy_reset(c);  // keeps the connection cache, clears every option
  HttpResponse res;
  const std::string url = settings_.baseUrl + request.path;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  if (!settings_.caFile.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, settings_.caFile.c_str());
  if (!settings_.pinnedPublicKeys.empty())
    curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, settings_.pinnedPublicKeys.c_str());
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings_.connectTimeout.count() * 1000));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.totalTimeout.count() * 1000));
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, settings_.lowSpeedBytesPerSecond);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, static_cast<long>(settings_.lowSpeedTime.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collectBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &res.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collectEtag);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &res.etag);
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(16 * 1024 * 1024));

  curl_slist* headers = nullptr;
  if (!settings_.token.empty())  // webhooks take no token: their key, if any, is in the URL
    headers = curl_slist_append(headers, ("Authorization: Bearer " + settings_.token).c_str());
  if (!request.ifNoneMatch.empty())
    headers = curl_slist_append(headers, ("If-None-Match: " + request.ifNoneMatch).c_str());
  if (request.method == "POST") {
    const std::string type = request.contentType.empty() ? "application/json" : request.contentType;
    headers = curl_slist_append(headers, ("Content-Type: " + type).c_str());
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  if (!request.range.empty()) curl_easy_setopt(c, CURLOPT_RANGE, request.range.c_str());
  if (!request.signature.empty())
    headers = curl_slist_append(headers, (std::string(wire::kSignatureHeader) + ": " + request.signature).c_str());
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip for small bodies
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);

  char errorBuffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errorBuffer);
  const CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) {
    res.failure = classify(rc);
    res.error = errorBuffer[0] ? errorBuffer : curl_easy_strerror(rc);
    res.body.clear();
    return res;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res.status);
  curl_off_t retryAfter = 0;
  if (curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &retryAfter) == CURLE_OK && retryAfter > 0)
    res.retryAfterSeconds = static_cast<long>(retryAfter);
  return res;
}

}  // namespace kiosk::sync
