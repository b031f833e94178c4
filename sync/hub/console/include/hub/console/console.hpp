// The staff and administrators' console under /console/: login, sessions and CSRF, then the
// pages (概览 承诺 单位 整改 终端, admin pages under /console/admin/), each scoped to the user's
// halls, server-rendered from Mustache templates (HTML-escaped by default) and readable without
// JavaScript; tables download as XLSX or CSV with the same filter. A function of a request like
// the API: no sockets here. Thread-safe: handle() runs concurrently on the reader lane, each call
// on its own leased read-only connection; account and case writes go to console.db (AccountStore,
// CaseStore).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "hub/api/api.hpp"
#include "hub/config/hub_config.hpp"
#include "hub/core/http_message.hpp"
#include "hub/store/account_store.hpp"
#include "hub/store/case_store.hpp"
#include "hub/store/hall_directory.hpp"
#include "hub/store/list_drafts.hpp"
#include "hub/store/panel_store.hpp"
#include "hub/store/read_pool.hpp"
#include "hub/store/review_store.hpp"
#include "hub/store/second_factor_store.hpp"
#include "hub/store/selection_weights.hpp"
#include "hub/store/suggestion_store.hpp"

namespace hub::console {

using hub::ConsoleConfig;  // hub.toml [console], read with the rest of the hub's settings

// What the console writes, all in console.db (each store with its own connection).
struct ConsoleStores {
  AccountStore& accounts;
  CaseStore& cases;
  ReviewStore& reviews;
  ListDraftStore& drafts;
  SecondFactorStore& secondFactors;
  HallDirectory& halls;
  PanelStore& panels;
  SelectionWeightsStore& weights;  // the 评选 report's weights, per hall
  SuggestionStore& suggestions;    // 征求意见
};

class Console {
 public:
  using UnixClock = std::function<std::int64_t()>;
  Console(ConsoleConfig config, ApiConfig api, ConsoleStores stores, ReadPool& readers, UnixClock now);
  ~Console();

  // True for /console and everything under /console/.
  static bool owns(const Request& request);
  // The lane a console request runs on: the forms that hash or check a password (Argon2id) queue
  // apart from the reports.
  static RequestHandler::Lane laneOf(const Request& request);
  // Every route the console answers, as (method, path pattern): for tests and the metrics' labels.
  static std::vector<std::pair<std::string_view, std::string_view>> routeTable();
  Response handle(const Request& request);
  // Applies the rectification rule now: opens (or reopens) the cases it asks for. Called every few
  // minutes by `kiosk-hub serve` on a thread of its own, and before the 整改 page is drawn.
  void sweepCases();
  // The API the console acts through when an administrator changes the hub's own state (enrol,
  // move and revoke kiosks, import a USB export): the same routes, checks and records as a token
  // caller. The hub's router connects it; without it those forms answer 503.
  void useApi(Api& api);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hub::console
