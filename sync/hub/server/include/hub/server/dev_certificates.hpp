// Certificates for development and tests, made with OpenSSL: a CA, and server certificates it
// signs with chosen names and validity (so tests can also make expired or wrongly named ones).
// Production halls use certificates from their own PKI. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace hub {

struct KeyAndCertificate {
  std::string keyPem;
  std::string certificatePem;
};

struct ServerCertificateSpec {
  std::string commonName = "localhost";
  std::vector<std::string> dnsNames{"localhost"};
  std::vector<std::string> ipAddresses{"127.0.0.1", "::1"};
  // Relative to now; negative = in the past. A day back by default, so a kiosk whose clock runs
  // a few minutes (or hours) slow can still talk to a hub just set up.
  long validFromDays = -1;
  long validToDays = 825;
};

KeyAndCertificate makeCertificateAuthority(const std::string& name, long validDays = 3650);
KeyAndCertificate makeServerCertificate(const KeyAndCertificate& ca, const ServerCertificateSpec& spec);

}  // namespace hub
