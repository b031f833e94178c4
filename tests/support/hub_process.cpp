#include "hub_process.hpp"

// curl's type-checking macros expand to C casts; the options below are checked by hand.
#define CURL_DISABLE_TYPECHECK
#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

#include "store_under_test.hpp"
#include "wire/rating_batch.hpp"

namespace testing {

std::string hubBinary() { return KIOSK_HUB_BINARY; }
std::string kioskctlBinary() { return KIOSKCTL_BINARY; }

CommandResult run(const std::string& commandLine) {
  CommandResult r;
  FILE* p = popen(commandLine.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

HubProcess::HubProcess(const std::string& deployment, const std::string& databaseUrl) {
  const std::string d = dir_.path().string();
  if (run(hubBinary() + " init --dir " + d + " --deployment " + deployment + " 2>/dev/null").status != 0)
    throw std::runtime_error("kiosk-hub init failed");
  const std::string url = databaseUrl.empty() && onPostgres() ? newPostgresDatabase() : databaseUrl;
  if (!url.empty()) {
    std::string toml = readFile(dir_.path() / "hub.toml");
    const std::string sqlite = "url = \"sqlite:\"";
    const auto at = toml.find(sqlite);
    if (at == std::string::npos) throw std::runtime_error("hub.toml has no [database] url to replace");
    toml.replace(at, sqlite.size(), "url = \"" + url + "\"");
    writeFile(dir_.path() / "hub.toml", toml);
  }
  const auto mint = [&](const std::string& name, const std::string& args) {
    auto r = run(hubBinary() + " token create --dir " + d + " " + args);
    if (r.status != 0) throw std::runtime_error("token create failed: " + args);
    r.out.erase(std::remove(r.out.begin(), r.out.end(), '\n'), r.out.end());
    tokens_[name] = r.out;
  };
  mint("kiosk", "--role kiosk --kiosk-id hall-01-k1 --hall hall-01");
  mint("kiosk2", "--role kiosk --kiosk-id hall-02-k1 --hall hall-02");
  mint("staff", "--role staff --hall hall-01");
  mint("staff2", "--role staff --hall hall-02");
  mint("admin", "--role admin");
}

void HubProcess::restoreFrom(const std::filesystem::path& archive, const HubProcess& original) {
  if (pid_ > 0) throw std::logic_error("restoreFrom needs a stopped hub");
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) std::filesystem::remove_all(entry.path());
  if (run("tar -xf " + archive.string() + " -C " + dir_.path().string()).status != 0)
    throw std::runtime_error("tar -xf " + archive.string() + " failed");
  tokens_ = original.tokens_;
}

void HubProcess::shareTlsFrom(const HubProcess& other) {
  for (const char* f : {"ca.pem", "ca.key", "server.pem", "server.key"})
    std::filesystem::copy_file(other.dir() / "tls" / f, dir() / "tls" / f,
                               std::filesystem::copy_options::overwrite_existing);
}

HubProcess::~HubProcess() {
  if (pid_ > 0) stop(SIGKILL);
}

void HubProcess::start(const std::string& listen) {
  const std::string logFile = (dir_.path() / "hub.log").string();
  const std::size_t logOffset = log().size();  // a restarted hub appends to the same log
  pid_ = fork();
  if (pid_ == 0) {
    // If the test process dies (a crash, an abort), the hub must not outlive it holding ctest's pipe.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    FILE* log = std::fopen(logFile.c_str(), "a");
    if (log) dup2(fileno(log), STDERR_FILENO);
    execl(hubBinary().c_str(), "kiosk-hub", "serve", "--dir", dir_.path().c_str(), "--listen", listen.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Poll the log written since this start for the port it bound (deadline, no fixed sleep).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string fresh = log().substr(std::min(logOffset, log().size()));
    if (const auto at = fresh.find("event=listening "); at != std::string::npos) {
      const auto port = fresh.find(" port=", at);
      if (port != std::string::npos) {
        port_ = std::stoi(fresh.substr(port + 6));
        return;
      }
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("kiosk-hub exited at start: " + fresh);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("kiosk-hub did not start listening: " + log());
}

void HubProcess::stop(int sig) {
  if (pid_ <= 0) return;
  kill(pid_, sig);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

bool HubProcess::stopWithin(std::chrono::milliseconds limit) {
  if (pid_ <= 0) return true;
  kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // between polls
  }
  stop(SIGKILL);
  return false;
}

std::int64_t HubProcess::totalVotes() const {
  const auto r = get("/api/v1/tallies", token("admin"));
  if (r.status != 200) throw std::runtime_error("tallies answered " + std::to_string(r.status) + ": " + r.body);
  const nlohmann::json doc = nlohmann::json::parse(r.body);
  std::int64_t n = 0;
  for (const auto& row : doc["rows"]) n += row["total"].get<std::int64_t>();
  return n;
}

std::string goodBatch(std::int64_t seq, std::int64_t good, const std::string& kiosk) {
  wire::RatingBatch b{kiosk, "epoch-1", seq, "2026-11-21T10:00:00+08:00", {}};
  b.counts.push_back({"c-0001", 1, "2026-11-21T09:00+08:00", "good", std::nullopt, good, 0});
  return wire::encodeBatch(b);
}

std::string HubProcess::url(const std::string& path) const {
  return "https://127.0.0.1:" + std::to_string(port_) + path;
}

std::string HubProcess::log() const {
  try {
    return readFile(dir_.path() / "hub.log");
  } catch (const std::exception&) {
    return {};
  }
}

namespace {

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

std::size_t collectHeader(char* data, std::size_t size, std::size_t n, void* out) {
  std::string line(data, size * n);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of("\r\n") + 1);
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return size * n;
}

HttpResult perform(const std::string& url, const std::string& ca, const std::string& token,
                   const std::vector<std::string>& extraHeaders, const std::string* body) {
  HttpResult r;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  curl_slist* headers = nullptr;
  if (!token.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
  for (const auto& h : extraHeaders) headers = curl_slist_append(headers, h.c_str());
  if (body) headers = curl_slist_append(headers, "Content-Type: application/json");
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_CAINFO, ca.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, collectHeader);
  curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &r.headers);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 20L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  if (body) {
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  }
  const CURLcode rc = curl_easy_perform(curl.get());
  if (rc == CURLE_OK) curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &r.status);
  else r.error = curl_easy_strerror(rc);
  curl_slist_free_all(headers);
  return r;
}

}  // namespace

HttpResult HubProcess::get(const std::string& path, const std::string& token,
                           const std::vector<std::string>& headers) const {
  return perform(url(path), caFile().string(), token, headers, nullptr);
}

HttpResult HubProcess::post(const std::string& path, const std::string& body, const std::string& token) const {
  return perform(url(path), caFile().string(), token, {}, &body);
}

TlsConnection::TlsConnection(int port, const std::filesystem::path& caFile)
    : ctx_(SSL_CTX_new(TLS_client_method()), SSL_CTX_free), ssl_(nullptr, SSL_free) {
  // The server may answer early (413) and close while we are still writing: that must show up
  // as a short write, not kill the test with SIGPIPE.
  signal(SIGPIPE, SIG_IGN);
  SSL_CTX_load_verify_locations(ctx_.get(), caFile.c_str(), nullptr);
  SSL_CTX_set_verify(ctx_.get(), SSL_VERIFY_PEER, nullptr);
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    failure_ = "connect failed";
    return;
  }
  ssl_.reset(SSL_new(ctx_.get()));
  SSL_set_fd(ssl_.get(), fd_);
  // SSL_set_tlsext_host_name is a macro with a C cast; this is what it expands to.
  char host[] = "localhost";
  SSL_ctrl(ssl_.get(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, host);
  if (SSL_connect(ssl_.get()) != 1) {
    failure_ = "tls failed";
    return;
  }
  // From here reads and writes never block: a read that finds only the server's session tickets
  // (TLS 1.3) must come back to the deadline, not wait for data the server may never send.
  fcntl(fd_, F_SETFL, fcntl(fd_, F_GETFL) | O_NONBLOCK);
}

TlsConnection::~TlsConnection() {
  ssl_.reset();
  ERR_clear_error();
  if (fd_ >= 0) close(fd_);
}

std::size_t TlsConnection::send(const std::string& bytes) {
  if (!failure_.empty()) return 0;
  std::size_t off = 0;  // what the server takes; a server that answers early (413) may stop reading
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (off < bytes.size() && std::chrono::steady_clock::now() < deadline) {
    const int n =
        SSL_write(ssl_.get(), bytes.data() + off, static_cast<int>(std::min<std::size_t>(bytes.size() - off, 16384)));
    if (n > 0) {
      off += static_cast<std::size_t>(n);
      continue;
    }
    const int why = SSL_get_error(ssl_.get(), n);
    if (why != SSL_ERROR_WANT_WRITE && why != SSL_ERROR_WANT_READ) break;
    pollfd p{fd_, static_cast<short>(why == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN), 0};
    poll(&p, 1, 100);
  }
  ERR_clear_error();
  return off;
}

std::string TlsConnection::receive(std::chrono::milliseconds wait, const std::string& until) {
  if (!failure_.empty()) return failure_;
  std::string got;
  const auto deadline = std::chrono::steady_clock::now() + wait;
  std::array<char, 4096> buf{};
  while (std::chrono::steady_clock::now() < deadline && (until.empty() || got.find(until) == std::string::npos)) {
    pollfd p{fd_, POLLIN, 0};
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (SSL_pending(ssl_.get()) == 0 && poll(&p, 1, static_cast<int>(std::max<long>(1, left.count()))) <= 0) continue;
    const int n = SSL_read(ssl_.get(), buf.data(), static_cast<int>(buf.size()));
    if (n <= 0) {
      const int why = SSL_get_error(ssl_.get(), n);
      ERR_clear_error();
      if (why == SSL_ERROR_WANT_READ || why == SSL_ERROR_WANT_WRITE) continue;  // a ticket, no data yet
      got += "<closed>";
      closed_ = true;
      break;
    }
    got.append(buf.data(), static_cast<std::size_t>(n));
  }
  return got;
}

std::string rawTlsExchange(int port, const std::filesystem::path& caFile, const std::string& bytes,
                           std::chrono::milliseconds wait) {
  TlsConnection connection(port, caFile);
  if (!connection.failure().empty()) return connection.failure();
  connection.send(bytes);
  return connection.receive(wait);
}

int openStalledHandshake(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  (void)!::write(fd, "\x16\x03\x01", 3);  // the first bytes of a ClientHello, and then nothing
  return fd;
}

bool closedByPeer(int fd) {
  char b;
  const ssize_t n = ::recv(fd, &b, 1, MSG_DONTWAIT);
  return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

}  // namespace testing
