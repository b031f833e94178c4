// 评议会 (representative panels, issue 28) in console.db: a panel of a hall for a period, the
// commitments it rates, its seats — a category, the panelist's name and the SHA-256 of their
// one-time code — and the ballots as counts per commitment × category × grade. A ballot row is
// never kept: the seat only says its code was used, the counts never say whose they are, so a
// name never stands beside a grade. Thread-safe: one connection behind a mutex.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "hub/core/review_panel.hpp"

namespace hub {

struct PanelInfo {
  std::int64_t id = 0;
  std::string hall, title;
  panel::Scale scale = panel::Scale::Four;
  std::int64_t thresholdPermille = 300;  // 一般及以下 at or over this opens rectification
  std::string createdBy;                 // "user:<login>"
  std::int64_t createdUnix = 0;
  std::int64_t closedUnix = 0;     // 0 while ballots are taken
  std::vector<std::string> items;  // commitment ids, in the order the ballot asks them
  panel::Kind kind = panel::Kind::Panel;
  std::string unit = {};  // 互评: the unit whose members rate each other
};

struct PanelSeat {
  std::int64_t seat = 0;      // 1, 2, … within the panel
  std::string category;       // panel::kCategories
  std::string name;           // the panelist, for the slips and the attendance list only
  std::int64_t usedUnix = 0;  // 0: the code has not been used
  // 互评: the commitments this member holds, which their ballot never asks and never counts.
  std::vector<std::string> ownItems = {};
};

enum class BallotOutcome { Counted, AlreadyUsed, UnknownCode, Closed, OwnCommitment };

class PanelStore {
 public:
  explicit PanelStore(const std::filesystem::path& consoleDatabase);
  explicit PanelStore(common::sql::Database db);  // SQLite or PostgreSQL, already open

  // A new panel with its seats (category, name), each given `codes[i]` (kept as SHA-256 only;
  // the caller shows them once, on the slips). Returns the panel's id. One transaction.
  std::int64_t create(const PanelInfo& panel, const std::vector<PanelSeat>& seats,
                      const std::vector<std::string>& codes);
  std::optional<PanelInfo> panel(std::int64_t id);
  // Panels of these halls (all when absent), newest first.
  std::vector<PanelInfo> list(const std::optional<std::vector<std::string>>& halls);
  std::vector<PanelSeat> seats(std::int64_t id);

  // The panel a code belongs to and its seat's category, used or not; nothing for an unknown code.
  struct CodeSeat {
    PanelInfo panel;
    std::string category;
    bool used = false;
    std::vector<std::string> ownItems = {};  // 互评: the member's own commitments
    // The commitments this seat's ballot asks, in order: the panel's, less the member's own.
    std::vector<std::string> ballotItems() const;
  };
  std::optional<CodeSeat> findCode(const std::string& code);

  // One ballot: a grade (or none: skipped) for each of the panel's commitments, counted and the
  // code marked used in one transaction. A used code counts nothing (AlreadyUsed), also when two
  // ballots race. The caller checked `grades` covers the seat's ballot items on its scale; a grade
  // for the member's own commitment (互评) counts nothing and spends nothing (OwnCommitment).
  BallotOutcome cast(const std::string& code, const std::map<std::string, std::optional<panel::Grade>>& grades,
                     std::int64_t nowUnix);

  panel::PanelTally tally(std::int64_t id);
  // Codes issued per category (whether used or not).
  std::map<std::string, std::int64_t> issuedByCategory(std::int64_t id);
  void close(std::int64_t id, std::int64_t nowUnix);

 private:
  std::mutex mutex_;
  common::sql::Database db_;
};

}  // namespace hub
