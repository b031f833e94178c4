// Why these floods: each is one the outside test of issue 21 ran against the hub, and each was
// fixed in the hub's front (slow second bodies shed, strangers' large bodies refused at their
// header, a kiosk's flood refused before parsing, password checks on their own lane, login
// trouble one audit row a minute, unknown paths one metrics label). The figures say whether
// loading kiosks notice any of them. Issue 27 adds residents' phones gone wrong: scans, votes,
// forged codes and junk codes as fast as four threads can send them.
#include "hub_floods.hpp"

#include <curl/curl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "hub_process.hpp"
#include "sync/curl_transport.hpp"
#include "wire/crypto.hpp"
#include "wire/enrolment.hpp"
#include "wire/phone_code.hpp"
#include "wire/rating_batch.hpp"
#include "wire/signed_list.hpp"

namespace bench {

namespace {

using Stopwatch = std::chrono::steady_clock;
constexpr int kKiosks = 20;
constexpr auto kBatchEvery = std::chrono::milliseconds(500);
constexpr auto kPhase = std::chrono::seconds(10);

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

std::string mintToken(const testing::HubProcess& hub, const std::string& kioskId) {
  const auto r = testing::run(testing::hubBinary() + " token create --dir " + hub.dir().string() +
                              " --role kiosk --kiosk-id " + kioskId + " --hall hall-01");
  return r.out.substr(0, r.out.find('\n'));
}

// What one flood does until `stop`; returns how many requests or connections it made.
using Attack = std::function<long(const testing::HubProcess&, const std::atomic<bool>& stop)>;

// Connections that were answered once and then trickle in a second request's body, a byte a
// second, topped up to 256 as the hub sheds them.
long slowSecondBodies(const testing::HubProcess& hub, const std::atomic<bool>& stop) {
  std::vector<std::unique_ptr<testing::TlsConnection>> held;
  long opened = 0;
  while (!stop) {
    held.erase(std::remove_if(held.begin(), held.end(), [](const auto& c) { return c->closed(); }), held.end());
    while (held.size() < 256 && !stop) {
      auto c = std::make_unique<testing::TlsConnection>(hub.port(), hub.caFile());
      ++opened;
      if (!c->failure().empty()) continue;
      c->send("GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n");
      c->receive(std::chrono::seconds(2), "\r\n\r\n");
      c->send(
          "POST /api/v1/batches HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
          "Content-Length: 60000\r\n\r\n{");
      held.push_back(std::move(c));
    }
    for (auto& c : held) {
      c->send(" ");
      c->receive(std::chrono::milliseconds(1));
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));  // the trickle's pace, not a wait for a condition
  }
  return opened;
}

// Anonymous 8 MiB posts to the console's import route, each sending its body slowly.
long anonymousLargePosts(const testing::HubProcess& hub, const std::atomic<bool>& stop) {
  std::vector<std::unique_ptr<testing::TlsConnection>> held;
  long opened = 0;
  const std::string chunk(64 * 1024, 'x');
  while (!stop) {
    held.erase(std::remove_if(held.begin(), held.end(), [](const auto& c) { return c->closed(); }), held.end());
    while (held.size() < 8 && !stop) {
      auto c = std::make_unique<testing::TlsConnection>(hub.port(), hub.caFile());
      ++opened;
      if (!c->failure().empty()) continue;
      c->send(
          "POST /console/admin/import HTTP/1.1\r\nHost: hub\r\nContent-Type: multipart/form-data; boundary=b\r\n"
          "Content-Length: 8388608\r\n\r\n");
      held.push_back(std::move(c));
    }
    for (auto& c : held) {
      c->send(chunk);
      c->receive(std::chrono::milliseconds(1));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the sending pace
  }
  return opened;
}

// One enrolled kiosk's token posting 1 MiB of junk as batches as fast as four threads can.
Attack junkBatches(std::string token) {
  return [token](const testing::HubProcess& hub, const std::atomic<bool>& stop) {
    std::atomic<long> sent{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&] {
        kiosk::sync::CurlTransport transport(transportFor(hub, token));
        const std::string junk(1 << 20, '[');
        while (!stop) {
          transport.send({"POST", "/api/v1/batches", junk, ""});
          ++sent;
        }
      });
    for (auto& t : threads) t.join();
    return sent.load();
  };
}

// Wrong passwords for a real login from eight sessions at once (each fetches the form's token).
long loginFlood(const testing::HubProcess& hub, const std::atomic<bool>& stop) {
  std::atomic<long> tries{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      CURL* curl = curl_easy_init();
      std::string body;
      curl_easy_setopt(curl, CURLOPT_CAINFO, hub.caFile().c_str());
      curl_easy_setopt(curl, CURLOPT_COOKIEFILE, "");
      curl_easy_setopt(
          curl, CURLOPT_WRITEFUNCTION, +[](char* data, size_t size, size_t n, void* out) {
            static_cast<std::string*>(out)->append(data, size * n);
            return size * n;
          });
      curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
      const std::string loginUrl = hub.url("/console/login");
      while (!stop) {
        body.clear();
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(curl, CURLOPT_URL, loginUrl.c_str());
        if (curl_easy_perform(curl) != CURLE_OK) continue;
        const auto at = body.find("name=\"csrf\" value=\"");
        if (at == std::string::npos) continue;
        const auto token = body.substr(at + 19, body.find('"', at + 19) - at - 19);
        const std::string fields = "csrf=" + token + "&login=bench&password=wrong-password-" + std::to_string(tries);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, fields.c_str());
        body.clear();
        curl_easy_perform(curl);
        ++tries;
      }
      curl_easy_cleanup(curl);
    });
  for (auto& t : threads) t.join();
  return tries.load();
}

// Requests for console paths that do not exist, each a new one (metrics labels, 404 pages).
long junkPaths(const testing::HubProcess& hub, const std::atomic<bool>& stop) {
  std::atomic<long> sent{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      kiosk::sync::CurlTransport transport(transportFor(hub, ""));
      for (long i = 0; !stop; ++i) {
        transport.send({"GET", "/console/junk-" + std::to_string(t) + "-" + std::to_string(i), "", ""});
        ++sent;
      }
    });
  for (auto& t : threads) t.join();
  return sent.load();
}

// A phone's browser: one keep-alive connection with its own cookie jar (the phone session).
class PhoneBrowser {
 public:
  explicit PhoneBrowser(const testing::HubProcess& hub) : base_("https://127.0.0.1:" + std::to_string(hub.port())) {
    curl_ = curl_easy_init();
    curl_easy_setopt(curl_, CURLOPT_CAINFO, hub.caFile().c_str());
    curl_easy_setopt(
        curl_, CURLOPT_WRITEFUNCTION, +[](char* data, size_t size, size_t n, void* out) {
          static_cast<std::string*>(out)->append(data, size * n);
          return size * n;
        });
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &body_);
  }
  ~PhoneBrowser() { curl_easy_cleanup(curl_); }
  PhoneBrowser(const PhoneBrowser&) = delete;
  PhoneBrowser& operator=(const PhoneBrowser&) = delete;
  // A new phone: no cookie.
  void forget() { curl_easy_setopt(curl_, CURLOPT_COOKIELIST, "ALL"); }
  long get(const std::string& path) {
    curl_easy_setopt(curl_, CURLOPT_COOKIEFILE, "");
    curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
    return perform(path);
  }
  long post(const std::string& path, const std::string& form) {
    curl_easy_setopt(curl_, CURLOPT_COPYPOSTFIELDS, form.c_str());
    return perform(path);
  }
  const std::string& body() const { return body_; }

 private:
  long perform(const std::string& path) {
    body_.clear();
    curl_easy_setopt(curl_, CURLOPT_URL, (base_ + path).c_str());
    long status = 0;
    if (curl_easy_perform(curl_) == CURLE_OK) curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
    return status;
  }
  std::string base_;
  CURL* curl_;
  std::string body_;
};

// Residents' phones gone wrong, and a code photographed and shared: four threads, each round a new
// phone scanning a fresh valid code and voting with it (cookie and form token as a browser sends
// them), then a forged code (one signature byte changed) and bytes that are no code.
Attack phoneFlood(const wire::Ed25519PrivateKey& kioskKey) {
  return [&kioskKey](const testing::HubProcess& hub, const std::atomic<bool>& stop) {
    std::atomic<long> sent{0}, voted{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        PhoneBrowser phone(hub);
        for (long i = 0; !stop; ++i) {
          const std::string code = wire::makePhoneCode(
              {"bench-phone", "hall-01", std::time(nullptr),
               "bench-" + std::to_string(t) + "-" + std::to_string(i) + "-nonce", std::string("c-0010")},
              kioskKey);
          phone.forget();
          phone.get("/v/" + code);
          const auto at = phone.body().find("name=\"csrf\" value=\"");
          const std::string csrf = at == std::string::npos ? "" : phone.body().substr(at + 19, 32);
          if (phone.post("/v/" + code + "/vote", "csrf=" + csrf + "&commitment=c-0010&rating=good") == 200 &&
              phone.body().find("评价已提交") != std::string::npos)
            ++voted;
          std::string forged = code;
          forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
          phone.get("/v/" + forged);
          phone.get("/v/not-a-code-" + std::to_string(i));
          sent += 4;
        }
      });
    for (auto& t : threads) t.join();
    // The flood went through the whole path: votes were counted, not only refused.
    std::printf("floods phone votes counted=%ld of %ld requests\n", voted.load(), sent.load());
    return sent.load();
  };
}

// 300 connections that begin a TLS handshake and never finish it, topped up as the hub drops them.
long slowHandshakes(const testing::HubProcess& hub, const std::atomic<bool>& stop) {
  std::vector<int> fds;
  long opened = 0;
  while (!stop) {
    for (auto& fd : fds)
      if (fd >= 0 && testing::closedByPeer(fd)) {
        ::close(fd);
        fd = -1;
      }
    fds.erase(std::remove(fds.begin(), fds.end(), -1), fds.end());
    while (fds.size() < 300) {
      const int fd = testing::openStalledHandshake(hub.port());
      ++opened;
      if (fd < 0) break;
      fds.push_back(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the top-up pace
  }
  for (const int fd : fds) ::close(fd);
  return opened;
}

struct KioskFigures {
  std::vector<double> latencyMs;
  long batches = 0, errors = 0;
};

// The kiosks for one phase: each posts a batch every kBatchEvery until the phase ends.
KioskFigures loadingKiosks(const testing::HubProcess& hub, const std::vector<std::string>& tokens,
                           std::int64_t& nextSeq) {
  std::vector<KioskFigures> each(tokens.size());
  std::vector<std::thread> kiosks;
  const auto end = Stopwatch::now() + kPhase;
  const std::int64_t firstSeq = nextSeq;
  for (std::size_t k = 0; k < tokens.size(); ++k)
    kiosks.emplace_back([&, k] {
      kiosk::sync::CurlTransport transport(transportFor(hub, tokens[k]));
      std::int64_t seq = firstSeq;
      for (auto next = Stopwatch::now(); next < end; next += kBatchEvery) {
        std::this_thread::sleep_until(next);  // a kiosk's pace
        wire::RatingBatch b{"flood-bench-k" + std::to_string(k), "bench-epoch", seq++, "2026-11-21T10:00:00+08:00", {}};
        for (int i = 0; i < 20; ++i)
          b.counts.push_back(
              {"c-00" + std::to_string(10 + i), 1, "2026-11-21T09:00+08:00", "good", std::nullopt, 1, 0});
        const auto t = Stopwatch::now();
        const auto r = transport.send({"POST", "/api/v1/batches", wire::encodeBatch(b), ""});
        each[k].latencyMs.push_back(std::chrono::duration<double, std::milli>(Stopwatch::now() - t).count());
        ++each[k].batches;
        if (r.status != 201) ++each[k].errors;
      }
    });
  for (auto& t : kiosks) t.join();
  nextSeq += 1000;
  KioskFigures all;
  for (const auto& f : each) {
    all.latencyMs.insert(all.latencyMs.end(), f.latencyMs.begin(), f.latencyMs.end());
    all.batches += f.batches;
    all.errors += f.errors;
  }
  return all;
}

}  // namespace

kiosk::sync::TransportSettings transportFor(const testing::HubProcess& hub, const std::string& token) {
  kiosk::sync::TransportSettings t;
  t.baseUrl = "https://127.0.0.1:" + std::to_string(hub.port());
  t.caFile = hub.caFile().string();
  t.token = token;
  return t;
}

void floods() {
  testing::HubProcess hub;
  testing::run("echo bench-password-1 | " + testing::hubBinary() + " user add --dir " + hub.dir().string() +
               " --login bench --role staff --hall hall-01 2>/dev/null");
  std::vector<std::string> tokens;
  for (int k = 0; k < kKiosks; ++k) tokens.push_back(mintToken(hub, "flood-bench-k" + std::to_string(k)));
  const std::string attackerToken = mintToken(hub, "flood-bench-attacker");
  // Phone votes on, the limit per address out of the way (the flood is one address, as a hall's
  // Wi-Fi is), a list to vote on and a kiosk whose key signs the codes.
  const auto tomlFile = hub.dir() / "hub.toml";
  std::string toml = testing::readFile(tomlFile);
  toml.replace(toml.find("enabled = false\ncode_lifetime_s"), 15, "enabled = true");
  toml.replace(toml.find("sessions_per_code = 20 "), 22, "sessions_per_code = 1000");
  toml.replace(toml.find("requests_per_address_per_minute = 60"), 36, "requests_per_address_per_minute = 100000");
  testing::writeFile(tomlFile, toml);
  const auto listKey = wire::Ed25519PrivateKey::generate();
  testing::writeFile(hub.dir() / "bench-list.pub", listKey.publicKey().toPem());
  testing::run(testing::hubBinary() + " key add --dir " + hub.dir().string() + " --key-id bench-list " +
               (hub.dir() / "bench-list.pub").string());
  const std::string phoneToken = mintToken(hub, "bench-phone");
  const auto phoneKey = wire::Ed25519PrivateKey::generate();
  hub.start();
  std::string list = R"({"format":"commitment-list/1","deployment":"zibo-zhangdian","hall":"hall-01","version":1,
      "published_at":"2026-11-01T08:00:00+08:00","title":"bench","reasons":[],"commitments":[)";
  for (int c = 10; c < 40; ++c)
    list += std::string(c > 10 ? "," : "") + R"({"id":"c-00)" + std::to_string(c) +
            R"(","holder":{"name":"王丽","kind":"person"},"term":"annual","title":"一次办好","text":"……",)"
            R"("valid_from":"2026-01-01","valid_to":"2026-12-31"})";
  list += "]}";
  if (hub.post("/api/v1/lists", wire::signList(list, "bench-list", listKey), hub.token("admin")).status != 201)
    throw std::runtime_error("the bench list was not published");
  if (hub.post("/api/v1/kiosk-key", wire::encodeKioskKey(phoneKey.publicKey().toPem()), phoneToken).status != 201)
    throw std::runtime_error("the phone kiosk's key was not registered");
  const std::vector<std::pair<std::string, Attack>> phases{
      {"none", nullptr},
      {"slow_second_bodies_256", slowSecondBodies},
      {"anonymous_8mib_posts_8", anonymousLargePosts},
      {"one_kiosk_1mib_junk_batches_4_threads", junkBatches(attackerToken)},
      {"wrong_passwords_8_sessions", loginFlood},
      {"unknown_console_paths_4_threads", junkPaths},
      {"slow_handshakes_300", slowHandshakes},
      {"phone_scans_votes_forged_codes_4_threads", phoneFlood(phoneKey)},
  };
  std::int64_t nextSeq = 1;
  for (const auto& [name, attack] : phases) {
    std::atomic<bool> stop{false};
    long attempts = 0;
    std::thread attacker;
    if (attack) attacker = std::thread([&, a = attack] { attempts = a(hub, stop); });
    const KioskFigures k = loadingKiosks(hub, tokens, nextSeq);
    stop = true;
    if (attacker.joinable()) attacker.join();
    std::printf("floods %-40s | %d kiosks: batches=%ld errors=%ld p50_ms=%.1f p99_ms=%.1f | attacker attempts=%ld\n",
                name.c_str(), kKiosks, k.batches, k.errors, percentile(k.latencyMs, 0.5), percentile(k.latencyMs, 0.99),
                attempts);
  }
}

}  // namespace bench
