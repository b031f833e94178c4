#include "kiosk/app/usb_export.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <set>
#include <unordered_map>

#include "common/csv.hpp"
#include "common/durable_file.hpp"
#include "common/iso_time.hpp"
#include "kiosk/core/time_bucket.hpp"
#include "kiosk/store/batch_queue.hpp"
#include "wire/tally_shares.hpp"

namespace kiosk::app {

namespace {

std::string counts(const RatingCounts& c) {
  return std::to_string(c.good) + "," + std::to_string(c.fair) + "," + std::to_string(c.poor);
}

std::string row(std::string_view id, const wire::Commitment* c, const CommitmentTally& t) {
  const auto field = [&](const std::string wire::Holder::*member) {
    return c ? common::csvField(c->holder.*member) : std::string();
  };
  const std::int64_t total = t.all.total();
  const wire::TallyShares shares = wire::sharesOf({t.all.good, t.all.fair, t.all.poor});
  return common::csvField(id) + "," + field(&wire::Holder::name) + "," + field(&wire::Holder::post) + "," +
         field(&wire::Holder::unit) + "," + (c ? common::csvField(c->title) : std::string()) + "," + counts(t.today) +
         "," + counts(t.month) + "," + counts(t.all) + "," + std::to_string(total) + "," +
         (total ? common::csvPercent(shares.satisfaction) : "") + "," +
         (total ? common::csvPercent(shares.fairOrWorse) : "") + "\r\n";
}

// "20261121-100005": sorts by time, and is a valid name on FAT sticks (no colons).
std::string stamp(WallTime t) {
  const std::string iso = common::isoTimestamp(t);  // 2026-11-21T10:00:05+08:00
  std::string out;
  for (char ch : iso.substr(0, 19))
    if (ch != '-' && ch != ':') out += ch == 'T' ? '-' : ch;
  return out;
}

bool isMountPoint(const std::filesystem::path& dir) {
  struct stat self {};
  struct stat parent {};
  if (::stat(dir.c_str(), &self) != 0 || ::stat((dir / "..").c_str(), &parent) != 0) return false;
  return self.st_dev != parent.st_dev || self.st_ino == parent.st_ino;  // a different device, or "/"
}

}  // namespace

std::string talliesCsv(const wire::CommitmentList& list, const std::vector<CommitmentTally>& tallies) {
  std::string csv(common::kUtf8Bom);
  csv +=
      "承诺编号,承诺人,岗位,单位,承诺内容,今日好,今日一般,今日差,本月好,本月一般,本月差,累计好,累计一般,累计差,"
      "累计合计,满意率,一般及以下占比\r\n";
  std::unordered_map<std::string_view, const CommitmentTally*> byId;
  for (const auto& t : tallies) byId[t.commitmentId] = &t;
  std::set<std::string_view> listed;
  for (const auto& c : list.commitments) {
    listed.insert(c.id);
    const auto found = byId.find(c.id);
    csv += row(c.id, &c, found == byId.end() ? CommitmentTally{c.id, {}, {}, {}} : *found->second);
  }
  // Votes for commitments an earlier list held still belong in the ledger.
  for (const auto& t : tallies)
    if (!listed.count(t.commitmentId)) csv += row(t.commitmentId, nullptr, t);
  return csv;
}

ExportOutcome exportToUsb(store::VoteStore& store, const wire::CommitmentList& list, const ExportRequest& request) {
  std::error_code ec;
  using Kind = ExportError::Kind;
  if (request.dir.empty()) throw ExportError(Kind::NoStick, "no export folder is configured (staff.export_dir)");
  if (!std::filesystem::is_directory(request.dir, ec))
    throw ExportError(Kind::NoStick, "no USB stick: " + request.dir.string() + " does not exist");
  if (request.needsMount && !isMountPoint(request.dir))
    throw ExportError(Kind::NoStick, "no USB stick is mounted at " + request.dir.string());

  // Everything counted so far goes into batches first, so the export holds every vote.
  store::BatchQueue queue(store, request.kioskId);
  const std::string createdAt = common::isoTimestamp(request.now);
  while (queue.freeze(createdAt)) {
  }
  const auto batches = queue.unsent();
  const std::string day = bucketLabel(request.now, std::chrono::minutes(24 * 60)).substr(0, 10);
  const std::string csv = talliesCsv(list, store.periodTallies(day));

  const std::string name = "commitment-kiosk-" + request.kioskId + "-" + stamp(request.now);
  std::filesystem::path folder = request.dir / name;
  for (int n = 2; std::filesystem::exists(folder, ec); ++n) folder = request.dir / (name + "-" + std::to_string(n));
  const std::filesystem::path partial = folder.string() + ".partial";
  try {
    std::filesystem::remove_all(partial, ec);
    std::filesystem::create_directories(partial / "batches");
    ExportOutcome outcome{folder, 0, 0};
    common::writeFileDurably(partial / "tallies.csv", csv);
    if (request.signingKey)
      common::writeFileDurably(partial / "kiosk-key.pub.pem", request.signingKey->publicKey().toPem());
    for (const auto& b : batches) {
      char file[64];
      std::snprintf(file, sizeof file, "rating-batch-%06lld.json", static_cast<long long>(b.seq));
      common::writeFileDurably(partial / "batches" / file, b.body);
      if (request.signingKey)
        common::writeFileDurably(partial / "batches" / (std::string(file) + ".sig"),
                                 wire::base64Encode(request.signingKey->sign(b.body)) + "\n");
      ++outcome.batches;
      outcome.batchVotes += b.votes;
    }
    common::syncDirectory(partial / "batches");
    std::filesystem::rename(partial, folder);
    common::syncDirectory(request.dir);
    return outcome;
  } catch (const std::exception& e) {
    std::filesystem::remove_all(partial, ec);  // nothing half-written is left to be mistaken for an export
    throw ExportError(Kind::WriteFailed, std::string("writing to the USB stick failed: ") + e.what());
  }
}

}  // namespace kiosk::app
