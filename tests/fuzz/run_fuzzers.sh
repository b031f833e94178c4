#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan, coverage) in a build folder of their own
# and runs each for a short, fixed time over its corpus in tests/fuzz/corpus/<target>. New inputs
# go to a temporary folder, never into the repository; a crash leaves its input in ARTIFACTS and
# fails the run. Usage: run_fuzzers.sh SOURCE_ROOT BUILD_DIR ARTIFACTS [SECONDS_EACH]
set -euo pipefail
src=$1 build=$2 artifacts=$3 seconds=${4:-10}
mkdir -p "$artifacts"
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DKIOSK_FUZZ=ON -DKIOSK_BUILD_TESTS=OFF -DKIOSK_WERROR=OFF >/dev/null
cmake --build "$build" --target fuzzers
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=0 ran=0
for fuzzer in "$build"/tests/fuzz/fuzz_*; do
  name=$(basename "$fuzzer")
  mkdir -p "$work/$name"
  if "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="$artifacts/$name-" "$work/$name" "$src/tests/fuzz/corpus/$name" >"$work/$name.log" 2>&1; then
    echo "$name: $(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$work/$name.log" | tail -n 1)"
  else
    echo "FAIL: $name found a problem (input saved under $artifacts/$name-*):"
    tail -n 40 "$work/$name.log"
    failed=$((failed + 1))
  fi
  ran=$((ran + 1))
done
[ "$ran" -ge 10 ] || { echo "FAIL: only $ran fuzz targets were built"; exit 1; }
echo "$((ran - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
