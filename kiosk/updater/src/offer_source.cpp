#include "kiosk/updater/offer_source.hpp"

#include <fstream>
#include <vector>

#include "common/text_file.hpp"
#include "wire/endpoints.hpp"

namespace kiosk::updater {

namespace fs = std::filesystem;

namespace {

void append(const fs::path& file, const char* data, std::size_t size) {
  std::ofstream out(file, std::ios::binary | std::ios::app);
  out.write(data, static_cast<std::streamsize>(size));
  out.flush();
  if (!out) throw SourceUnavailable("cannot write " + file.string());
}

std::string describe(const sync::HttpResponse& r) {
  return r.failure != sync::Failure::None ? r.error : "HTTP " + std::to_string(r.status) + " " + r.body.substr(0, 200);
}

}  // namespace

std::optional<Offer> HubOffers::current() {
  const auto r = transport_.send({"GET", std::string(wire::endpoint::kCurrentUpdate), "", ""});
  // 404: nothing is due for this kiosk (none published, its ring not started, or paused).
  if (r.status == 404) return std::nullopt;
  if (r.status != 200) throw SourceUnavailable("the hub's update offer: " + describe(r));
  return Offer{r.body, true};  // the signed manifest itself, verified by the round
}

void HubOffers::fetch(const wire::UpdateManifest& m, const fs::path& file, std::int64_t from) {
  const std::int64_t last = std::min(m.size, from + kChunk) - 1;
  sync::HttpRequest request{"GET", wire::endpoint::updatePackagePath(m.sha256), "", ""};
  request.range = std::to_string(from) + "-" + std::to_string(last);
  const auto r = transport_.send(request);
  // 206 is the part asked for; a 200 would be the whole file, which only a first request may take.
  const bool whole = r.status == 200 && from == 0;
  if (r.status != 206 && !whole) throw SourceUnavailable("the package from the hub: " + describe(r));
  if (!whole && static_cast<std::int64_t>(r.body.size()) != last - from + 1)
    throw SourceUnavailable("the hub sent " + std::to_string(r.body.size()) + " bytes for a range of " +
                            std::to_string(last - from + 1));
  append(file, r.body.data(), r.body.size());
}

std::optional<Offer> BundleOffers::current() {
  const fs::path manifest = mount_ / kBundleFolder / kBundleManifest;
  std::error_code ec;
  if (!fs::exists(manifest, ec)) return std::nullopt;
  try {
    return Offer{common::readTextFile(manifest), true};
  } catch (const std::exception& e) {
    throw SourceUnavailable(e.what());
  }
}

void BundleOffers::fetch(const wire::UpdateManifest& m, const fs::path& file, std::int64_t from) {
  const fs::path package = mount_ / kBundleFolder / m.fileName();
  std::ifstream in(package, std::ios::binary);
  if (!in) throw SourceUnavailable("the stick has no " + package.string());
  in.seekg(from);
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (in.gcount() > 0) append(file, buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw SourceUnavailable("cannot read " + package.string());
}

}  // namespace kiosk::updater
