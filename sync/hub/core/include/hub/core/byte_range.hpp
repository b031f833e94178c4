// The one Range header the hub honours, on package downloads (RFC 9110 §14.1.2): a single
// "bytes=first-" or "bytes=first-last" — what a resumed download sends. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace hub {

struct ByteRange {
  std::int64_t first = 0, last = 0;  // inclusive
  std::int64_t length() const { return last - first + 1; }
};

enum class RangeAnswer { Whole, Part, Unsatisfiable };

// What to send of a resource of `size` bytes for this Range header: the whole (no header, or one
// the hub does not read, such as several ranges or a suffix), a part, or 416 (first past the end).
// `last` is clipped to the end of the resource.
RangeAnswer byteRange(std::string_view header, std::int64_t size, ByteRange& range);

}  // namespace hub
