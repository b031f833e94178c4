#!/usr/bin/env bash
# CTest keeps a list as one string split at ';', so a doctest test case named "a; b" is registered as two
# tests that each match nothing and fail in CI only. Every such name is printed; exits 1 if any.
set -u
root=${1:?usage: check_test_names.sh SOURCE_ROOT}
cd "$root" || exit 2
hits=$(grep -rnE 'TEST_CASE\("[^"]*;' --include='*.cpp' tests)
if [ -n "$hits" ]; then
  echo "a test name with ';' (CTest splits it in two; use ',' or 'and'):"
  echo "$hits" | sed 's/^/  /'
  exit 1
fi
echo "no test name has a ';'"
