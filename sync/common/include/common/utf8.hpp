// Strict UTF-8 validation (RFC 3629): no overlong forms (C0, C1, E0 80..9F, F0 80..8F), no
// surrogates (ED A0..BF), nothing above U+10FFFF. Strictness matters when telling UTF-8 from
// GB18030: "联通" in GBK is C1 AA CD A8, which a loose check takes for UTF-8. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace common {

bool isValidUtf8(std::string_view text);
// Characters (code points) in valid UTF-8: what a person counts, "密码" is 2, not 6.
std::size_t countCharacters(std::string_view validUtf8);

}  // namespace common
