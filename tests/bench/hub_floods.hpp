// hub-bench floods: what each flood a stranger can aim at the hub costs the kiosks beside it.
// 20 kiosks upload a batch every 500 ms each over HTTPS to a real kiosk-hub, alone and then beside
// each flood in turn, 10 s a phase, 127.0.0.1 only; every attacker stops with its phase. Prints
// one line a phase: the kiosks' batches, errors, p50 and p99, and what the attackers managed.
// Single-threaded entry; it runs its own threads and joins them.
#pragma once

#include <string>

#include "hub_process.hpp"
#include "sync/curl_transport.hpp"

namespace bench {

void floods();
// How a bench kiosk (or attacker) with `token` reaches `hub` over HTTPS: its address and CA.
kiosk::sync::TransportSettings transportFor(const testing::HubProcess& hub, const std::string& token);

}  // namespace bench
