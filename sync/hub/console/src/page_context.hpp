// Private to the console: what every page handler gets (the user, the resolved period and hall
// scope, the words, a read connection), and the helpers they share to render and to download.
// One PageContext per request, used by one thread.
#pragma once

#include <kainjow/mustache.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "hub/api/api.hpp"
#include "hub/console/console.hpp"
#include "hub/console/secret_seal.hpp"
#include "hub/console/svg_chart.hpp"
#include "hub/core/case_todo.hpp"
#include "hub/core/commitment_changes.hpp"
#include "hub/core/commitment_wording.hpp"
#include "hub/core/console_paths.hpp"
#include "hub/core/labels.hpp"
#include "hub/core/multipart.hpp"
#include "hub/core/period.hpp"
#include "hub/core/request_decoding.hpp"
#include "hub/core/strings.hpp"
#include "hub/export/ledger_builder.hpp"
#include "hub/export/xlsx_book.hpp"
#include "hub/store/account_store.hpp"
#include "hub/store/case_store.hpp"
#include "hub/store/hall_directory.hpp"
#include "hub/store/list_catalog.hpp"
#include "hub/store/list_drafts.hpp"
#include "hub/store/panel_store.hpp"
#include "hub/store/review_store.hpp"
#include "hub/store/second_factor_store.hpp"
#include "hub/store/suggestion_store.hpp"
#include "hub/store/tally_queries.hpp"
#include "wire/tally_shares.hpp"

namespace hub::console {

using hub::Cell;
using hub::kXlsxType;
using hub::Ledger;
using hub::LedgerRow;
using hub::SheetTable;
using Data = kainjow::mustache::data;
namespace paths = hub::console_path;  // every console path, named once

// What needs the user now (to_do.cpp): cases whose turn is theirs, overdue cases in their halls,
// and for administrators silent kiosks and unpublished list drafts.
struct ToDo {
  std::int64_t mine = 0, overdue = 0, silentKiosks = 0, drafts = 0;
};

struct PageContext {
  const ConsoleConfig& config;
  const ApiConfig& api;
  const User& user;
  const Session& session;
  const Request& request;
  const Strings& t;
  common::sql::Database& db;
  ListCatalog& catalog;
  AccountStore& accounts;
  CaseStore& cases;
  ReviewStore& reviews;
  ListDraftStore& drafts;
  Fields query;
  std::string path;
  Period period;
  std::string hall;                // "" = every hall in scope
  std::vector<std::string> halls;  // the halls this user may pick
  queries::Halls scope;            // what queries filter on
  std::string format;              // "" (a page), "xlsx" or "csv"
  std::int64_t now = 0;
  std::string today;
  Api* hubApi = nullptr;                               // for administrators' writes to the hub
  const std::vector<UploadedFile>* uploads = nullptr;  // the files of a multipart form
  SecondFactorStore* secondFactors = nullptr;
  const SecretSeal* seal = nullptr;          // seals the second-factor secrets
  HallDirectory* hallDirectory = nullptr;    // for administrators naming halls
  HallNames hallNames;                       // what people call each hall, and the order to list them
  std::optional<std::string> channel = {};   // only one channel's votes (承诺 page's filter); absent: all
  PanelStore* panels = nullptr;              // 评议会 and 党员互评
  SelectionWeightsStore* weights = nullptr;  // the 评选 report's weights, per hall
  SuggestionStore* suggestions = nullptr;    // 征求意见: periods and residents' suggestions

  std::string param(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
  std::string hallName(const std::string& id) const { return hallNames.nameOf(id); }
  // 姓名 for a login (the login when none is set, or when the account is gone), read once a page.
  const std::string& personName(const std::string& login) const {
    if (!people) people = accounts.displayNames();
    auto it = people->find(login);
    return it == people->end() ? login : it->second;
  }
  mutable std::optional<std::map<std::string, std::string>> people;
  mutable std::optional<ToDo> todo;  // toDoOf's count, made on first use
  // The halls whose lists label rows: the one picked, or every hall in scope.
  std::vector<std::string> hallsInView() const { return hall.empty() ? halls : std::vector<std::string>{hall}; }
};

// A page with a message and status (400 bad parameter, 403, 404), in the console's frame.
// What a page cannot do, for the user: `message` is a key of the words (err_…) or, for texts made
// elsewhere, the text itself; each `fill` replaces a placeholder ("{id}") with a value, itself
// looked up in the words when it is a key (a field's name: "hall" → 大厅).
struct PageError {
  int status;
  std::string message;
  std::vector<std::pair<std::string, std::string>> fill = {};
  std::string text(const Strings& t) const;
};

// Every console path by a template's name for it ({{path.units}}): templates write none out.
const Data& pathsData();
// The console's style sheet and script change only with the binary: pages link them as
// /console/static/<name>?v=<the first 16 hex digits of the file's SHA-256>, so a browser keeps them
// for a year and fetches the new one the first page after an upgrade.
std::string staticFileVersion(std::string_view name);
std::string staticFileAddress(std::string_view name);
// Renders `templateName` with `content` inside the layout (nav, pickers, user, logout form). A page
// whose figures do not depend on the period (终端状态: each kiosk as it is now) picks a hall only.
Response renderPage(const PageContext& ctx, const std::string& templateName, const std::string& title, Data content,
                    bool withPicker = true, bool withPeriod = true);
// A piece of a page (a template of its own, shared by two pages), as HTML to place with {{{…}}}.
std::string renderPart(const PageContext& ctx, const std::string& templateName, Data content);
// The table as a download (XLSX or CSV by ctx.format), recorded in the audit log.
Response download(const PageContext& ctx, const SheetTable& table, const std::string& baseName);
Response downloadBytes(const PageContext& ctx, std::string bytes, const std::string& contentType,
                       const std::string& fileName);

// The address printed codes send phones to (posters, panel slips): [poster] public_url, or the
// address this console was reached at.
std::string phonesAddress(const PageContext& ctx);

// Labels and shares shared by tables.
std::string percent(double share);
// grouped() (3,571,895) is svg_chart.hpp's, for charts and tables alike.
std::string localTime(const PageContext& ctx,
                      std::int64_t unixSeconds);  // "2026-11-26 20:51", the halls' time // "86.4%"
std::string shareOrDash(std::int64_t part, std::int64_t total, std::int64_t minCount);  // "—" under the minimum
// A changed field's value in words (holder kind and term codes as their labels).
std::string changeValue(const Strings& t, const FieldChange& change, const std::string& value);
std::string hallQuery(const PageContext& ctx);  // "period=…&hall=…" to keep the picker's choice in links
Data countsData(const wire::TallyCounts& c, std::int64_t minCount);
// The period's days as chart bars, empty days included; a bar holds at least `minDaysPerBar` days,
// and more when the period is long, so the chart stays at ~120 bars. Labelled by its first day.
// The charts' words from the words file.
ChartWords chartWords(const Strings& t);
// The trend section (trend.mustache): the chart, what one bar holds, its numbers as a table.
std::string trendSection(const PageContext& ctx, const std::vector<DayBar>& bars);
std::vector<DayBar> trendBars(const std::vector<queries::DayTotals>& daily, const Period& period,
                              std::size_t minDaysPerBar);
// The ledger's rows and the ledger itself (hub/export/ledger_builder.hpp) for this page's scope.
LedgerSources ledgerSources(const PageContext& ctx);
LedgerScope ledgerScope(const PageContext& ctx);
CommitmentIndex indexCommitments(const PageContext& ctx);
std::vector<CommitmentRow> commitmentRows(const PageContext& ctx, const CommitmentIndex& index);
// The ledger (台账) of these rows, as XLSX.
Ledger ledgerOf(const PageContext& ctx, const std::vector<CommitmentRow>& rows, const std::string& title);
// Table cells for a row: labels, counts (— under the minimum) and shares.
Data rowData(const PageContext& ctx, const CommitmentRow& row);

// What needs the user now, counted once a page (the menu and the overview both show it).
ToDo toDoOf(const PageContext& ctx);
CaseTurn myTurn(const PageContext& ctx);  // staff act on cases; leaders and administrators review
// Kiosks in view silent longer than the API's silent_after, or enrolled and never heard from.
std::int64_t silentKioskCount(const PageContext& ctx);

Response overviewPage(PageContext& ctx);
Response commitmentsPage(PageContext& ctx);
Response commitmentPage(PageContext& ctx, const std::string& id);
Response unitsPage(PageContext& ctx);
Response rectificationsPage(PageContext& ctx);
Response kiosksPage(PageContext& ctx);
// 扫码海报 ([poster]): a hall's commitments with the poster in force for each; issue, withdraw, and
// print them A4 or A5 with their long-lived code (posters_page.cpp).
Response postersPage(PageContext& ctx);
Response posterForm(PageContext& ctx, const Fields& form);
Response postersPrint(PageContext& ctx);
// 征求意见 (suggestions_page.cpp): a hall's suggestion period opened and closed, residents'
// suggestions accepted, merged or rejected (offensive ones: administrators only), the accepted ones
// with the commitments of the current list that cite them.
Response suggestionsPage(PageContext& ctx);
Response suggestionForm(PageContext& ctx, const Fields& form);
// 评议会 (panels_page.cpp): the list and the creation form (leaders, administrators), the slips
// with each one-time code shown once, one panel's results and attendance, and closing it.
Response panelsPage(PageContext& ctx);
Response panelForm(PageContext& ctx, const Fields& form);
Response panelPage(PageContext& ctx, std::string_view part);
Response panelCloseForm(PageContext& ctx, std::string_view part, const Fields& form);
// 年度评选 (selection_page.cpp): a hall's candidates for the year with each evaluation in its own
// column, scored with the hall's weights (leaders and administrators set them); XLSX, CSV and print.
Response selectionPage(PageContext& ctx);
Response selectionForm(PageContext& ctx, const Fields& form);
Response searchPage(PageContext& ctx);
Response auditPage(PageContext& ctx);
Response usersPage(PageContext& ctx);
// 终端管理 (administrators): enrol (the token once, then the USB bundle), move, revoke — by path.
Response kioskForm(PageContext& ctx, const Fields& form);
Response kioskScreenshot(PageContext& ctx);  // the PNG of one stored screenshot
// 导入 U 盘数据: a USB export's folder uploaded, each batch through the hub's ingest.
Response importPage(PageContext& ctx);
Response importForm(PageContext& ctx, const Fields& form);
// 承诺清单 (administrators): versions, diff, upload from a spreadsheet, preview, offline signing, publish.
Response listsPage(PageContext& ctx);
Response listDraftPage(PageContext& ctx);
Response listTemplate(PageContext& ctx);
Response listUploadForm(PageContext& ctx, const Fields& form);
// 终端设置 (administrators): a hall's or a kiosk's settings as a form, previewed, downloaded for
// signing offline, uploaded signed and published; each kiosk's applied versions.
Response settingsPage(PageContext& ctx);
Response settingsForm(PageContext& ctx, const Fields& form);
Response settingsUploadForm(PageContext& ctx, const Fields& form);
// 软件更新 (administrators): the published update's rollout ring by ring; pause, resume, advance.
Response updatesPage(PageContext& ctx);
Response updatesForm(PageContext& ctx, const Fields& form);
// 用户管理: create, edit (role, halls, 姓名 / 科室 / 电话), reset, disable, enable — by path. A
// mistake shows the page again with the message and what was typed.
Response userForm(PageContext& ctx, const Fields& form);
// 大厅名称 (administrators): every hall's display name and order.
Response hallsPage(PageContext& ctx);
Response hallForm(PageContext& ctx, const Fields& form);
Response passwordPage(PageContext& ctx);
Response passwordForm(PageContext& ctx, const Fields& form);
// 双因素认证: set up a TOTP second factor (the QR code and key shown once, confirmed with a code,
// then the recovery codes shown once), or see that it is on.
Response secondFactorPage(PageContext& ctx);
Response secondFactorForm(PageContext& ctx, const Fields& form);
// A recovery code as stored: SHA-256 of its letters and digits in upper case (spaces and dashes
// as typed do not matter).
std::string recoveryCodeHash(const std::string& typed);
Response casePage(PageContext& ctx, std::int64_t caseId);
Response openCaseForm(PageContext& ctx, const Fields& form);
Response caseStepForm(PageContext& ctx, std::int64_t caseId, const Fields& form);
Response reviewForm(PageContext& ctx, const Fields& form);
// Opens the cases the rule asks for (and reopens closed ones that cross it again) over every hall:
// run before the 整改 page is shown, and by the hub every few minutes (Console::sweepCases).
struct CaseSweep {
  common::sql::Database& db;
  CaseStore& cases;
  AccountStore& accounts;
  const ConsoleConfig& config;
  const ApiConfig& api;
  const Strings& t;
  std::string today;
  std::int64_t now = 0;
};
void sweepCases(const CaseSweep& sweep);
// The case's state in words, and whether it is overdue today.

}  // namespace hub::console
