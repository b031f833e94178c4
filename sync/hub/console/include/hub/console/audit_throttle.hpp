// Keeps the audit log's record of a login flood without its growth: the first failed or locked-out
// attempt from an address in a minute is written as itself; the rest of that minute are counted,
// and written as one summary entry once the minute is over. Each address is one key; past
// kMaxKeys addresses in one minute (a flood from many addresses) the rest share the key "*", so
// memory stays bounded too. Pure (time is passed in); thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace hub::console {

class AuditThrottle {
 public:
  static constexpr std::int64_t kWindowSeconds = 60;
  static constexpr std::size_t kMaxKeys = 10'000;

  // True when this event (an action from an address) should be written now; false when it was
  // counted into its minute's summary instead.
  bool admit(const std::string& action, const std::string& address, std::int64_t nowUnix);

  struct Summary {
    std::string action, address;
    std::int64_t fromUnix = 0;  // the minute's first event
    std::int64_t more = 0;      // events counted after the one written
  };
  // The summaries of minutes that are over at `nowUnix` (all of them with `everything`), each
  // once; minutes with nothing counted after their first event give none.
  std::vector<Summary> takeFinished(std::int64_t nowUnix, bool everything = false);

 private:
  struct Window {
    std::int64_t fromUnix = 0;
    std::int64_t more = 0;
  };
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Window> windows_;  // (action, address)
  std::vector<Summary> finished_;  // minutes found over by admit(), for the next takeFinished()
};

}  // namespace hub::console
