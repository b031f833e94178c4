// Percent-encoding of a URL component (RFC 3986: only A-Z a-z 0-9 - _ . ~ stay as they are), for
// the console's links and 钉钉's signature parameter. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace common {

std::string urlEncode(std::string_view text);

}  // namespace common
