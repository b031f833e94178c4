// Development certificates: valid from a day back, so a kiosk whose clock runs slow can still talk
// to a hub that was set up minutes ago.
#include <doctest/doctest.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>

#include "hub/server/dev_certificates.hpp"

namespace {
// Whether the certificate's notBefore lies before `unixTime`.
bool validBefore(const std::string& pem, std::time_t unixTime) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
  REQUIRE(cert);
  return X509_cmp_time(X509_get0_notBefore(cert.get()), &unixTime) < 0;
}
}  // namespace

TEST_CASE("the development CA and server certificate are valid from a day back") {
  const auto ca = hub::makeCertificateAuthority("test CA");
  const auto server = hub::makeServerCertificate(ca, {});
  const std::time_t twentyThreeHoursAgo = std::time(nullptr) - 23 * 3600;
  CHECK(validBefore(ca.certificatePem, twentyThreeHoursAgo));
  CHECK(validBefore(server.certificatePem, twentyThreeHoursAgo));
  CHECK_FALSE(validBefore(server.certificatePem, std::time(nullptr) - 25 * 3600));
}
