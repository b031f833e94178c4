#include "hub/server/https_server.hpp"

#include <openssl/ssl.h>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <list>
#include <optional>
#include <unordered_map>

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include "wire/crypto.hpp"
#include "wire/enrolment.hpp"

namespace hub {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

asio::ssl::context makeServerTlsContext(const std::string& certificateFile, const std::string& keyFile) {
  asio::ssl::context ctx(asio::ssl::context::tls_server);
  ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                  asio::ssl::context::single_dh_use);
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
  // TLS 1.2 with forward secrecy and AEAD only (no CBC, whose padding oracles keep coming back);
  // TLS 1.3's suites are all AEAD and are set apart by OpenSSL.
  if (SSL_CTX_set_cipher_list(ctx.native_handle(), "ECDHE+AESGCM:ECDHE+CHACHA20") != 1)
    throw std::runtime_error("this OpenSSL offers none of the TLS 1.2 AEAD cipher suites");
  boost::system::error_code ec;
  ctx.use_certificate_chain_file(certificateFile, ec);
  if (ec) throw std::runtime_error("cannot load TLS certificate " + certificateFile + ": " + ec.message());
  ctx.use_private_key_file(keyFile, asio::ssl::context::pem, ec);
  if (ec) throw std::runtime_error("cannot load TLS key " + keyFile + ": " + ec.message());
  return ctx;
}

class Session;

// Once per reader thread: Linux keeps a nice value per thread, so this lowers the reader alone
// and leaves the I/O thread that ingests at full priority. Failing (e.g. a seccomp filter) only
// costs the preference, so it is not an error.
void lowerThreadPriority(int nice) {
  thread_local bool lowered = false;
  if (lowered || nice == 0) return;
  lowered = true;
  setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), nice);
}

// Freed memory goes back to the system after a request or answer this large (malloc_trim costs
// about a millisecond, so not after every small one).
constexpr std::size_t kReleaseMemoryAfterBytes = 1 << 20;
void releaseFreedMemory() { malloc_trim(0); }  // every arena, not only the main heap's top (glibc ≥ 2.8)

constexpr std::size_t kSmallBody = 64 * 1024;
constexpr std::chrono::seconds kQuietEnoughToShed{2};
constexpr std::chrono::minutes kCredentialMemo{10};  // how long accepted credentials count as known
constexpr std::size_t kMaxCredentials = 4096;

// What a request presents as credentials (a bearer token, the console's cookies), as one key that
// never holds the secret itself: empty when it presents none.
std::string credentialOf(std::string_view authorization, std::string_view cookie) {
  if (authorization.empty() && cookie.empty()) return {};
  return wire::sha256Hex(std::string(authorization) + "\n" + std::string(cookie));
}

// A lane's threads and its queue, counted on the I/O thread.
struct WorkLane {
  asio::thread_pool pool;
  std::size_t maxQueued;
  std::string busyMessage;
  std::size_t inFlight = 0;  // queued or running
  WorkLane(std::size_t threads, std::size_t queued, std::string busy)
      : pool(threads), maxQueued(queued), busyMessage(std::move(busy)) {}
};
struct Lanes {
  WorkLane reader, writer, password;
};

struct HttpsServer::State {
  asio::io_context& io;
  asio::ssl::context& tls;
  tcp::acceptor acceptor;
  RequestHandler& handler;
  ServerLimits limits;
  LogLine log;
  RequestObserver observe;
  Lanes lanes;
  bool stopping = false;
  std::list<std::weak_ptr<Session>> sessions;  // in accept order: the oldest first
  std::size_t active = 0;
  std::unordered_map<std::string, std::size_t> perAddress;
  std::size_t bodyBytesReserved = 0;        // by requests whose credentials were accepted before
  std::size_t unverifiedBytesReserved = 0;  // by requests whose credentials are not known yet
  std::unordered_map<std::string, std::chrono::steady_clock::time_point> acceptedCredentials;

  // Large bodies are read only for requests that carry credentials, and out of a small share of
  // the budget until those credentials have been accepted once: a stranger with no token can make
  // the hub hold no more than a small body, nor crowd out the kiosks' uploads with large ones.
  std::size_t* budgetFor(const std::string& credential) {
    const auto it = acceptedCredentials.find(credential);
    const bool known =
        it != acceptedCredentials.end() && std::chrono::steady_clock::now() < it->second + kCredentialMemo;
    return known ? &bodyBytesReserved : &unverifiedBytesReserved;
  }
  bool reserveBody(std::size_t* pool, std::size_t bytes) {
    const std::size_t budget = pool == &bodyBytesReserved ? limits.bodyBudget : limits.bodyBudget / 8;
    if (*pool + bytes > budget) return false;
    *pool += bytes;
    return true;
  }
  // After an answer: whether the request's credentials were accepted (the handler named a
  // principal). Bounded: at kMaxCredentials the expired ones go, and if none had, all of them.
  void noteCredential(const std::string& credential, bool accepted) {
    if (credential.empty()) return;
    if (!accepted) {
      acceptedCredentials.erase(credential);
      return;
    }
    if (acceptedCredentials.size() >= kMaxCredentials) {
      const auto now = std::chrono::steady_clock::now();
      std::erase_if(acceptedCredentials, [&](const auto& e) { return now >= e.second + kCredentialMemo; });
      if (acceptedCredentials.size() >= kMaxCredentials) acceptedCredentials.clear();
    }
    acceptedCredentials[credential] = std::chrono::steady_clock::now();
  }
  // Closes the oldest connection that is idle or has never completed a request (optionally: from
  // `address` only) to make room; false when every connection is busy with a request.
  bool shedOldest(const std::string* address);

  State(asio::io_context& i, asio::ssl::context& t, RequestHandler& h, ServerLimits l, LogLine lg)
      : io(i), tls(t), acceptor(i), handler(h), limits(l),
        log(std::move(lg)), lanes{{l.readerThreads, l.maxQueuedReads, "the hub is busy with reports; retry"},
                                  {1, l.maxConnections, "the hub is busy; retry"},
                                  {1, l.maxQueuedLogins, "the hub is checking many passwords at once; retry"}} {}
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<HttpsServer::State> server)
      : stream_(std::move(socket), server->tls), server_(std::move(server)) {
    // A peer that connects and resets at once has no remote endpoint any more: that is its problem,
    // not a reason to throw out of the event loop (which would stop the hub for every kiosk).
    beast::error_code ec;
    const auto remote = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
    peer_ = ec ? "unknown" : remote.address().to_string();
    ++server_->active;
    ++server_->perAddress[peer_];
  }
  ~Session() {
    releaseBody();
    --server_->active;
    if (auto it = server_->perAddress.find(peer_); it != server_->perAddress.end() && --it->second == 0)
      server_->perAddress.erase(it);
  }

  const std::string& peer() const { return peer_; }
  // Still in its handshake or first request: what a flood of slow connections consists of.
  bool neverServed() const { return !shed_ && !served_; }
  // Served before, and waiting for its next request since before `when`.
  bool quietSince(std::chrono::steady_clock::time_point when) const {
    return !shed_ && served_ && idle_ && idleSince_ <= when;
  }
  // Still receiving a body whose header came in before `when`: a request that trickles in.
  bool receivingSince(std::chrono::steady_clock::time_point when) const {
    return !shed_ && receivingSince_ && *receivingSince_ <= when;
  }
  void shed() {
    shed_ = true;
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).socket().close(ignored);
  }

  void run() {
    beast::get_lowest_layer(stream_).expires_after(server_->limits.handshakeTimeout);
    stream_.async_handshake(asio::ssl::stream_base::server,
                            [self = shared_from_this()](beast::error_code ec) { self->onHandshake(ec); });
  }

  // During shutdown: a connection waiting for its next request is closed now.
  void closeIfIdle() {
    if (idle_) beast::get_lowest_layer(stream_).close();
  }

 private:
  void onHandshake(beast::error_code ec) {
    if (ec) {
      server_->log("event=tls_refused peer=" + peer_ + " reason=\"" + ec.message() + "\"");
      return;
    }
    readRequest(server_->limits.readTimeout);
  }

  void readRequest(std::chrono::seconds timeout) {
    if (server_->stopping) return close();
    idle_ = true;
    idleSince_ = std::chrono::steady_clock::now();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_->limits.headerLimit));
    // The larger of the two limits while the header is parsed (Beast checks Content-Length against
    // it there); the request's own limit is set once its target is known (onHeader).
    parser_->body_limit(std::max(server_->limits.bodyLimit, server_->limits.uploadLimit));
    beast::get_lowest_layer(stream_).expires_after(timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onHeader(ec); });
  }

  // The header is in: reserve what the body may hold from the server's budget before reading it,
  // so stalled uploads cannot pile up memory (a chunked body may grow to the body limit).
  void onHeader(beast::error_code ec) {
    idle_ = false;
    if (ec) return onRead(ec);
    parser_->body_limit(bodyLimit());  // an upload path's own, now that the target is known
    if (parser_->content_length() && *parser_->content_length() > bodyLimit()) return onRead(http::error::body_limit);
    const std::size_t bytes = parser_->content_length() ? static_cast<std::size_t>(*parser_->content_length())
                                                        : (parser_->chunked() ? bodyLimit() : 0);
    // The whole request must be in within the read deadline from here, however slowly it trickles
    // (a keep-alive connection's next request would otherwise have the idle timeout for its body).
    beast::get_lowest_layer(stream_).expires_after(server_->limits.readTimeout);
    receivingSince_ = std::chrono::steady_clock::now();
    credential_ = credentialOf(parser_->get()[http::field::authorization], parser_->get()[http::field::cookie]);
    // Small bodies (an everyday batch or heartbeat) need no reservation: the connection cap already
    // bounds them (cap x 64 KiB), and a stalled flood of large uploads must not block them.
    if (bytes > kSmallBody) {
      if (credential_.empty()) return reject(401, "a request body over 64 KiB needs a token or a console session");
      std::size_t* pool = server_->budgetFor(credential_);
      if (!server_->reserveBody(pool, bytes)) {
        server_->log("event=body_budget_full peer=" + peer_ + " bytes=" + std::to_string(bytes));
        Response busy{
            503, "application/json", "{\"error\":\"the hub is receiving many uploads at once; retry\"}\n", {}};
        busy.headers.emplace_back("Retry-After", "5");
        return send(std::move(busy), false);
      }
      reservedPool_ = pool;
    }
    reservedBody_ = bytes > kSmallBody ? bytes : 0;
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code readEc, std::size_t) { self->onRead(readEc); });
  }

  // This request's limit: an upload path's, once its header is in; the ordinary one otherwise.
  std::size_t bodyLimit() const {
    const auto& limits = server_->limits;
    if (!parser_) return limits.bodyLimit;
    const std::string_view target = parser_->get().target();
    return std::find(limits.uploadPaths.begin(), limits.uploadPaths.end(), target.substr(0, target.find('?'))) !=
                   limits.uploadPaths.end()
               ? limits.uploadLimit
               : limits.bodyLimit;
  }

  void releaseBody() {
    if (reservedPool_) *reservedPool_ -= reservedBody_;
    reservedPool_ = nullptr;
    reservedBody_ = 0;
  }

  void onRead(beast::error_code ec) {
    idle_ = false;
    receivingSince_.reset();
    releaseBody();  // the body is in this request (or gone); it is handled before the next read
    if (ec == http::error::end_of_stream || ec == asio::ssl::error::stream_truncated) return close();
    if (ec == http::error::body_limit)
      return reject(413, "request body larger than " + std::to_string(bodyLimit()) + " bytes");
    if (ec == http::error::header_limit) return reject(431, "request header fields too large");
    if (ec == beast::error::timeout) {
      server_->log("event=timeout peer=" + peer_);
      return close();
    }
    if (ec) {
      if (ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor) return;
      return reject(400, "malformed request: " + ec.message());
    }
    http::request<http::string_body> req = parser_->release();
    const bool keepAlive = req.keep_alive();
    const std::string method(req.method_string());
    if (auto enc = req[http::field::content_encoding]; !enc.empty() && enc != "identity")
      return respond({415, "application/json", "{\"error\":\"compressed request bodies are not accepted\"}\n", {}},
                     method, std::string(req.target()), std::chrono::steady_clock::now(), keepAlive);
    Request request{method,
                    std::string(req.target()),
                    std::string(req[http::field::authorization]),
                    std::string(req[http::field::if_none_match]),
                    std::move(req.body()),
                    std::string(req[http::field::cookie]),
                    std::string(req[http::field::content_type]),
                    peer_,
                    std::string(req[http::field::accept_language]),
                    std::string(req[wire::kSignatureHeader]),
                    std::string(req[http::field::host]),
                    std::string(req[http::field::range])};
    const auto started = std::chrono::steady_clock::now();
    auto& state = *server_;
    const auto lane = state.handler.laneOf(request);
    if (lane == RequestHandler::Lane::Inline)
      return respond(handleSafely(request), method, request.target, started, keepAlive);
    // The reader lane: off this thread, so ingest goes on while a page or an export is built; the
    // password lane likewise, apart from the reports. Bounded queues: beyond them the client is
    // told to come back rather than piling up work. The writer lane: one thread, so writes stay one
    // at a time, and never this one, so a database that stops answering holds up writes only —
    // TLS handshakes, /healthz and shedding go on; its queue is bounded by the connection cap (one
    // request in flight per connection).
    auto& lanes = state.lanes;
    WorkLane& chosen = lane == RequestHandler::Lane::Reader     ? lanes.reader
                       : lane == RequestHandler::Lane::Password ? lanes.password
                                                                : lanes.writer;
    if (chosen.inFlight >= chosen.maxQueued) {
      Response busy{503, "application/json", "{\"error\":\"" + chosen.busyMessage + "\"}\n", {}};
      busy.headers.emplace_back("Retry-After", "2");
      return respond(std::move(busy), method, request.target, started, keepAlive);
    }
    ++chosen.inFlight;
    const bool lowered = lane == RequestHandler::Lane::Reader;
    asio::post(chosen.pool, [self = shared_from_this(), request = std::move(request), started, keepAlive, lowered,
                             &chosen]() mutable {
      if (lowered) lowerThreadPriority(self->server_->limits.readerNice);
      Response res = self->handleSafely(request);
      // A large upload or page leaves its parse trees freed in this thread's malloc arena, which
      // glibc keeps: six spreadsheets at once kept ~400 MB afterwards. Give it back to the system.
      if (request.body.size() + res.body.size() > kReleaseMemoryAfterBytes) releaseFreedMemory();
      asio::post(self->stream_.get_executor(),
                 [self, res = std::move(res), request = std::move(request), started, keepAlive, &chosen]() mutable {
                   --chosen.inFlight;
                   self->respond(std::move(res), request.method, request.target, started, keepAlive);
                 });
    });
  }

  // Thread-safe as the handler is for the request's lane.
  Response handleSafely(const Request& request) {
    try {
      return server_->handler.handle(request);
    } catch (const std::exception& e) {
      // One bad request must never take the hub down for every kiosk: answer it and go on.
      server_->log("event=handler_error peer=" + peer_ + " reason=\"" + e.what() + "\"");
      return {500, "application/json", "{\"error\":\"internal error\"}\n", {}};
    }
  }

  void respond(Response res, const std::string& method, const std::string& target,
               std::chrono::steady_clock::time_point started, bool keepAlive) {
    served_ = true;
    server_->noteCredential(credential_, res.principal != "-" && !res.toAnyone);
    const auto took = std::chrono::steady_clock::now() - started;
    const double ms = std::chrono::duration<double, std::milli>(took).count();
    if (server_->observe) server_->observe(method, target, res.status, took, res.principal == "-");
    char msText[32];
    std::snprintf(msText, sizeof msText, "%.2f", ms);
    server_->log("event=request method=" + method + " path=" + target.substr(0, target.find('?')) + " status=" +
                 std::to_string(res.status) + " ms=" + msText + " peer=" + peer_ + " principal=" + res.principal);
    send(std::move(res), keepAlive && !server_->stopping);
  }

  void reject(int status, const std::string& message) {
    server_->log("event=rejected status=" + std::to_string(status) + " peer=" + peer_ + " reason=\"" + message + "\"");
    send({status, "application/json", "{\"error\":\"" + message + "\"}\n", {}}, false);
  }

  void send(Response r, bool keepAlive) {
    response_.emplace(static_cast<http::status>(r.status), 11);
    response_->set(http::field::server, "kiosk-hub");
    response_->set(http::field::content_type, r.contentType);
    // Nothing the hub answers is for a shared cache, unless the handler says otherwise (the
    // console's static files): then its header alone, never two that contradict each other.
    const bool cacheSaid = std::any_of(r.headers.begin(), r.headers.end(),
                                       [](const auto& h) { return beast::iequals(h.first, "Cache-Control"); });
    if (!cacheSaid) response_->set(http::field::cache_control, "no-store");
    for (const auto& [k, v] : r.headers) response_->insert(k, v);
    response_->body() = std::move(r.body);
    response_->keep_alive(keepAlive);
    response_->prepare_payload();
    beast::get_lowest_layer(stream_).expires_after(server_->limits.readTimeout);
    http::async_write(stream_, *response_, [self = shared_from_this(), keepAlive](beast::error_code ec, std::size_t) {
      if (ec || !keepAlive) return self->close();
      self->readRequest(self->server_->limits.idleTimeout);
    });
  }

  void close() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(2));
    stream_.async_shutdown(
        [self = shared_from_this()](beast::error_code) { beast::get_lowest_layer(self->stream_).close(); });
  }

  beast::ssl_stream<beast::tcp_stream> stream_;
  std::shared_ptr<HttpsServer::State> server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::string_body>> response_;
  std::string peer_;
  bool idle_ = false;
  bool served_ = false;  // completed at least one request
  bool shed_ = false;
  std::chrono::steady_clock::time_point idleSince_{};
  std::size_t reservedBody_ = 0;
  std::size_t* reservedPool_ = nullptr;  // which of the server's budgets reservedBody_ is in
  std::string credential_;               // of the request being read or handled
  std::optional<std::chrono::steady_clock::time_point> receivingSince_;  // its header came in then
};

bool HttpsServer::State::shedOldest(const std::string* address) {
  // First the oldest connection that never completed a request (a flood of slow handshakes or
  // half-sent headers consists of these), then the oldest keep-alive one that has been quiet for a
  // while (a client that went quiet just now may be sending its next request this moment), then
  // the oldest still trickling in a body it began a while ago, whether or not it was served before.
  const auto now = std::chrono::steady_clock::now();
  for (const int pass : {0, 1, 2}) {
    for (auto& weak : sessions) {
      auto s = weak.lock();
      if (!s || (address && s->peer() != *address)) continue;
      const bool candidate = pass == 0   ? s->neverServed()
                             : pass == 1 ? s->quietSince(now - kQuietEnoughToShed)
                                         : s->receivingSince(now - kQuietEnoughToShed);
      if (!candidate) continue;
      log("event=connection_shed peer=" + s->peer() + " active=" + std::to_string(active));
      s->shed();
      return true;
    }
  }
  return false;
}

namespace {
void acceptNext(const std::shared_ptr<HttpsServer::State>& state) {
  state->acceptor.async_accept([state](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (!state->stopping) state->log("event=accept_failed reason=\"" + ec.message() + "\"");
      if (state->stopping) return;
      return acceptNext(state);
    }
    // At a cap, make room by closing the oldest idle or never-served connection (a flood of slow
    // or half-finished ones sheds itself, oldest first); refuse only when all are mid-request.
    beast::error_code peerError;
    const auto remote = socket.remote_endpoint(peerError);
    const std::string address = peerError ? "unknown" : remote.address().to_string();
    const auto fromAddress = state->perAddress.find(address);
    const bool addressFull =
        fromAddress != state->perAddress.end() && fromAddress->second >= state->limits.maxConnectionsPerAddress;
    const bool full = state->active >= state->limits.maxConnections;
    if ((addressFull && !state->shedOldest(&address)) || (full && !addressFull && !state->shedOldest(nullptr))) {
      state->log("event=connection_cap active=" + std::to_string(state->active) + " peer=" + address);
      beast::error_code ignored;
      socket.close(ignored);
      return acceptNext(state);
    }
    try {
      beast::error_code optionError;
      socket.set_option(tcp::no_delay(true), optionError);  // small request/response pairs must not wait on Nagle
      auto session = std::make_shared<Session>(std::move(socket), state);
      state->sessions.remove_if([](const std::weak_ptr<Session>& w) { return w.expired(); });
      state->sessions.push_back(session);
      session->run();
    } catch (const std::exception& e) {
      // Whatever one connection does, the next one is still accepted.
      state->log("event=connection_error reason=\"" + std::string(e.what()) + "\"");
    }
    acceptNext(state);
  });
}
// Polls (on the I/O thread, every 20 ms) until the last connection has closed or time is up.
void waitForSessions(std::shared_ptr<HttpsServer::State> state, std::shared_ptr<asio::steady_timer> timer,
                     std::chrono::steady_clock::time_point deadline, std::function<void()> done) {
  if (state->active == 0 || std::chrono::steady_clock::now() >= deadline) return done();
  timer->expires_after(std::chrono::milliseconds(20));
  timer->async_wait([state, timer, deadline, done = std::move(done)](beast::error_code) mutable {
    waitForSessions(std::move(state), std::move(timer), deadline, std::move(done));
  });
}

}  // namespace

HttpsServer::HttpsServer(asio::io_context& io, asio::ssl::context& tls, const tcp::endpoint& at,
                         RequestHandler& handler, ServerLimits limits, LogLine log)
    : state_(std::make_shared<State>(io, tls, handler, limits, std::move(log))) {
  state_->acceptor.open(at.protocol());
  state_->acceptor.set_option(asio::socket_base::reuse_address(true));
  state_->acceptor.bind(at);
  state_->acceptor.listen(asio::socket_base::max_listen_connections);
}

HttpsServer::~HttpsServer() {
  // Requests still running finish (readers are bounded by the query time limit, writes by the
  // database's answer bound) before the handler they use goes away; what they post back to the
  // stopped I/O context is dropped with it.
  state_->lanes.writer.pool.join();
  state_->lanes.password.pool.join();
  state_->lanes.reader.pool.join();
}

void HttpsServer::setObserver(RequestObserver observer) { state_->observe = std::move(observer); }

void HttpsServer::start() { acceptNext(state_); }

tcp::endpoint HttpsServer::endpoint() const { return state_->acceptor.local_endpoint(); }

void HttpsServer::stop(std::chrono::milliseconds grace, std::function<void()> done) {
  state_->stopping = true;
  beast::error_code ec;
  state_->acceptor.close(ec);
  for (auto& weak : state_->sessions)
    if (auto s = weak.lock()) s->closeIfIdle();
  waitForSessions(state_, std::make_shared<asio::steady_timer>(state_->io), std::chrono::steady_clock::now() + grace,
                  std::move(done));
}

}  // namespace hub
