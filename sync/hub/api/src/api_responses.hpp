// The API's answers as its route handlers build them — JSON bodies and errors, what kiosks poll with
// an ETag — and the administrator keys the hub trusts for what is signed offline. Shared by the API's
// source files only (not a public header). Pure helpers; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "hub/core/http_message.hpp"
#include "hub/core/principal.hpp"
#include "hub/store/hub_store.hpp"
#include "wire/crypto.hpp"
#include "wire/signed_envelope.hpp"

namespace hub::api_detail {

using nlohmann::json;

// Never throws on text that is not UTF-8 (it is replaced): an error message may quote the request.
inline Response jsonResponse(int status, const json& body) {
  return {status, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace) + "\n", {}};
}

inline Response error(int status, const std::string& message) { return jsonResponse(status, {{"error", message}}); }

// A document a kiosk polls: 200 with its ETag, or 304 when the kiosk has it already. Without an
// ETag of its own, the first 32 hex digits of the body's SHA-256.
inline Response cacheable(const Request& r, std::string body, std::string etag = "") {
  if (etag.empty()) etag = "\"" + wire::sha256Hex(body).substr(0, 32) + "\"";
  if (r.ifNoneMatch == etag) return {304, "application/json", "", {{"ETag", etag}}};
  return {200, "application/json", std::move(body), {{"ETag", etag}}};
}

// A kiosk's hall (its token names one).
inline std::string hallOf(const Principal& p) { return p.halls.empty() ? "" : p.halls.front(); }

// The administrator keys the hub trusts, for checking what administrators sign offline.
inline wire::TrustedKeys trustedKeysOf(HubStore& store) {
  wire::TrustedKeys trusted;
  for (const auto& [id, pem] : store.adminKeys()) trusted.emplace(id, wire::Ed25519PublicKey::fromPem(pem));
  return trusted;
}

}  // namespace hub::api_detail
