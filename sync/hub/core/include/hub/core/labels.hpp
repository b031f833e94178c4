// Codes in words for people: a holder's kind, a commitment's term, a case's state — looked up in
// the hub's words (strings.hpp), so pages and exports say them alike. Pure; thread-safe.
#pragma once

#include <string>

#include "hub/core/case_lifecycle.hpp"
#include "hub/core/strings.hpp"
#include "wire/commitment_list.hpp"

namespace hub {

std::string kindLabel(const Strings& t,
                      wire::HolderKind kind);  // 党员 / 示范岗 / 服务队 / 单位 / 行业, as the kiosk says
std::string termLabel(const Strings& t, wire::Term term);       // 长远 / 年度 / 即时
std::string caseStateLabel(const Strings& t, CaseState state);  // 待核实 … 已销号

}  // namespace hub
