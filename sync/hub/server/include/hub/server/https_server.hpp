// The hub's HTTPS front: Boost.Beast over Asio + OpenSSL, TLS >= 1.2 only. Enforces the body and
// header limits, handshake, read and idle timeouts, a connection cap (overall and per address) that
// sheds the oldest idle or never-served connection rather than refuse a new one, and a budget for
// the request bodies being received at once; then hands each request to the RequestHandler.
// Nothing thrown while serving one connection leaves the event loop.
// Threads: sockets, TLS and Lane::Inline requests run on the one thread that runs the io_context;
// Lane::Writer requests on one writer thread (the store has one writer, and a database that hangs
// never stops the I/O thread); Lane::Reader requests on a small pool of reader threads;
// Lane::Password requests (Argon2id) on a thread of their own. Each lane's queue is bounded.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "hub/config/settings.hpp"
#include "hub/core/http_message.hpp"

namespace hub {

using LogLine = std::function<void(const std::string&)>;
// Told of every answered request (method, target, status, time from the request's arrival to its
// answer, and whether nobody was authenticated for it), on the I/O thread: the metrics.
using RequestObserver = std::function<void(const std::string& method, const std::string& target, int status,
                                           std::chrono::duration<double> took, bool anonymous)>;

// TLS >= 1.2 with the given certificate chain and key files; throws naming the file on failure.
boost::asio::ssl::context makeServerTlsContext(const std::string& certificateFile, const std::string& keyFile);

class HttpsServer {
 public:
  HttpsServer(boost::asio::io_context& io, boost::asio::ssl::context& tls, const boost::asio::ip::tcp::endpoint& at,
              RequestHandler& handler, ServerLimits limits, LogLine log);
  ~HttpsServer();

  // Before start().
  void setObserver(RequestObserver observer);
  void start();
  // Stops accepting; connections finish the request in hand and close. `done` runs on the I/O
  // thread once none is left (or after `grace`).
  void stop(std::chrono::milliseconds grace, std::function<void()> done);
  boost::asio::ip::tcp::endpoint endpoint() const;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace hub
