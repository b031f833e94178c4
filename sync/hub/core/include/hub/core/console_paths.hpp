// The console's paths, named once — as wire/endpoints.hpp names the API's — for its route table,
// its links and redirects, its templates (given as data), the server's upload limit and the
// metrics' labels. A pattern's {…} stands for one path segment (an id or a file name). Constants
// and two pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hub::console_path {

inline constexpr std::string_view kRoot = "/console";  // everything the console owns is under it
inline constexpr std::string_view kOverview = "/console/";
inline constexpr std::string_view kLogin = "/console/login";
inline constexpr std::string_view kLoginCode = "/console/login/code";
inline constexpr std::string_view kLogout = "/console/logout";
inline constexpr std::string_view kStatic = "/console/static/{file}";
inline constexpr std::string_view kCommitments = "/console/commitments";
inline constexpr std::string_view kCommitment = "/console/commitments/{id}";
inline constexpr std::string_view kUnits = "/console/units";
inline constexpr std::string_view kRectifications = "/console/rectifications";
inline constexpr std::string_view kKiosks = "/console/kiosks";
inline constexpr std::string_view kSearch = "/console/search";
inline constexpr std::string_view kPassword = "/console/password";
inline constexpr std::string_view kSecondFactor = "/console/second-factor";
inline constexpr std::string_view kCases = "/console/cases";  // POST: open a case
inline constexpr std::string_view kCase = "/console/cases/{id}";
inline constexpr std::string_view kCaseStep = "/console/cases/{id}/step";
inline constexpr std::string_view kReviews = "/console/reviews";  // POST: a leader's review
inline constexpr std::string_view kPosters = "/console/posters";  // POST: issue or withdraw
inline constexpr std::string_view kPostersPrint = "/console/posters/print";
inline constexpr std::string_view kPanels = "/console/panels";  // POST: create a 评议会
inline constexpr std::string_view kPanel = "/console/panels/{id}";
inline constexpr std::string_view kPanelClose = "/console/panels/{id}/close";
inline constexpr std::string_view kSuggestions = "/console/suggestions";  // POST: open/close a period, decide
inline constexpr std::string_view kSelection = "/console/selection";      // POST: a hall's weights
inline constexpr std::string_view kAdminAudit = "/console/admin/audit";
inline constexpr std::string_view kAdminUsers = "/console/admin/users";
inline constexpr std::string_view kAdminUserReset = "/console/admin/users/reset";
inline constexpr std::string_view kAdminUserSecondFactorReset = "/console/admin/users/second-factor-reset";
inline constexpr std::string_view kAdminUserDisable = "/console/admin/users/disable";
inline constexpr std::string_view kAdminUserEnable = "/console/admin/users/enable";
inline constexpr std::string_view kAdminUserEdit = "/console/admin/users/edit";
inline constexpr std::string_view kAdminHalls = "/console/admin/halls";
inline constexpr std::string_view kAdminKiosks = "/console/admin/kiosks";  // POST: enrol
inline constexpr std::string_view kAdminKioskBundle = "/console/admin/kiosks/bundle";
inline constexpr std::string_view kAdminKioskMove = "/console/admin/kiosks/move";
inline constexpr std::string_view kAdminKioskRevoke = "/console/admin/kiosks/revoke";
inline constexpr std::string_view kAdminKioskCommand = "/console/admin/kiosks/command";  // 立即同步 / 重启程序 / 截屏
// GET ?kiosk=<id>&shot=<n>: a screenshot the kiosk sent, as the PNG it is.
inline constexpr std::string_view kAdminKioskScreenshot = "/console/admin/kiosks/screenshot";
inline constexpr std::string_view kAdminImport = "/console/admin/import";
inline constexpr std::string_view kAdminLists = "/console/admin/lists";
inline constexpr std::string_view kAdminListDraft = "/console/admin/lists/draft";
inline constexpr std::string_view kAdminListTemplate = "/console/admin/lists/template";
inline constexpr std::string_view kAdminListUpload = "/console/admin/lists/upload";
inline constexpr std::string_view kAdminSettings = "/console/admin/settings";  // POST: preview, download
inline constexpr std::string_view kAdminSettingsUpload = "/console/admin/settings/upload";
// 软件更新: the rollout ring by ring; POST action=pause|resume|advance.
inline constexpr std::string_view kAdminUpdates = "/console/admin/updates";

// The pattern with its {…} replaced by `part` (already percent-encoded where it must be):
// fill(kCase, "17") == "/console/cases/17". A pattern without {…} is returned as it is.
std::string fill(std::string_view pattern, std::string_view part);
// The part `path` gives the pattern's {…} ("" for a pattern without one), or nothing when `path`
// does not match: {…} matches one segment (no '/'; it may be empty, for the page to refuse).
std::optional<std::string_view> match(std::string_view pattern, std::string_view path);
// Every part `path` gives the pattern's {…} segments, in order (the residents' pages have two), or
// nothing when it does not match.
std::optional<std::vector<std::string_view>> matchAll(std::string_view pattern, std::string_view path);

}  // namespace hub::console_path
