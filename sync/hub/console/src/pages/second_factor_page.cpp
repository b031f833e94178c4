// 双因素认证: a leader or an administrator (and staff where `[console] second_factor` says so) sets
// up a TOTP second factor. The page makes a new secret each time it is drawn (the QR code and key
// are shown this once, and the secret is kept sealed), the form confirms it with a code the app
// shows, and only then is it on — with ten recovery codes shown once, kept as hashes. Resetting it
// is for another administrator (用户管理), never for the account itself.
#include <openssl/rand.h>

#include <stdexcept>

#include "../page_context.hpp"
#include "hub/console/qr_svg.hpp"
#include "hub/console/totp.hpp"
#include "wire/crypto.hpp"

namespace hub::console {

namespace {

constexpr int kRecoveryCodes = 10;

std::string randomBytes(std::size_t n) {
  std::string bytes(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(n)) != 1)
    throw std::runtime_error("no random bytes");
  return bytes;
}

// "ABCD-EFGH-JKLM-NPQR": 80 random bits in base32, in groups a person can copy.
std::string newRecoveryCode() {
  const std::string letters = totp::base32(randomBytes(10));
  return letters.substr(0, 4) + "-" + letters.substr(4, 4) + "-" + letters.substr(8, 4) + "-" + letters.substr(12, 4);
}

// The key as people copy it: groups of four.
std::string grouped(const std::string& base32) {
  std::string out;
  for (std::size_t i = 0; i < base32.size(); i += 4) out += (out.empty() ? "" : " ") + base32.substr(i, 4);
  return out;
}

Response enrolment(PageContext& ctx, const std::string& secret, const std::string& message, int status) {
  const Strings& t = ctx.t;
  Data content;
  content.set("required", true);
  content.set("enrolling", true);
  content.set("qr", qrSvg(totp::otpauthUri(ctx.config.issuer, ctx.user.login, secret)));
  content.set("secret", grouped(totp::base32(secret)));
  content.set("csrf", ctx.session.csrf);
  content.set("message", message);
  content.set("has_message", !message.empty());
  Response res = renderPage(ctx, "second_factor", t["second_factor_title"], content, false);
  res.status = status;
  return res;
}

}  // namespace

std::string recoveryCodeHash(const std::string& typed) {
  std::string letters;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    letters += c;
  }
  return wire::sha256Hex("recovery:" + letters);
}

Response secondFactorPage(PageContext& ctx) {
  const Strings& t = ctx.t;
  if (const auto factor = ctx.secondFactors->of(ctx.user.login); factor && factor->confirmed) {
    Data content;
    content.set("enrolled", true);
    content.set("codes_left", replaceText(t["second_factor_codes_left"], "{n}",
                                          std::to_string(ctx.secondFactors->recoveryCodesLeft(ctx.user.login))));
    return renderPage(ctx, "second_factor", t["second_factor_title"], content, false);
  }
  const std::string secret = randomBytes(totp::kSecretBytes);
  ctx.secondFactors->begin(ctx.user.login, ctx.seal->seal(secret), ctx.now);
  return enrolment(ctx, secret, "", 200);
}

Response secondFactorForm(PageContext& ctx, const Fields& form) {
  const Strings& t = ctx.t;
  const auto factor = ctx.secondFactors->of(ctx.user.login);
  if (!factor || factor->confirmed) throw PageError{409, "err_2fa_nothing"};
  const auto secret = ctx.seal->open(factor->sealedSecret);
  if (!secret) throw PageError{409, "err_2fa_changed"};
  const auto it = form.find("code");
  const auto step = totp::matchingStep(*secret, it == form.end() ? "" : it->second, ctx.now, 0);
  if (!step) return enrolment(ctx, *secret, t["second_factor_wrong"], 400);
  std::vector<std::string> codes, hashes;
  for (int i = 0; i < kRecoveryCodes; ++i) {
    codes.push_back(newRecoveryCode());
    hashes.push_back(recoveryCodeHash(codes.back()));
  }
  if (!ctx.secondFactors->confirm(ctx.user.login, *step, hashes, ctx.now)) throw PageError{409, "err_2fa_done"};
  ctx.accounts.audit(ctx.user.login, "second_factor_on", "", ctx.request.peer, ctx.now);
  Data list{Data::type::list};
  for (const auto& c : codes) list.push_back(Data(c));
  Data content;
  content.set("recovery_codes", true);
  content.set("codes", list);
  return renderPage(ctx, "second_factor", t["second_factor_title"], content, false);
}

}  // namespace hub::console
