// Test support: a real kiosk-hub process in a fresh folder (certificates made at test time),
// tokens for each role, and small HTTPS clients (libcurl, and raw TLS for hostile requests).
// Every wait polls with a deadline. One per test; not shared between threads.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "temp_dir.hpp"

struct ssl_ctx_st;
struct ssl_st;

namespace testing {

struct HttpResult {
  long status = 0;  // 0: no HTTP response (connection or TLS failure)
  std::string body;
  std::string error;                           // curl's message when status is 0
  std::map<std::string, std::string> headers;  // lower-case names
};

class HubProcess {
 public:
  // Runs `kiosk-hub init` in a new folder and mints tokens: "kiosk" (hall-01-k1 in hall-01),
  // "kiosk2" (hall-02-k1 in hall-02), "staff" (hall-01), "staff2" (hall-02), "admin".
  // `databaseUrl`: a postgresql:// URL several hubs share; "" for the hub's own SQLite files — or,
  // in the test run's PostgreSQL runs (store_under_test.hpp), a fresh database of its own there.
  explicit HubProcess(const std::string& deployment = "zibo-zhangdian", const std::string& databaseUrl = "");
  ~HubProcess();
  HubProcess(const HubProcess&) = delete;
  HubProcess& operator=(const HubProcess&) = delete;

  // Replaces this (stopped) hub's folder with what `tar -xf archive` restores, as an operator
  // restores a `kiosk-hub backup`, and takes over the tokens of the hub it was made from.
  void restoreFrom(const std::filesystem::path& archive, const HubProcess& original);

  // Uses `other`'s TLS certificate, key and CA (hubs behind one name share them). Before start().
  void shareTlsFrom(const HubProcess& other);

  void start(const std::string& listen = "127.0.0.1:0");
  void stop(int signal = 15);  // SIGTERM by default; SIGKILL to simulate a crash
  // Sends SIGTERM and waits up to `limit` for the hub to exit: true if it did. One that did not is
  // killed (SIGKILL), so the test never hangs on it.
  bool stopWithin(std::chrono::milliseconds limit);
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

  std::string url(const std::string& path) const;
  const std::filesystem::path& dir() const { return dir_.path(); }
  std::filesystem::path caFile() const { return dir_.path() / "tls/ca.pem"; }
  int port() const { return port_; }
  const std::string& token(const std::string& role) const { return tokens_.at(role); }
  std::string log() const;

  HttpResult get(const std::string& path, const std::string& token = "",
                 const std::vector<std::string>& headers = {}) const;
  HttpResult post(const std::string& path, const std::string& body, const std::string& token = "") const;
  // Every counted vote the hub's tallies show (GET /api/v1/tallies as the admin); throws when the
  // hub does not answer 200.
  std::int64_t totalVotes() const;

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::map<std::string, std::string> tokens_;
};

// A rating-batch/1 body: batch `seq` of `kiosk`, `good` good votes for c-0001.
std::string goodBatch(std::int64_t seq, std::int64_t good, const std::string& kiosk = "hall-01-k1");

// Runs a command line; returns its exit status and stdout.
struct CommandResult {
  int status = -1;
  std::string out;
};
CommandResult run(const std::string& commandLine);

std::string hubBinary();
std::string kioskctlBinary();

// A TLS connection to 127.0.0.1:port (verified against caFile) that a test writes raw bytes to
// when it likes: a keep-alive client, or one that trickles a request in.
class TlsConnection {
 public:
  TlsConnection(int port, const std::filesystem::path& caFile);
  ~TlsConnection();
  TlsConnection(const TlsConnection&) = delete;
  TlsConnection& operator=(const TlsConnection&) = delete;
  const std::string& failure() const { return failure_; }  // "connect failed", "tls failed" or ""
  std::size_t send(const std::string& bytes);              // what the server took
  // What came back before `wait` ran out, the server closed ("<closed>" appended) or `until` came.
  std::string receive(std::chrono::milliseconds wait, const std::string& until = "");
  bool closed() const { return closed_; }

 private:
  std::unique_ptr<ssl_ctx_st, void (*)(ssl_ctx_st*)> ctx_;
  std::unique_ptr<ssl_st, void (*)(ssl_st*)> ssl_;
  int fd_ = -1;
  std::string failure_;
  bool closed_ = false;
};

// Sends raw bytes over TLS to 127.0.0.1:port (verifying against caFile) and returns what came
// back before the server closed or `wait` ran out.
std::string rawTlsExchange(int port, const std::filesystem::path& caFile, const std::string& bytes,
                           std::chrono::milliseconds wait);

// A plain TCP connection to 127.0.0.1:port that sends the first bytes of a TLS ClientHello and then
// nothing (a slow-handshake flood's unit); -1 when it cannot connect. The caller closes it.
int openStalledHandshake(int port);
// True once the peer closed `fd` (or it failed); never blocks.
bool closedByPeer(int fd);

}  // namespace testing
