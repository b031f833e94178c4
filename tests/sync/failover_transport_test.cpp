// FailoverTransport: the same request, byte for byte, goes to the next hub on a connection failure,
// a timeout or a 5xx; never on a 4xx; and stays with the hub that answered.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "sync/failover_transport.hpp"

using namespace kiosk::sync;

namespace {

// A hub that answers from a script and records every request it saw.
struct ScriptedHub final : HttpTransport {
  std::vector<HttpResponse> answers;  // the last one repeats
  std::vector<HttpRequest>* seen;
  std::string name;
  ScriptedHub(std::vector<HttpResponse> a, std::vector<HttpRequest>* s, std::string n)
      : answers(std::move(a)), seen(s), name(std::move(n)) {}
  HttpResponse send(const HttpRequest& request) override {
    seen->push_back(request);
    seen->back().path = name + request.path;  // which hub saw it
    HttpResponse r = answers.front();
    if (answers.size() > 1) answers.erase(answers.begin());
    return r;
  }
};

HttpResponse status(long code) {
  HttpResponse r;
  r.status = code;
  r.body = "from " + std::to_string(code);
  return r;
}
HttpResponse failed(Failure f) {
  HttpResponse r;
  r.failure = f;
  r.error = "failed";
  return r;
}

struct Fleet {
  std::vector<HttpRequest> seen;
  std::unique_ptr<FailoverTransport> transport;
  Fleet(std::vector<HttpResponse> a, std::vector<HttpResponse> b, std::vector<HttpResponse> c) {
    std::vector<std::unique_ptr<HttpTransport>> hubs;
    hubs.push_back(std::make_unique<ScriptedHub>(std::move(a), &seen, "A"));
    hubs.push_back(std::make_unique<ScriptedHub>(std::move(b), &seen, "B"));
    hubs.push_back(std::make_unique<ScriptedHub>(std::move(c), &seen, "C"));
    transport = std::make_unique<FailoverTransport>(std::move(hubs));
  }
  std::vector<std::string> order() const {
    std::vector<std::string> o;
    for (const auto& r : seen) o.push_back(r.path);
    return o;
  }
};

HttpRequest batch() {
  HttpRequest r;
  r.method = "POST";
  r.path = "/api/v1/batches";
  r.body = R"({"batch_id":"k1:7","rows":[]})";
  r.signature = "c2lnbmF0dXJl";
  return r;
}

}  // namespace

TEST_CASE("a refused connection, a timeout and a 503 each pass the same bytes to the next hub") {
  Fleet f({failed(Failure::Connect)}, {failed(Failure::Timeout)}, {status(200)});
  const HttpResponse r = f.transport->send(batch());
  CHECK(r.status == 200);
  CHECK(f.order() == std::vector<std::string>{"A/api/v1/batches", "B/api/v1/batches", "C/api/v1/batches"});
  for (const auto& seen : f.seen) {
    CHECK(seen.body == batch().body);
    CHECK(seen.signature == batch().signature);
    CHECK(seen.method == "POST");
  }
  CHECK(f.transport->current() == 2);
  // The next request goes straight to the hub that answered.
  f.seen.clear();
  CHECK(f.transport->send(batch()).status == 200);
  CHECK(f.order() == std::vector<std::string>{"C/api/v1/batches"});

  Fleet g({status(503)}, {status(502)}, {status(201)});
  CHECK(g.transport->send(batch()).status == 201);
  CHECK(g.seen.size() == 3);
}

TEST_CASE("a 4xx is the hub's verdict and is not asked again elsewhere") {
  for (long code : {400L, 401L, 409L, 413L, 422L, 429L}) {
    CAPTURE(code);
    Fleet f({status(code)}, {status(200)}, {status(200)});
    CHECK(f.transport->send(batch()).status == code);
    CHECK(f.seen.size() == 1);
  }
}

TEST_CASE("when every hub fails the kiosk sees one failure, a TLS problem first, and starts further on next time") {
  Fleet f({failed(Failure::Connect)}, {failed(Failure::Tls)}, {status(500)});
  const HttpResponse r = f.transport->send(batch());
  CHECK(r.failure == Failure::Tls);  // the configuration problem someone must fix is what the staff screen shows
  CHECK(f.seen.size() == 3);
  f.seen.clear();
  f.transport->send(batch());
  CHECK(f.order().front() == "B/api/v1/batches");

  Fleet g({failed(Failure::Connect)}, {status(500)}, {failed(Failure::Timeout)});
  CHECK(g.transport->send(batch()).failure == Failure::Timeout);  // the last hub's answer
}

TEST_CASE("a hub that comes back is used again once the one in use fails") {
  Fleet f({failed(Failure::Connect), status(200)}, {status(200), failed(Failure::Connect)}, {status(200)});
  CHECK(f.transport->send(batch()).status == 200);  // A down → B
  CHECK(f.transport->current() == 1);
  f.seen.clear();
  CHECK(f.transport->send(batch()).status == 200);  // B down now → C
  CHECK(f.order() == std::vector<std::string>{"B/api/v1/batches", "C/api/v1/batches"});
}

TEST_CASE("no hubs is a programming error, named") { CHECK_THROWS_AS(FailoverTransport({}), std::invalid_argument); }
