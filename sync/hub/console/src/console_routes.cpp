#include "console_routes.hpp"

#include <algorithm>

#include "wire/list_limits.hpp"

namespace hub::console {

namespace {

namespace p = hub::console_path;
using Lane = RequestHandler::Lane;
constexpr auto R = Lane::Reader;
constexpr auto P = Lane::Password;  // hashes or checks a password (Argon2id): apart from the reports

std::int64_t caseNumber(std::string_view part) {
  if (part.empty() || part.size() > 12 ||
      !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw PageError{400, "err_case_number"};
  return std::stoll(std::string(part));
}

std::string commitmentId(std::string_view part) {
  std::string id;
  if (auto decoded = parseFields("id=" + std::string(part)); decoded) id = decoded->at("id");
  if (!wire::limits::isSafeId(id)) throw PageError{400, "err_commitment_id"};
  return id;
}

// Pages (GET) and forms (POST, `f` set) as the table's handler type.
template <Response (*Page)(PageContext&)>
Response page(PageContext& c, std::string_view, const Fields*) {
  return Page(c);
}
template <Response (*Form)(PageContext&, const Fields&)>
Response form(PageContext& c, std::string_view, const Fields* f) {
  return Form(c, *f);
}
Response commitment(PageContext& c, std::string_view part, const Fields*) {
  return commitmentPage(c, commitmentId(part));
}
Response rectCase(PageContext& c, std::string_view part, const Fields*) { return casePage(c, caseNumber(part)); }
Response caseStep(PageContext& c, std::string_view part, const Fields* f) {
  return caseStepForm(c, caseNumber(part), *f);
}

Response panel(PageContext& c, std::string_view part, const Fields*) { return panelPage(c, part); }
Response panelClose(PageContext& c, std::string_view part, const Fields* f) { return panelCloseForm(c, part, *f); }

}  // namespace

const std::vector<Route>& routes() {
  using A = Access;
  using B = Body;
  using S = SignInStep;
  static const std::vector<Route> table{
      // Before a session: signing in, and the styles and script the sign-in pages use.
      {"GET", p::kLogin, A::Anyone, B::None, R, nullptr, S::LoginForm},
      {"POST", p::kLogin, A::Anyone, B::Form, P, nullptr, S::Login},
      {"GET", p::kLoginCode, A::Anyone, B::None, R, nullptr, S::CodeForm},
      {"POST", p::kLoginCode, A::Anyone, B::Form, R, nullptr, S::Code},
      {"GET", p::kStatic, A::Anyone, B::None, R, nullptr, S::Static},
      {"POST", p::kLogout, A::SignedIn, B::Form, R, nullptr, S::Logout},
      // Every signed-in user, scoped to their halls.
      {"GET", p::kRoot, A::SignedIn, B::None, R, page<overviewPage>},
      {"GET", p::kOverview, A::SignedIn, B::None, R, page<overviewPage>},
      {"GET", p::kCommitments, A::SignedIn, B::None, R, page<commitmentsPage>},
      {"GET", p::kCommitment, A::SignedIn, B::None, R, commitment},
      {"GET", p::kUnits, A::SignedIn, B::None, R, page<unitsPage>},
      {"GET", p::kRectifications, A::SignedIn, B::None, R, page<rectificationsPage>},
      {"GET", p::kKiosks, A::SignedIn, B::None, R, page<kiosksPage>},
      {"GET", p::kSearch, A::SignedIn, B::None, R, page<searchPage>},
      {"GET", p::kCase, A::SignedIn, B::None, R, rectCase},
      {"POST", p::kCases, A::SignedIn, B::Form, R, form<openCaseForm>},
      {"POST", p::kCaseStep, A::SignedIn, B::Form, R, caseStep},
      {"POST", p::kReviews, A::SignedIn, B::Form, R, form<reviewForm>},
      {"GET", p::kPosters, A::SignedIn, B::None, R, page<postersPage>},
      {"POST", p::kPosters, A::SignedIn, B::Form, R, form<posterForm>},
      {"GET", p::kPostersPrint, A::SignedIn, B::None, R, page<postersPrint>},
      {"GET", p::kPanels, A::SignedIn, B::None, R, page<panelsPage>},
      {"POST", p::kPanels, A::SignedIn, B::Form, R, form<panelForm>},
      {"GET", p::kPanel, A::SignedIn, B::None, R, panel},
      {"POST", p::kPanelClose, A::SignedIn, B::Form, R, panelClose},
      {"GET", p::kSuggestions, A::SignedIn, B::None, R, page<suggestionsPage>},
      {"POST", p::kSuggestions, A::SignedIn, B::Form, R, form<suggestionForm>},
      {"GET", p::kSelection, A::SignedIn, B::None, R, page<selectionPage>},
      {"POST", p::kSelection, A::SignedIn, B::Form, R, form<selectionForm>},
      {"GET", p::kPassword, A::SignedIn, B::None, R, page<passwordPage>},
      {"POST", p::kPassword, A::SignedIn, B::Form, P, form<passwordForm>},
      {"GET", p::kSecondFactor, A::SignedIn, B::None, R, page<secondFactorPage>},
      {"POST", p::kSecondFactor, A::SignedIn, B::Form, R, form<secondFactorForm>},
      // Administrators.
      {"GET", p::kAdminAudit, A::Admin, B::None, R, page<auditPage>},
      {"GET", p::kAdminUsers, A::Admin, B::None, R, page<usersPage>},
      {"POST", p::kAdminUsers, A::Admin, B::Form, P, form<userForm>},
      {"POST", p::kAdminUserReset, A::Admin, B::Form, P, form<userForm>},
      {"POST", p::kAdminUserSecondFactorReset, A::Admin, B::Form, P, form<userForm>},
      {"POST", p::kAdminUserDisable, A::Admin, B::Form, P, form<userForm>},
      {"POST", p::kAdminUserEnable, A::Admin, B::Form, P, form<userForm>},
      {"POST", p::kAdminUserEdit, A::Admin, B::Form, P, form<userForm>},
      {"GET", p::kAdminHalls, A::Admin, B::None, R, page<hallsPage>},
      {"POST", p::kAdminHalls, A::Admin, B::Form, R, form<hallForm>},
      {"POST", p::kAdminKiosks, A::Admin, B::Form, R, form<kioskForm>},
      {"POST", p::kAdminKioskBundle, A::Admin, B::Form, R, form<kioskForm>},
      {"POST", p::kAdminKioskMove, A::Admin, B::Form, R, form<kioskForm>},
      {"POST", p::kAdminKioskRevoke, A::Admin, B::Form, R, form<kioskForm>},
      {"POST", p::kAdminKioskCommand, A::Admin, B::Form, R, form<kioskForm>},
      {"GET", p::kAdminKioskScreenshot, A::Admin, B::None, R, page<kioskScreenshot>},
      {"GET", p::kAdminImport, A::Admin, B::None, R, page<importPage>},
      {"POST", p::kAdminImport, A::Admin, B::Upload, R, form<importForm>, S::None, true},
      {"GET", p::kAdminLists, A::Admin, B::None, R, page<listsPage>},
      {"GET", p::kAdminListDraft, A::Admin, B::None, R, page<listDraftPage>, S::None, true},
      {"GET", p::kAdminListTemplate, A::Admin, B::None, R, page<listTemplate>},
      {"POST", p::kAdminListUpload, A::Admin, B::Upload, R, form<listUploadForm>, S::None, true},
      {"GET", p::kAdminSettings, A::Admin, B::None, R, page<settingsPage>},
      {"POST", p::kAdminSettings, A::Admin, B::Form, P, form<settingsForm>},  // P: may hash a new staff PIN
      {"POST", p::kAdminSettingsUpload, A::Admin, B::Upload, R, form<settingsUploadForm>, S::None, true},
      {"GET", p::kAdminUpdates, A::Admin, B::None, R, page<updatesPage>},
      {"POST", p::kAdminUpdates, A::Admin, B::Form, R, form<updatesForm>},
  };
  return table;
}

RouteMatch matchRoute(std::string_view method, std::string_view path) {
  RouteMatch found;
  for (const auto& route : routes()) {
    const auto part = console_path::match(route.pattern, path);
    if (!part) continue;
    found.pathKnown = true;
    if (route.method == method) return {&route, true, *part};
  }
  return found;
}

}  // namespace hub::console
