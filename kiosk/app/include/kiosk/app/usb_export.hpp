// Staff's "export to USB": the local tallies as a CSV for Excel/WPS, and every batch the hub has
// not accepted yet as its exact rating-batch/1 bytes (an offline kiosk's votes reach the hub by
// hand that way; the hub then answers "duplicate" when the kiosk later uploads them itself).
// UI thread, while staff mode is open; the store serialises against the sync thread.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/core/clock.hpp"
#include "kiosk/core/staff_report.hpp"
#include "kiosk/store/vote_store.hpp"
#include "wire/commitment_list.hpp"
#include "wire/crypto.hpp"

namespace kiosk::app {

struct ExportRequest {
  std::filesystem::path dir;  // where the stick is mounted
  bool needsMount = true;     // refuse a plain folder: no stick inserted would fill the kiosk's own disk
  std::string kioskId;
  WallTime now;
  std::chrono::minutes bucket{60};
  // Signs each batch (rating-batch-NNNNNN.json.sig beside it) and puts the public key in the
  // folder, so the hub can take the export from an administrator as the kiosk's own. Absent: unsigned.
  std::optional<wire::Ed25519PrivateKey> signingKey = {};
};

struct ExportOutcome {
  std::filesystem::path folder;  // one new folder per export, complete or absent
  std::size_t batches = 0;
  std::int64_t batchVotes = 0;
};

// Why an export did not happen, in words staff can act on.
class ExportError : public std::runtime_error {
 public:
  enum class Kind { NoStick, WriteFailed };
  ExportError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// The tallies as CSV (UTF-8 with BOM, CRLF): one row per commitment of `list` in list order, then
// any commitment that has votes but is no longer listed. Pure.
std::string talliesCsv(const wire::CommitmentList& list, const std::vector<CommitmentTally>& tallies);

// Freezes open votes into batches, then writes <dir>/commitment-kiosk-<kiosk>-<time>/ holding
// tallies.csv, batches/rating-batch-<seq>.json (+ .json.sig) and kiosk-key.pub.pem. The folder appears under its final
// name only once everything in it is flushed. Batches stay queued for the kiosk's own upload.
ExportOutcome exportToUsb(store::VoteStore& store, const wire::CommitmentList& list, const ExportRequest& request);

}  // namespace kiosk::app
