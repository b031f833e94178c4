// The vote page a kiosk's QR opens (GET /v/<code>) and its form (POST /v/<code>/vote): the code is
// checked against the kiosk's registered key and hall, a phone session admitted under the code's
// limits, and the vote recorded once per commitment per session under channel phone.
#include <algorithm>
#include <variant>

#include <openssl/crypto.h>

#include "hub/core/request_decoding.hpp"
#include "hub/store/poster_store.hpp"
#include "hub/store/tally_queries.hpp"
#include "resident_context.hpp"
#include "wire/crypto.hpp"
#include "wire/endpoints.hpp"
#include "wire/phone_code.hpp"

namespace hub::phone {

namespace ep = wire::endpoint;

namespace {

constexpr std::string_view kPosterSource = "poster";

// What to do instead: scan the kiosk's code again, or (a poster's) ask at the window or use the kiosk.
std::string adviceFor(const Strings& t, const std::string& source) {
  return t[source == kPosterSource ? "poster_ask_staff" : "phone_scan_again"];
}

}  // namespace

Response refused(const Strings& t, int status, std::string_view why, const std::string& source) {
  Response res = messagePage(t, status, t["phone_refused_title"], t[why], adviceFor(t, source));
  // One word in the access log's principal=… (no space): whose code, and why it was refused.
  res.principal = "phone:" + (source.empty() ? std::string("-") : source) + "/refused:" + std::string(why);
  return res;
}

namespace {

// A printed poster's code: valid while the console's poster row is, in a hall posters are on for.
std::variant<TrustedCode, Response> trustPoster(Residents& impl, common::sql::Database& db, const Visit& visit) {
  const Strings& t = visit.t;
  const PosterConfig& posters = impl.api.config().posters;
  const auto poster = poster_store::findValid(db, visit.parts.at(0), impl.now());
  if (!poster) return refused(t, 410, "poster_gone", std::string(kPosterSource));
  if (!posters.on.covers(poster->hall)) return messagePage(t, 404, t["phone_refused_title"], t["poster_off"], "");
  return TrustedCode{std::string(kPosterSource),  poster->hall,
                     poster->commitmentId,        "poster/" + poster->code,
                     std::string(kChannelPoster), posters.sessionsPerPosterPerDay};
}

}  // namespace

std::variant<TrustedCode, Response> trustCode(Residents& impl, common::sql::Database& db, const Visit& visit,
                                              std::int64_t lifetime) {
  const Strings& t = visit.t;
  const std::string& text = visit.parts.at(0);
  if (text.rfind(wire::kPosterCodePrefix, 0) == 0)
    return wire::isPosterCode(text) ? trustPoster(impl, db, visit)
                                    : refused(t, 400, "phone_code_unreadable", std::string(kPosterSource));
  if (!impl.phone.enabled) return messagePage(t, 404, t["phone_refused_title"], t["phone_off"], "");
  wire::UnverifiedPhoneCode read;
  try {
    read = wire::readPhoneCode(visit.parts.at(0));
  } catch (const wire::PhoneCodeError&) {
    return refused(t, 400, "phone_code_unreadable", "");
  }
  const std::string& kiosk = read.code.kiosk;
  const auto pem = queries::kioskKey(db, kiosk);
  const auto hall = queries::enrolledHall(db, kiosk);
  // A kiosk revoked, moved to another hall or never registered a key makes no valid code.
  if (!pem || !hall) return refused(t, 403, "phone_forged", kiosk);
  if (*hall != read.code.hall) return refused(t, 403, "phone_other_hall", kiosk);
  std::optional<wire::Ed25519PublicKey> key;
  try {
    key = wire::Ed25519PublicKey::fromPem(*pem);
  } catch (const wire::CryptoError&) {
    return refused(t, 403, "phone_forged", kiosk);
  }
  switch (wire::checkPhoneCode(read, *key, impl.now(), lifetime)) {
    case wire::PhoneCodeVerdict::Valid: break;
    case wire::PhoneCodeVerdict::Expired: return refused(t, 410, "phone_expired", kiosk);
    case wire::PhoneCodeVerdict::Forged:
    case wire::PhoneCodeVerdict::FromTheFuture: return refused(t, 403, "phone_forged", kiosk);
  }
  return TrustedCode{kiosk,
                     read.code.hall,
                     read.code.commitment,
                     kiosk + "/" + read.code.nonce,
                     std::string(kChannelPhone),
                     impl.phone.sessionsPerCode};
}

std::string csrfFor(const std::string& sessionId) { return wire::sha256Hex("phone-csrf/" + sessionId).substr(0, 32); }

bool sameSecret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string langQuery(const Strings& t) { return "?lang=" + t.lang; }

namespace {

std::string newSessionId() { return wire::base64UrlEncode(wire::randomBytes(18)); }

std::string holderLine(const Strings& t, const wire::Commitment& c) {
  std::string line = c.holder.name;
  if (!c.holder.post.empty()) line += " · " + c.holder.post;
  if (!c.holder.unit.empty()) line += " · " + c.holder.unit;
  return line + " · " + t["term_" + std::string(wire::kTerms.nameOf(c.term))];
}

Data commitmentData(const Strings& t, const wire::Commitment& c) {
  Data d{Data::type::object};
  d.set("id", c.id);
  d.set("holder", holderLine(t, c));
  d.set("title", c.title);
  d.set("text", c.text);
  d.set("valid", replaceText(replaceText(t["phone_valid"], "{from}", c.valid_from), "{to}", c.valid_to));
  return d;
}

// What a phone may rate under this code: the code's own commitment, or (an attract screen's code)
// any of the hall's list.
bool mayRate(const TrustedCode& code, const std::string& commitment) {
  return !code.commitment || *code.commitment == commitment;
}

}  // namespace

Response votePage(Residents& impl, const Visit& visit) {
  const Strings& t = visit.t;
  auto lease = impl.readers.lease();
  auto trusted = trustCode(impl, lease.db(), visit, impl.phone.codeLifetimeSeconds);
  if (auto* page = std::get_if<Response>(&trusted)) return std::move(*page);
  const TrustedCode& code = std::get<TrustedCode>(trusted);
  const std::int64_t now = impl.now();

  const std::string existing = cookieValue(visit.request.cookie, kPhoneCookie).value_or("");
  const auto admitted =
      impl.sessions.admit(code.key, code.source, code.hall, existing, newSessionId(), code.admits, now);
  if (admitted.outcome == PhoneAdmission::CodeUsedUp) return refused(t, 429, "phone_used_up", code.source);
  if (admitted.outcome == PhoneAdmission::Full)
    return messagePage(t, 503, t["phone_refused_title"], t["phone_too_many"], t["phone_try_later"]);
  const PhoneSession& session = *admitted.session;

  const auto list = impl.catalog.current(lease.db(), code.hall);
  if (!list) return messagePage(t, 404, t["phone_refused_title"], t["phone_no_list"], "");
  const std::string self = std::string(ep::kPhoneRoot) + visit.parts.at(0);
  const auto query = parseFields(queryOf(visit.request.target)).value_or(Fields{});
  std::string chosen = code.commitment.value_or("");
  if (const auto c = query.find("c"); chosen.empty() && c != query.end()) chosen = c->second;

  Response res;
  if (!chosen.empty()) {
    const wire::Commitment* c = list->find(chosen);
    if (!c) return messagePage(t, 404, t["phone_refused_title"], t["phone_unknown_commitment"], "");
    Data d = commitmentData(t, *c);
    d.set("action", self + "/vote" + langQuery(t));
    d.set("csrf", csrfFor(session.id));
    if (!code.commitment) d.set("back", self + langQuery(t));
    if (session.voted.count(c->id)) d.set("voted", true);
    res = renderPage(t, 200, "phone_vote", c->title, std::move(d));
  } else {
    Data items{Data::type::list};
    for (const auto& c : list->commitments) {
      Data item = commitmentData(t, c);
      item.set("href", self + "?c=" + urlEncode(c.id) + "&lang=" + t.lang);
      if (session.voted.count(c.id)) item.set("voted", true);
      items.push_back(std::move(item));
    }
    Data d{Data::type::object};
    d.set("hall", impl.halls.names(now).nameOf(code.hall));
    d.set("commitments", items);
    offerSuggestion(impl, d, code.hall, visit.parts.at(0), t);
    res = renderPage(t, 200, "phone_list", t["phone_title"], std::move(d));
  }
  if (admitted.outcome == PhoneAdmission::Opened)
    res.headers.emplace_back("Set-Cookie", std::string(kPhoneCookie) + "=" + session.id +
                                               "; Secure; HttpOnly; SameSite=Lax; Path=/; Max-Age=" +
                                               std::to_string(impl.phone.sessionSeconds));
  res.headers.emplace_back("Cache-Control", "no-store");
  res.principal = "phone:" + code.source;
  return res;
}

Response castVote(Residents& impl, const Visit& visit) {
  const Strings& t = visit.t;
  auto lease = impl.readers.lease();
  // A session votes for its whole life, which outlasts the code that opened it.
  auto trusted = trustCode(impl, lease.db(), visit, impl.phone.codeLifetimeSeconds + impl.phone.sessionSeconds);
  if (auto* page = std::get_if<Response>(&trusted)) return std::move(*page);
  const TrustedCode& code = std::get<TrustedCode>(trusted);
  const std::int64_t now = impl.now();
  const std::string sessionId = cookieValue(visit.request.cookie, kPhoneCookie).value_or("");
  const auto session = impl.sessions.find(sessionId, code.key, now);
  if (!session) return refused(t, 403, "phone_session_over", code.source);

  const auto form = parseFields(visit.request.body);
  if (!form) return messagePage(t, 400, t["phone_refused_title"], t["phone_bad_form"], "");
  const auto field = [&](const char* name) {
    const auto it = form->find(name);
    return it == form->end() ? std::string() : it->second;
  };
  if (!sameSecret(field("csrf"), csrfFor(session->id))) return refused(t, 403, "phone_bad_form", code.source);
  const std::string commitment = field("commitment");
  const auto list = impl.catalog.current(lease.db(), code.hall);
  const wire::Commitment* c = list ? list->find(commitment) : nullptr;
  if (!c || !mayRate(code, commitment))
    return messagePage(t, 404, t["phone_refused_title"], t["phone_unknown_commitment"], "");
  const std::string rating = field("rating");
  if (rating != "good" && rating != "fair" && rating != "poor")
    return messagePage(t, 400, t["phone_refused_title"], t["phone_bad_form"], "");
  const std::string self = std::string(ep::kPhoneRoot) + visit.parts.at(0);

  std::optional<std::string> reason;
  if (rating == "poor") {
    const auto chosen = form->find("reason");
    if (chosen == form->end() && !list->reasons.empty()) {  // 差 first asks why, as the kiosk does
      Data d = commitmentData(t, *c);
      d.set("action", self + "/vote" + langQuery(t));
      d.set("csrf", csrfFor(session->id));
      Data reasons{Data::type::list};
      for (const auto& r : list->reasons) {
        Data item{Data::type::object};
        item.set("code", r.code);
        item.set("label", r.label);
        reasons.push_back(std::move(item));
      }
      d.set("reasons", reasons);
      Response res = renderPage(t, 200, "phone_reason", t["phone_reason_title"], std::move(d));
      res.headers.emplace_back("Cache-Control", "no-store");
      return res;
    }
    if (chosen != form->end() && !chosen->second.empty() && chosen->second != "none") {
      if (!list->hasReason(chosen->second))
        return messagePage(t, 400, t["phone_refused_title"], t["phone_bad_form"], "");
      reason = chosen->second;
    }
  }

  if (!impl.sessions.noteVote(session->id, c->id, now)) return refused(t, 429, "phone_votes_used_up", code.source);
  const IngestResult result = impl.api.recordPhoneVote(
      {code.source, code.hall, session->id, c->id, list->version, rating, reason, code.channel});

  Data d{Data::type::object};
  d.set("title", c->title);
  d.set("heading", t["phone_thanks_title"]);
  d.set("message", t[result == IngestResult::Accepted ? "phone_thanks" : "phone_already"]);
  d.set("more_label", t["phone_more"]);
  if (!code.commitment) d.set("more", self + langQuery(t));
  if (impl.publicPage.open.covers(code.hall))
    d.set("results", std::string(ep::kPublicRoot) + urlEncode(code.hall) + langQuery(t));
  offerSuggestion(impl, d, code.hall, visit.parts.at(0), t);
  Response res = renderPage(t, 200, "phone_thanks", t["phone_thanks_title"], std::move(d));
  res.headers.emplace_back("Cache-Control", "no-store");
  res.principal = "phone:" + code.source;
  return res;
}

}  // namespace hub::phone
