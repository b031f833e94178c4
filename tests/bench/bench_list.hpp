// Builds large, realistic commitment lists for benchmarks from the demo list's vocabulary.
// Pure function; any thread.
#pragma once

#include <string>

namespace bench {

// A commitment-list/1 JSON document with `count` commitments.
std::string makeLargeList(const std::string& demoListJson, int count);

}  // namespace bench
