#include "hub/console/console.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <chrono>
#include <mutex>

#include "common/iso_time.hpp"
#include "common/password_hash.hpp"
#include "console_routes.hpp"
#include "hub/console/audit_throttle.hpp"
#include "hub/console/secret_seal.hpp"
#include "hub/console/totp.hpp"
#include "hub/core/multipart.hpp"
#include "hub/store/list_catalog.hpp"
#include "hub/store/second_factor_store.hpp"
#include "login_limits.hpp"
#include "page_context.hpp"
#include "wire/crypto.hpp"
#include "wire/list_limits.hpp"

namespace hub::console {

std::string_view embeddedFile(std::string_view name);  // console_assets.cpp, generated

namespace {

constexpr std::string_view kSessionCookie = "__Host-session";
constexpr std::string_view kPreSessionCookie = "__Host-presession";
constexpr std::size_t kMaxFormBytes = 8 * 1024;
constexpr std::size_t kMaxUploadFiles = 20'000;  // a month of 5-minute batches and their signatures

bool isVisibleAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

bool sameSecret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string cookie(std::string_view name, const std::string& value, bool remove = false) {
  return std::string(name) + "=" + value + "; Secure; HttpOnly; SameSite=Strict; Path=/" +
         (remove ? "; Max-Age=0" : "");
}

Response redirect(std::string_view to) {
  Response r{303, "text/plain; charset=utf-8", "", {{"Location", std::string(to)}}};
  return r;
}

// The login form's CSRF token is bound to the pre-session cookie without server state: only a page
// that could read that (HttpOnly, same-site) cookie's derived value could have submitted it.
std::string loginCsrf(const std::string& preSession) { return wire::sha256Hex("login-form:" + preSession); }

Data wordsOf(const Strings& t);

// A sign-in step's page (the password, or the code after it): its own frame, the form's CSRF
// token bound to the pre-session cookie, and a message when there is one.
std::string signInPage(const char* templateName, const Strings& t, const std::string& preSession,
                       const std::string& message) {
  Data data;
  data.set("lang", t.lang);
  data.set("csrf", loginCsrf(preSession));
  data.set("message", message);
  data.set("has_message", !message.empty());
  data.set("t", wordsOf(t));
  data.set("path", pathsData());
  kainjow::mustache::mustache tmpl{std::string(embeddedFile(templateName))};
  return tmpl.render(data);
}

std::string localToday(std::int64_t nowUnix, std::int64_t offsetMinutes) {
  return common::isoDay(nowUnix + offsetMinutes * 60);
}

Data wordsOf(const Strings& t) {
  Data words{Data::type::object};
  for (const auto& [k, v] : t.text) words.set(k, v);
  return words;
}

Response errorPage(const Strings& t, int status, const std::string& message) {
  Data data;
  data.set("lang", t.lang);
  data.set("title", t["error_title"]);
  data.set("message", message);
  data.set("status", std::to_string(status));
  data.set("t", wordsOf(t));
  data.set("path", pathsData());
  kainjow::mustache::mustache tmpl{std::string(embeddedFile("error.mustache"))};
  return {status, "text/html; charset=utf-8", tmpl.render(data), {}};
}

}  // namespace

struct Console::Impl {
  ConsoleConfig config;
  ApiConfig api;
  AccountStore& accounts;
  CaseStore& cases;
  ReviewStore& reviews;
  ListDraftStore& drafts;
  SecondFactorStore& secondFactors;
  HallDirectory& hallDirectory;
  PanelStore& panels;
  SelectionWeightsStore& weights;
  SuggestionStore& suggestions;
  ReadPool& readers;
  UnixClock clock;
  ListCatalog catalog;
  Api* hubApi = nullptr;  // connected by HubRouter: writes to the hub go through its routes
  // Checked against when the login names no user, so a wrong name takes as long as a wrong password.
  std::string decoyHash = common::hashPassword("decoy-password-never-used");
  AuditThrottle loginTrouble;  // failed and locked-out logins: one entry per address a minute
  SecretSeal seal;             // second-factor secrets in console.db are sealed with it
  // How long a sign-in whose password was right waits for its code.
  static constexpr std::int64_t kCodeWaitSeconds = 5 * 60;
  // One upload (a list spreadsheet, a USB export) or list draft preview is read at a time: reading
  // one takes ~15 times its size in memory for a moment, and six 4.6 MB lists at once took the hub
  // to 722 MB. Another waits up to kUploadWait for its turn (a list takes well under a second),
  // then gets 503.
  std::timed_mutex uploadTurn;
  static constexpr std::chrono::seconds kUploadWait{20};
  static Response uploadBusy(const Strings& t) {
    Response busy = errorPage(t, 503, t["upload_busy"]);
    busy.headers.emplace_back("Retry-After", "5");
    return busy;
  }

  Impl(ConsoleConfig c, ApiConfig a, ConsoleStores stores, ReadPool& r, UnixClock n)
      : config(std::move(c)), api(std::move(a)), accounts(stores.accounts), cases(stores.cases),
        reviews(stores.reviews), drafts(stores.drafts), secondFactors(stores.secondFactors),
        hallDirectory(stores.halls), panels(stores.panels), weights(stores.weights), suggestions(stores.suggestions),
        readers(r), clock(std::move(n)), catalog(api.deployment),
        seal(config.secondFactorKeyFile.empty() ? SecretSeal::random()
                                                : SecretSeal::fromKeyFile(config.secondFactorKeyFile)) {}

  bool needsSecondFactor(const User& user) const {
    const auto& roles = config.secondFactorRoles;
    return std::find(roles.begin(), roles.end(), kUserRoleNames.nameOf(user.role)) != roles.end();
  }

  Response handle(const Request& r);
  // A failed or locked-out login in the audit log: itself when it is its address's first this
  // minute, else counted; minutes that are over are written as one entry each ("repeated=N").
  void auditLoginTrouble(const std::string& login, const std::string& action, const std::string& detail,
                         const std::string& peer, std::int64_t now) {
    writeLoginTroubleSummaries(now, false);
    if (loginTrouble.admit(action, peer, now)) accounts.audit(login, action, detail, peer, now);
  }
  void writeLoginTroubleSummaries(std::int64_t now, bool everything) {
    for (const auto& s : loginTrouble.takeFinished(now, everything))
      accounts.audit("-", s.action,
                     "repeated=" + std::to_string(s.more) + " since=" + common::isoUtcTimestamp(s.fromUnix), s.address,
                     now);
  }
  Response loginForm(const Request& r, const Strings& t, const std::string& message);
  Response login(const Request& r, const Strings& t);
  // The second step of a sign-in with a second factor: the code form, and the code checked.
  Response codeForm(const Request& r, const Strings& t, const std::string& message);
  Response loginCode(const Request& r, const Strings& t);
  // A new session for `login` (a new id: one planted before login is never promoted), audited.
  Response startSession(const Request& r, const std::string& login, const std::string& how, std::int64_t now);
  // A route's page (GET), or with `form` its form (a POST whose CSRF token was checked).
  Response page(const Request& r, const Route& route, std::string_view part, const User& user, const Session& session,
                const Strings& t, const Fields& q, const Fields* form = nullptr,
                const std::vector<UploadedFile>* uploads = nullptr);
  Response staticFile(const Request& r, std::string_view name, const Strings& t);
};

Response Console::Impl::loginForm(const Request& r, const Strings& t, const std::string& message) {
  Response res{200, "text/html; charset=utf-8", "", {}};
  auto pre = cookieValue(r.cookie, kPreSessionCookie);
  if (!pre || pre->size() != 43) {
    pre = newSecret();
    res.headers.emplace_back("Set-Cookie", cookie(kPreSessionCookie, *pre));
  }
  res.body = signInPage("login.mustache", t, *pre, message);
  return res;
}

Response Console::Impl::login(const Request& r, const Strings& t) {
  if (r.body.size() > kMaxFormBytes) return errorPage(t, 413, t["err_form_too_large"]);
  std::string why;
  const auto form = parseFields(r.body, &why);
  if (!form) return errorPage(t, 400, replaceText(t["err_form_encoding"], "{field}", why));
  const auto field = [&](const char* name) {
    auto it = form->find(name);
    return it == form->end() ? std::string() : it->second;
  };
  const auto pre = cookieValue(r.cookie, kPreSessionCookie);
  if (!pre || !sameSecret(field("csrf"), loginCsrf(*pre))) return errorPage(t, 403, t["err_login_form_expired"]);

  const std::int64_t now = clock();
  const std::string login = field("login");
  const std::string userKey = accountLockKey(validLogin(login) ? login : std::string("(invalid)"));
  const std::string addressKey = addressLockKey(r.peer);
  const std::int64_t locked = std::max(accounts.lockedUntil(userKey, now), accounts.lockedUntil(addressKey, now));
  if (locked > 0) {
    auditLoginTrouble(validLogin(login) ? login : "-", "login_locked", "", r.peer, now);
    const auto minutes = std::to_string((locked - now + 59) / 60);
    Response res = loginForm(r, t, replaceText(t["login_locked"], "{m}", minutes));
    res.headers.emplace_back("Retry-After", std::to_string(locked - now));
    return res;
  }
  const auto user = validLogin(login) ? accounts.user(login) : std::nullopt;
  const bool ok =
      common::verifySecret(user ? user->passwordHash : decoyHash, field("password")) && user && !user->disabled;
  if (!ok) {
    accounts.recordFailure(userKey, now, kFreeFailuresPerAccount);
    accounts.recordFailure(addressKey, now, kFreeFailuresPerAddress);
    auditLoginTrouble(validLogin(login) ? login : "-", "login_failed", user && user->disabled ? "disabled" : "", r.peer,
                      now);
    return loginForm(r, t, t["login_failed"]);
  }
  accounts.clearFailures(addressKey);
  if (const auto factor = secondFactors.of(login); factor && factor->confirmed) {
    // The password was right; the session waits for the code (failures still count on the account).
    secondFactors.awaitCode(wire::sha256Hex(*pre), login, now + kCodeWaitSeconds);
    return codeForm(r, t, "");
  }
  accounts.clearFailures(userKey);
  return startSession(r, login, "", now);
}

Response Console::Impl::startSession(const Request& r, const std::string& login, const std::string& how,
                                     std::int64_t now) {
  if (auto old = cookieValue(r.cookie, kSessionCookie)) accounts.endSession(*old);
  const std::string id = accounts.createSession(login, now);
  accounts.audit(login, "login_ok", how, r.peer, now);
  accounts.purgeAudit(now - config.auditRetentionDays * 86400, now);
  Response res = redirect(paths::kOverview);
  res.headers.emplace_back("Set-Cookie", cookie(kSessionCookie, id));
  res.headers.emplace_back("Set-Cookie", cookie(kPreSessionCookie, "", true));
  res.principal = "user:" + login;
  return res;
}

Response Console::Impl::codeForm(const Request& r, const Strings& t, const std::string& message) {
  const auto pre = cookieValue(r.cookie, kPreSessionCookie);
  if (!pre) return redirect(paths::kLogin);
  return {200, "text/html; charset=utf-8", signInPage("login_code.mustache", t, *pre, message), {}};
}

Response Console::Impl::loginCode(const Request& r, const Strings& t) {
  if (r.body.size() > kMaxFormBytes) return errorPage(t, 413, t["err_form_too_large"]);
  std::string why;
  const auto form = parseFields(r.body, &why);
  if (!form) return errorPage(t, 400, replaceText(t["err_form_encoding"], "{field}", why));
  const auto pre = cookieValue(r.cookie, kPreSessionCookie);
  const auto csrf = form->count("csrf") ? form->at("csrf") : std::string();
  if (!pre || !sameSecret(csrf, loginCsrf(*pre))) return errorPage(t, 403, t["err_login_form_expired"]);
  const std::int64_t now = clock();
  const std::string key = wire::sha256Hex(*pre);
  const auto login = secondFactors.awaitingCode(key, now);
  if (!login) return loginForm(r, t, t["login_code_expired"]);
  const std::string userKey = accountLockKey(*login);
  if (const std::int64_t locked = accounts.lockedUntil(userKey, now); locked > 0) {
    secondFactors.endAwait(key);
    auditLoginTrouble(*login, "login_locked", "second factor", r.peer, now);
    return loginForm(r, t, replaceText(t["login_locked"], "{m}", std::to_string((locked - now + 59) / 60)));
  }
  const std::string typed = form->count("code") ? form->at("code") : std::string();
  std::string how;
  const auto factor = secondFactors.of(*login);
  if (factor && factor->confirmed) {
    if (const auto secret = seal.open(factor->sealedSecret)) {
      const auto step = totp::matchingStep(*secret, typed, now, factor->lastStep);
      if (step && secondFactors.useStep(*login, *step)) how = "totp";
    }
    if (how.empty() && secondFactors.useRecoveryCode(*login, recoveryCodeHash(typed), now))
      how = "recovery code, " + std::to_string(secondFactors.recoveryCodesLeft(*login)) + " left";
  }
  if (how.empty()) {
    const std::int64_t lockedUntil = accounts.recordFailure(userKey, now, kFreeFailuresPerAccount);
    auditLoginTrouble(*login, "login_failed", "second factor", r.peer, now);
    if (lockedUntil == 0) return codeForm(r, t, t["login_code_wrong"]);
    // Locked: this sign-in is over; the password is asked again once the lock ends.
    secondFactors.endAwait(key);
    return loginForm(r, t, replaceText(t["login_locked"], "{m}", std::to_string((lockedUntil - now + 59) / 60)));
  }
  secondFactors.endAwait(key);
  accounts.clearFailures(userKey);
  return startSession(r, *login, how, now);
}

Response Console::Impl::handle(const Request& r) {
  if (!isVisibleAscii(r.target) || r.target.empty())
    return errorPage(stringsFor("", r.acceptLanguage), 400, "the address must be visible ASCII (percent-encoded)");
  std::string why;
  const auto q = parseFields(queryOf(r.target), &why);
  const Strings& t = stringsFor(q ? (q->count("lang") ? q->at("lang") : "") : "", r.acceptLanguage);
  if (!q) return errorPage(t, 400, replaceText(t["err_query_encoding"], "{field}", why));
  const std::string path(pathOf(r.target));

  // Bearer tokens are for the API; the console knows only its own sessions.
  if (!r.authorization.empty()) {
    Response res = errorPage(t, 401, t["err_api_token"]);
    res.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"api\"");
    return res;
  }
  const RouteMatch match = matchRoute(r.method, path);
  if (match.route && match.route->access == Access::Anyone) {
    switch (match.route->signIn) {
      case SignInStep::Static: return staticFile(r, match.part, t);
      case SignInStep::LoginForm:
        return loginForm(r, t,
                         q->count("expired")   ? t["login_expired"]
                         : q->count("changed") ? t["password_changed"]
                                               : "");
      case SignInStep::Login: return login(r, t);
      case SignInStep::CodeForm: {
        const auto pre = cookieValue(r.cookie, kPreSessionCookie);
        if (!pre || !secondFactors.awaitingCode(wire::sha256Hex(*pre), clock())) return redirect(paths::kLogin);
        return codeForm(r, t, "");
      }
      case SignInStep::Code: return loginCode(r, t);
      case SignInStep::None:
      case SignInStep::Logout: break;
    }
  }
  if (!match.route && match.pathKnown)
    if (const auto any = matchRoute("GET", path); any.route && any.route->access == Access::Anyone)
      return errorPage(t, 405, t["err_method"]);

  const std::int64_t now = clock();
  const auto id = cookieValue(r.cookie, kSessionCookie);
  const auto session =
      id && id->size() == 43 ? accounts.session(*id, now, config.idleSeconds, config.absoluteSeconds) : std::nullopt;
  const auto user = session ? accounts.user(session->login) : std::nullopt;
  if (!session || !user || user->disabled) {
    if (r.method != "GET") return errorPage(t, 403, t["err_no_session"]);
    Response res = redirect(id ? std::string(paths::kLogin) + "?expired=1" : std::string(paths::kLogin));
    if (id) res.headers.emplace_back("Set-Cookie", cookie(kSessionCookie, "", true));
    return res;
  }

  // After an administrator's reset: nothing but choosing a new password (or leaving) until it is done.
  if (user->mustChange && path != paths::kPassword && path != paths::kLogout) {
    if (r.method != "GET") return errorPage(t, 403, t["err_must_change_password"]);
    return redirect(paths::kPassword);
  }

  // A role that signs in with a second factor: nothing but setting one up (or leaving) until done.
  if (needsSecondFactor(*user) && path != paths::kSecondFactor && path != paths::kLogout) {
    const auto factor = secondFactors.of(user->login);
    if (!factor || !factor->confirmed) {
      if (r.method != "GET") return errorPage(t, 403, t["err_second_factor_first"]);
      return redirect(paths::kSecondFactor);
    }
  }

  if (!match.route) {
    if (r.method == "POST") return errorPage(t, 404, replaceText(t["err_no_such_form"], "{path}", path));
    if (r.method != "GET") return errorPage(t, 405, t["err_method"]);
    return errorPage(t, 404, replaceText(t["err_no_such_page"], "{path}", path));
  }
  const Route& route = *match.route;
  if (route.access == Access::Admin && user->role != UserRole::Admin) return errorPage(t, 403, t["err_admin_only"]);
  // A list spreadsheet, a USB export or a draft's preview is read whole: one at a time.
  std::unique_lock turn(uploadTurn, std::defer_lock);
  if (route.takesUploadTurn && !turn.try_lock_for(kUploadWait)) return uploadBusy(t);

  if (r.method == "POST" && isMultipart(r.contentType)) {
    // File uploads, on their own routes only (the server lets only these bodies past 1 MiB).
    if (route.body != Body::Upload) return errorPage(t, 415, t["err_upload_here_only"]);
    if (r.body.size() > config.uploadBytes)
      return errorPage(t, 413,
                       replaceText(t["err_upload_too_large"], "{mb}", std::to_string(config.uploadBytes >> 20)));
    Multipart upload;
    try {
      upload = parseMultipart(r.body, r.contentType, kMaxUploadFiles);
    } catch (const MultipartError& e) {
      return errorPage(t, 400, std::string("the upload could not be read: ") + e.what());
    }
    const auto csrf = upload.fields.count("csrf") ? upload.fields.at("csrf") : std::string();
    if (!sameSecret(csrf, session->csrf)) return errorPage(t, 403, t["err_csrf"]);
    Response res = page(r, route, match.part, *user, *session, t, *q, &upload.fields, &upload.files);
    res.principal = "user:" + user->login;
    return res;
  }
  if (r.method == "POST") {
    if (r.body.size() > kMaxFormBytes) return errorPage(t, 413, t["err_form_too_large"]);
    const auto form = parseFields(r.body, &why);
    const auto csrf = form && form->count("csrf") ? form->at("csrf") : std::string();
    if (!sameSecret(csrf, session->csrf)) return errorPage(t, 403, t["err_csrf"]);
    if (route.signIn == SignInStep::Logout) {
      accounts.endSession(*id);
      accounts.audit(user->login, "logout", "", r.peer, now);
      Response res = redirect(paths::kLogin);
      res.headers.emplace_back("Set-Cookie", cookie(kSessionCookie, "", true));
      return res;
    }
    Response res = page(r, route, match.part, *user, *session, t, *q, &*form);
    res.principal = "user:" + user->login;
    return res;
  }
  Response res = page(r, route, match.part, *user, *session, t, *q);
  res.principal = "user:" + user->login;
  return res;
}

Response Console::Impl::staticFile(const Request& r, std::string_view name, const Strings& t) {
  // Styles and the one enhancing script, served by the hub itself (no CDN on an intranet).
  if (name != "console.css" && name != "picker.js") return errorPage(t, 404, t["err_no_such_file"]);
  const bool css = name == "console.css";
  const std::string version = staticFileVersion(name);
  const std::string etag = "\"" + version + "\"";
  // Linked with this build's ?v=: the same bytes for as long as the address exists. Any other
  // address (an old page, a typed one) is checked again each time, so it never outlives an upgrade.
  const auto query = parseFields(queryOf(r.target));
  const bool current = query && query->count("v") && query->at("v") == version;
  const std::string cache = current ? "public, max-age=31536000, immutable" : "no-cache";
  if (r.ifNoneMatch == etag) {
    Response unchanged{304, css ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8", "", {}};
    unchanged.headers.emplace_back("ETag", etag);
    unchanged.headers.emplace_back("Cache-Control", cache);
    return unchanged;
  }
  Response res{
      200, css ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8", std::string(embeddedFile(name)), {}};
  res.headers.emplace_back("ETag", etag);
  res.headers.emplace_back("Cache-Control", cache);
  return res;
}

Response Console::Impl::page(const Request& r, const Route& route, std::string_view part, const User& user,
                             const Session& session, const Strings& t, const Fields& q, const Fields* form,
                             const std::vector<UploadedFile>* uploads) {
  auto lease = readers.lease();
  const std::int64_t now = clock();
  PageContext ctx{config,
                  api,
                  user,
                  session,
                  r,
                  t,
                  lease.db(),
                  catalog,
                  accounts,
                  cases,
                  reviews,
                  drafts,
                  q,
                  std::string(pathOf(r.target)),
                  {},
                  {},
                  {},
                  {},
                  {},
                  now,
                  localToday(now, config.utcOffsetMinutes),
                  hubApi,
                  uploads,
                  &secondFactors,
                  &seal,
                  &hallDirectory,
                  hallDirectory.names(now),
                  std::nullopt,
                  &panels,
                  &weights,
                  &suggestions,
                  std::nullopt,
                  std::nullopt};
  const auto get = [&](const char* name) { return ctx.param(name); };
  try {
    std::string why;
    const auto period = resolvePeriod(get("period"), get("from"), get("to"), ctx.today, &why);
    if (!period) throw PageError{400, why};
    ctx.period = *period;
    ctx.halls = ctx.hallNames.ordered(user.role == UserRole::Admin ? queries::knownHalls(ctx.db) : user.halls);
    ctx.hall = get("hall");
    if (!ctx.hall.empty()) {
      if (!wire::limits::isSafeId(ctx.hall)) throw PageError{400, "err_hall_id"};
      if (!user.mayReadHall(ctx.hall)) throw PageError{403, replaceText(t["err_not_your_hall"], "{hall}", ctx.hall)};
      ctx.scope = std::vector<std::string>{ctx.hall};
    } else if (user.role != UserRole::Admin) {
      ctx.scope = user.halls;
    }
    ctx.format = get("format");
    if (!ctx.format.empty() && ctx.format != "xlsx" && ctx.format != "csv") throw PageError{400, "err_format"};
    return route.page(ctx, part, form);
  } catch (const PageError& e) {
    return errorPage(t, e.status, e.text(t));
  } catch (const common::sql::Error& e) {
    // A query over the time limit (interrupted) or a busy store: say so, never a 500.
    Response res = errorPage(t, 503, std::string("the report could not be read in time: ") + e.what());
    res.headers.emplace_back("Retry-After", "10");
    return res;
  }
}

Console::Console(ConsoleConfig config, ApiConfig api, ConsoleStores stores, ReadPool& readers, UnixClock now)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(api), stores, readers, std::move(now))) {}
Console::~Console() {
  // What a flood counted is not lost with the process: written now, if the database answers.
  try {
    impl_->writeLoginTroubleSummaries(impl_->clock(), true);
  } catch (const std::exception&) {
    // the database is gone; the first entry of each minute is in the log already
  }
}

bool Console::owns(const Request& r) {
  const std::string_view path = pathOf(r.target);
  return path == paths::kRoot || path.rfind(paths::kOverview, 0) == 0;
}

namespace {

// Every console answer tells the browser what the pages are: scripts, styles and images from the
// console itself only (no inline script or style exists, so none is allowed), never framed (the
// login page could be overlaid), types never guessed, no address sent to other sites, and HTTPS
// only for a year (the hub serves nothing over plain HTTP).
void addBrowserPolicy(Response& res) {
  res.headers.emplace_back("Content-Security-Policy",
                           "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  res.headers.emplace_back("X-Frame-Options", "DENY");
  res.headers.emplace_back("X-Content-Type-Options", "nosniff");
  res.headers.emplace_back("Referrer-Policy", "same-origin");
  res.headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
}

}  // namespace

Response Console::handle(const Request& r) {
  // Sessions, the login and every page read the database: when it is gone (restarting, frozen,
  // failed over) the page says so and the browser may retry — never a 500, never a hang.
  Response res;
  try {
    res = impl_->handle(r);
  } catch (const common::sql::Error& e) {
    res = errorPage(stringsFor("", r.acceptLanguage), 503, stringsFor("", r.acceptLanguage)["storage_unavailable"]);
    res.headers.emplace_back("Retry-After", "10");
  }
  addBrowserPolicy(res);
  return res;
}

void Console::useApi(Api& api) { impl_->hubApi = &api; }

void Console::sweepCases() {
  const std::int64_t now = impl_->clock();
  impl_->writeLoginTroubleSummaries(now, false);  // a flood that stopped is summed up all the same
  auto lease = impl_->readers.lease();
  hub::console::sweepCases({lease.db(), impl_->cases, impl_->accounts, impl_->config, impl_->api,
                            stringsFor("zh-CN", ""), localToday(now, impl_->config.utcOffsetMinutes), now});
}

RequestHandler::Lane Console::laneOf(const Request& r) {
  const auto match = matchRoute(r.method, pathOf(r.target));
  return match.route ? match.route->lane : RequestHandler::Lane::Reader;
}

std::vector<std::pair<std::string_view, std::string_view>> Console::routeTable() {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (const auto& route : routes()) out.emplace_back(route.method, route.pattern);
  return out;
}

}  // namespace hub::console
