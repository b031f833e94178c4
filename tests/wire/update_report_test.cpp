// wire::UpdateReport: the updater's last word, as its file, the kiosk's heartbeat and the hub read it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "wire/heartbeat.hpp"
#include "wire/update_report.hpp"

namespace {

wire::Heartbeat heartbeatWith(const wire::UpdateReport& report) {
  wire::Heartbeat hb{"1.5.2-1", 7, 0, 0, 0, "", 1'000'000, ""};
  hb.update = report;
  return hb;
}

}  // namespace

TEST_CASE("a report rides in the heartbeat as {version, state, reason} and back unchanged") {
  const wire::UpdateReport sent{"1.6.0-1", wire::UpdateState::RolledBack, "the kiosk was not ready within 60 s"};
  const std::string body = wire::encodeHeartbeat(heartbeatWith(sent));
  const auto j = nlohmann::json::parse(body)["update"];
  CHECK(j["version"] == "1.6.0-1");
  CHECK(j["state"] == "rolled_back");
  CHECK(j["reason"] == "the kiosk was not ready within 60 s");
  const auto back = wire::parseHeartbeat(body).update;
  REQUIRE(back);
  CHECK(back->version == sent.version);
  CHECK(back->state == sent.state);
  CHECK(back->reason == sent.reason);
  // The four states the brief names, and the two the updater adds, each by its own name.
  for (const auto state : {wire::UpdateState::Downloading, wire::UpdateState::Waiting, wire::UpdateState::Installed,
                           wire::UpdateState::Healthy, wire::UpdateState::RolledBack, wire::UpdateState::Refused}) {
    const auto again = wire::parseUpdateReport(wire::encodeUpdateReport({"2.0-1", state}));
    REQUIRE(again);
    CHECK(again->state == state);
    CHECK(nlohmann::json::parse(wire::encodeUpdateReport({"2.0-1", state})).count("reason") == 0);
  }
  CHECK_FALSE(wire::parseHeartbeat(wire::encodeHeartbeat(wire::Heartbeat{"x", 1, 0, 0, 0, "", 5, ""})).update);
}

TEST_CASE("a bad report is refused with the field named, and costs the heartbeat nothing else") {
  const auto refused = [](const char* update, const char* needle) {
    const std::string body =
        std::string(R"({"app_version":"x","list_version":1,"queued_batches":0,"disk_free_bytes":5,"update":)") +
        update + "}";
    CAPTURE(update);
    CHECK_THROWS_WITH_AS(wire::parseHeartbeat(body), doctest::Contains(needle), wire::HeartbeatError);
  };
  refused(R"("installed 1.6.0-1")", "update: must be");
  refused(R"({"state":"healthy"})", "update.version");
  refused(R"({"version":"","state":"healthy"})", "update.version");
  refused(R"({"version":1,"state":"healthy"})", "update.version");
  refused(R"({"version":"1.6","state":"exploded"})", "update.state");
  refused(R"({"version":"1.6"})", "update.state");
  refused(R"({"version":"1.6","state":"refused","reason":7})", "update.reason");
  const std::string longReason(201, 'x');
  refused((R"({"version":"1.6","state":"refused","reason":")" + longReason + "\"}").c_str(), "update.reason");
  refused("{\"version\":\"1.6\",\"state\":\"refused\",\"reason\":\"\xC3\x28\"}", "not valid JSON");  // bad UTF-8
  // The file reader is forgiving instead: a damaged file is no report, never an exception.
  CHECK_FALSE(wire::parseUpdateReport("rolled back: an older updater's line"));
  CHECK_FALSE(wire::parseUpdateReport(""));
  CHECK_FALSE(wire::parseUpdateReport(R"({"version":"1.6","state":"exploded"})"));
}

TEST_CASE("a long reason is cut at 200 bytes, never inside a character") {
  const std::string chinese = "安装后终端未就绪";  // 3 bytes a character
  std::string reason;
  while (reason.size() < 300) reason += chinese;
  const std::string cut = wire::cutReason(reason);
  CHECK(cut.size() <= wire::kMaxUpdateReason);
  CHECK(cut.size() % 3 == 0);
  CHECK(reason.rfind(cut, 0) == 0);
  const auto sent = wire::parseUpdateReport(wire::encodeUpdateReport({"1.6", wire::UpdateState::RolledBack, reason}));
  REQUIRE(sent);
  CHECK(sent->reason == cut);
  CHECK(wire::cutReason("short") == "short");
}
