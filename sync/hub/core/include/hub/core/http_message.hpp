// A request and a response as the hub's handlers see them: plain values, no sockets, so the API
// and the console are functions tests call directly. The HTTPS server fills a Request from the
// wire and writes a Response back. Thread-safe as values.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace hub {

struct Request {
  std::string method;
  std::string target;  // path and query, e.g. "/api/v1/tallies?from=2026-01-01"
  std::string authorization;
  std::string ifNoneMatch;
  std::string body;
  // Later fields have defaults, so a test can name only the first few.
  std::string cookie = {};          // the Cookie header as sent
  std::string contentType = {};     // of the body
  std::string peer = {};            // the client's address, for lockouts and the audit log
  std::string acceptLanguage = {};  // picks the console's language
  std::string kioskSignature = {};  // X-Kiosk-Signature: base64 Ed25519 over the body (batches)
  std::string host = {};            // the Host header: how the caller reached the hub
  std::string range = {};           // the Range header: a resumed package download
};

struct Response {
  int status = 200;
  std::string contentType = "application/json";
  std::string body;
  // Sent in order; a name may repeat (Set-Cookie).
  std::vector<std::pair<std::string, std::string>> headers;
  // Who the request came from, for the access log: "kiosk:hall-01-k1", "user:li", "-".
  std::string principal = "-";
  // An answer to anyone (the residents' phone and public pages): whatever cookie the request
  // carried is no credential, so the server does not let it into the verified upload budget.
  bool toAnyone = false;
};

// What the HTTPS server hands requests to. Lane::Writer requests run one at a time on the writer
// thread (they write the store: ingest, heartbeats, lists); Lane::Reader requests run concurrently
// on the reader pool, each on its own read-only connection, so a slow page or export never delays
// a kiosk's batch; Lane::Inline requests touch no database and are answered on the I/O thread
// (liveness), so they answer even while the database does not; Lane::Password requests hash or
// check a password (Argon2id: tens of milliseconds of a core, by design) on a thread of their own
// with a bounded queue, so a flood of login attempts cannot take the reports' threads.
class RequestHandler {
 public:
  enum class Lane { Writer, Reader, Inline, Password };
  virtual ~RequestHandler() = default;
  virtual Lane laneOf(const Request& request) const = 0;
  virtual Response handle(const Request& request) = 0;
};

}  // namespace hub
