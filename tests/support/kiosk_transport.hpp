// How a test kiosk reaches a test hub: the kiosk's own transport settings for a HubProcess, with
// timeouts short enough that a dead hub costs a test seconds, not minutes. Header-only; for tests
// that link the transport (sync_client or http_transport).
#pragma once

#include <chrono>
#include <string>

#include "hub_process.hpp"
#include "sync/curl_transport.hpp"

namespace testing {

inline kiosk::sync::TransportSettings kioskTransportTo(const HubProcess& hub, const std::string& token) {
  kiosk::sync::TransportSettings t;
  t.baseUrl = "https://127.0.0.1:" + std::to_string(hub.port());
  t.caFile = hub.caFile().string();
  t.token = token;
  t.connectTimeout = std::chrono::seconds(5);
  t.totalTimeout = std::chrono::seconds(10);
  t.lowSpeedTime = std::chrono::seconds(5);
  return t;
}

}  // namespace testing
