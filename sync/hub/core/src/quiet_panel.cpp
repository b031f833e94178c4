#include "hub/core/quiet_panel.hpp"

namespace hub {

std::optional<PanelDay> quietOpenDay(const std::vector<PanelDay>& days, const std::string& today,
                                     const std::string& yesterday) {
  for (const std::string& wanted : {today, yesterday})
    for (const auto& d : days)
      if (d.day == wanted && d.openSeconds >= kQuietOpenSeconds && d.touches == 0) return d;
  return std::nullopt;
}

}  // namespace hub
