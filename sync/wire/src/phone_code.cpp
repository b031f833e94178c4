#include "wire/phone_code.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

#include "wire/json_input.hpp"
#include "wire/list_limits.hpp"

namespace wire {

namespace {

using nlohmann::json;

constexpr std::size_t kSignatureBytes = 64;

bool isNonce(std::string_view n) {
  if (n.size() < 8 || n.size() > 32) return false;
  for (char c : n)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

void checkFields(const PhoneCode& c) {
  if (!limits::isSafeId(c.kiosk)) throw PhoneCodeError("k: not a kiosk id");
  if (!limits::isSafeId(c.hall)) throw PhoneCodeError("h: not a hall id");
  if (c.issuedAt <= 0) throw PhoneCodeError("t: not a time");
  if (!isNonce(c.nonce)) throw PhoneCodeError("n: not a nonce (8-32 base64url characters)");
  if (c.commitment && !limits::isSafeId(*c.commitment)) throw PhoneCodeError("c: not a commitment id");
}

// The JSON parser's errors, in this format's words.
struct JsonError : PhoneCodeError {
  JsonError(const std::string&, const std::string& what) : PhoneCodeError(what) {}
};

}  // namespace

std::string newPosterCode() { return std::string(kPosterCodePrefix) + base64UrlEncode(randomBytes(16)); }

bool isPosterCode(std::string_view text) {
  if (text.size() != kPosterCodeChars || text.substr(0, kPosterCodePrefix.size()) != kPosterCodePrefix) return false;
  for (const char c : text.substr(kPosterCodePrefix.size()))
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

std::string base64UrlEncode(std::string_view bytes) {
  std::string s = base64Encode(bytes);
  while (!s.empty() && s.back() == '=') s.pop_back();
  for (char& c : s) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return s;
}

std::string base64UrlDecode(std::string_view text) {
  std::string s(text);
  for (char& c : s) {
    if (c == '+' || c == '/' || c == '=') throw CryptoError("not base64url (+, / or = found)");
    c = c == '-' ? '+' : c == '_' ? '/' : c;
  }
  if (s.size() % 4 == 1) throw CryptoError("not base64url (impossible length)");
  while (s.size() % 4 != 0) s += '=';
  return base64Decode(s);
}

std::string makePhoneCode(const PhoneCode& code, const Ed25519PrivateKey& kioskKey) {
  checkFields(code);
  json payload{{"k", code.kiosk}, {"h", code.hall}, {"t", code.issuedAt}, {"n", code.nonce}};
  if (code.commitment) payload["c"] = *code.commitment;
  const std::string bytes = payload.dump();
  std::string text = base64UrlEncode(bytes + kioskKey.sign(bytes));
  if (text.size() > kMaxPhoneCodeChars) throw PhoneCodeError("longer than a QR code should carry");
  return text;
}

UnverifiedPhoneCode readPhoneCode(std::string_view text) {
  if (text.empty()) throw PhoneCodeError("empty");
  if (text.size() > kMaxPhoneCodeChars) throw PhoneCodeError("longer than any code");
  std::string raw;
  try {
    raw = base64UrlDecode(text);
  } catch (const CryptoError& e) {
    throw PhoneCodeError(e.what());
  }
  if (raw.size() <= kSignatureBytes) throw PhoneCodeError("too short to hold a payload and a signature");
  UnverifiedPhoneCode out;
  out.signedBytes = raw.substr(0, raw.size() - kSignatureBytes);
  out.signature = raw.substr(raw.size() - kSignatureBytes);
  const json doc = detail::parseJsonOrThrow<JsonError>(out.signedBytes, "the code's payload");
  if (!doc.is_object()) throw PhoneCodeError("the code's payload is not an object");
  for (const auto& [key, value] : doc.items())
    if (key != "k" && key != "h" && key != "t" && key != "n" && key != "c")
      throw PhoneCodeError(key.substr(0, 16) + ": not a field of a code");
  const auto field = [&](const char* key) -> std::string {
    const auto it = doc.find(key);
    if (it == doc.end() || !it->is_string()) throw PhoneCodeError(std::string(key) + ": missing or not a text");
    return it->get<std::string>();
  };
  out.code.kiosk = field("k");
  out.code.hall = field("h");
  out.code.nonce = field("n");
  const auto t = doc.find("t");
  if (t == doc.end() || !t->is_number_integer()) throw PhoneCodeError("t: missing or not a whole number");
  out.code.issuedAt = t->get<std::int64_t>();
  if (doc.contains("c")) out.code.commitment = field("c");
  checkFields(out.code);
  return out;
}

std::string_view nameOf(PhoneCodeVerdict v) {
  switch (v) {
    case PhoneCodeVerdict::Valid: return "valid";
    case PhoneCodeVerdict::Forged: return "forged";
    case PhoneCodeVerdict::Expired: return "expired";
    case PhoneCodeVerdict::FromTheFuture: return "from_the_future";
  }
  return "forged";
}

PhoneCodeVerdict checkPhoneCode(const UnverifiedPhoneCode& code, const Ed25519PublicKey& kioskKey, std::int64_t now,
                                std::int64_t lifetimeSeconds, std::int64_t skewSeconds) {
  if (!kioskKey.verify(code.signedBytes, code.signature)) return PhoneCodeVerdict::Forged;
  if (code.code.issuedAt > now + skewSeconds) return PhoneCodeVerdict::FromTheFuture;
  if (now - code.code.issuedAt > lifetimeSeconds) return PhoneCodeVerdict::Expired;
  return PhoneCodeVerdict::Valid;
}

}  // namespace wire
