// wire::Heartbeat: what a kiosk reports about itself, encoded by the sync client, parsed by the hub.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "wire/heartbeat.hpp"

TEST_CASE("a heartbeat survives encoding and parsing unchanged") {
  wire::Heartbeat hb{"0.1.0", 7, 2, 1, 15, "2026-11-21T09:00+08:00", 123'456'789, "2026-11-21T10:00:05+08:00"};
  const wire::Heartbeat back = wire::parseHeartbeat(wire::encodeHeartbeat(hb));
  CHECK(back.appVersion == "0.1.0");
  CHECK(back.listVersion == 7);
  CHECK(back.queuedBatches == 2);
  CHECK(back.conflicts == 1);
  CHECK(back.openVotes == 15);
  CHECK(back.lastVoteBucket == "2026-11-21T09:00+08:00");
  CHECK(back.diskFreeBytes == 123'456'789);
  CHECK(back.kioskTime == "2026-11-21T10:00:05+08:00");
}

TEST_CASE("unknown fields are ignored and dropped from the normalised encoding") {
  const auto hb = wire::parseHeartbeat(
      R"({"app_version":"x","list_version":1,"queued_batches":0,"disk_free_bytes":5,"extra":{"deep":[1,2]}})");
  CHECK(nlohmann::json::parse(wire::encodeHeartbeat(hb)).count("extra") == 0);
}

TEST_CASE("bad heartbeats are refused with the field named") {
  const auto refused = [](const char* body, const char* needle) {
    CHECK_THROWS_WITH_AS(wire::parseHeartbeat(body), doctest::Contains(needle), wire::HeartbeatError);
  };
  refused("not json", "not valid JSON");
  refused("[1,2]", "JSON object");
  refused(R"({"app_version":"x"})", "heartbeat.list_version: required integer");
  refused(R"({"list_version":1,"queued_batches":0,"disk_free_bytes":5})", "heartbeat.app_version: required string");
  refused(R"({"app_version":"x","list_version":"7","queued_batches":0,"disk_free_bytes":5})",
          "heartbeat.list_version: must be an integer");
  refused(R"({"app_version":"x","list_version":1,"queued_batches":0})", "heartbeat.disk_free_bytes");
  refused(R"({"app_version":"x","list_version":1,"queued_batches":0,"disk_free_bytes":5,"kiosk_time":5})",
          "heartbeat.kiosk_time: must be a string");
  const std::string longVersion(201, 'v');
  CHECK_THROWS_WITH_AS(wire::parseHeartbeat(R"({"app_version":")" + longVersion +
                                            R"(","list_version":1,"queued_batches":0,"disk_free_bytes":5})"),
                       doctest::Contains("heartbeat.app_version: longer than 200"), wire::HeartbeatError);
}

TEST_CASE("negative figures are refused by name (and a number beyond int64 does not wrap into one)") {
  CHECK_THROWS_WITH_AS(
      wire::parseHeartbeat(R"({"app_version":"x","list_version":1,"queued_batches":0,"disk_free_bytes":-5})"),
      doctest::Contains("heartbeat.disk_free_bytes: must not be negative"), wire::HeartbeatError);
  CHECK_THROWS_WITH_AS(
      wire::parseHeartbeat(
          R"({"app_version":"x","list_version":1,"queued_batches":18446744073709551615,"disk_free_bytes":5})"),
      doctest::Contains("heartbeat.queued_batches"), wire::HeartbeatError);
}

TEST_CASE("the health figures travel when sent and stay absent when not") {
  wire::Heartbeat hb{"1.5.0", 3, 0, 0, 0, "", 1'000'000, "2026-11-18T10:00:00+08:00"};
  hb.uptimeSeconds = 86'400;
  hb.starts = 12;
  hb.uncleanExits = 1;
  hb.touches = 0;  // none is a figure, not an absence
  hb.openSeconds = 3600;
  hb.screen = "hidden";
  const auto back = wire::parseHeartbeat(wire::encodeHeartbeat(hb));
  CHECK(back.openSeconds == 3600);
  CHECK(back.screen == "hidden");
  CHECK(back.uptimeSeconds == 86'400);
  CHECK(back.starts == 12);
  CHECK(back.uncleanExits == 1);
  CHECK(back.touches == 0);
  // An older kiosk says nothing of its health: nothing is made up.
  const auto old =
      wire::parseHeartbeat(R"({"app_version":"1.4","list_version":1,"queued_batches":0,"disk_free_bytes":5})");
  CHECK_FALSE(old.uptimeSeconds);
  CHECK_FALSE(old.touches);
  CHECK(wire::encodeHeartbeat(old).find("touches") == std::string::npos);
  CHECK_FALSE(old.openSeconds);
  CHECK(old.screen.empty());
  // Bad values are named.
  CHECK_THROWS_WITH_AS(
      wire::parseHeartbeat(
          R"({"app_version":"1","list_version":1,"queued_batches":0,"disk_free_bytes":5,"touches":-1})"),
      "heartbeat.touches: must not be negative", wire::HeartbeatError);
  CHECK_THROWS_WITH_AS(
      wire::parseHeartbeat(
          R"({"app_version":"1","list_version":1,"queued_batches":0,"disk_free_bytes":5,"starts":"12"})"),
      "heartbeat.starts: must be an integer", wire::HeartbeatError);
  CHECK_THROWS_WITH_AS(
      wire::parseHeartbeat(
          R"({"app_version":"1","list_version":1,"queued_batches":0,"disk_free_bytes":5,"screen":"dim"})"),
      "heartbeat.screen: must be shown or hidden", wire::HeartbeatError);
  CHECK_THROWS_WITH_AS(
      wire::parseHeartbeat(
          R"({"app_version":"1","list_version":1,"queued_batches":0,"disk_free_bytes":5,"open_s":-5})"),
      "heartbeat.open_s: must not be negative", wire::HeartbeatError);
}
