// A USB export's batches as an importer sees them: every rating-batch-NNNNNN.json with the .sig
// file beside it, paired by name, in sequence order. kioskctl reads them from a folder, the console
// from an upload; both post each one through the hub's one ingest. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace wire {

struct NamedFile {
  std::string name;  // as found: a path or a bare file name; only the last component counts
  std::string content;
};

struct BatchFile {
  std::string name;       // "rating-batch-000042.json"
  std::string body;       // the exact bytes, as the kiosk froze them
  std::string signature;  // the .sig file's base64, trimmed; "" when there is none
};

// The batches among `files` (other files — tallies.csv, the public key — are skipped), in
// sequence order, each with its signature. A file of the same name twice keeps the first.
std::vector<BatchFile> pairBatchFiles(const std::vector<NamedFile>& files);

// True for "rating-batch-<digits>.json" (the batch), false for anything else (.sig included).
bool isBatchFileName(const std::string& name);

// What a hub answer to one imported batch means, in words for the table: "accepted",
// "duplicate", "conflict: …", "refused: …".
std::string importOutcome(long status, const std::string& body);

}  // namespace wire
