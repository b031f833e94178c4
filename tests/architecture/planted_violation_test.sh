#!/usr/bin/env bash
# The dependency check must fail on a tree that breaks the rule: copy the tree, plant one include
# of a kiosk header in the hub (and one of the hub's store in its core), and expect
# check_dependencies.sh to name that file and fail.
set -u
root=${1:?usage: planted_violation_test.sh SOURCE_ROOT}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/kiosk" "$work/sync"
cp -r "$root/kiosk/core" "$work/kiosk/" && cp -r "$root/sync/hub" "$work/sync/"
"$here/check_dependencies.sh" "$work" >/dev/null || { echo "FAIL: the clean copy was reported as broken"; exit 1; }
echo '#include "kiosk/store/vote_store.hpp"' >>"$work/sync/hub/api/src/api.cpp"
out=$("$here/check_dependencies.sh" "$work")
rc=$?
if [ $rc -ne 1 ] || ! grep -q 'sync/hub/api/src/api.cpp' <<<"$out"; then
  echo "FAIL: a kiosk include in the hub was not caught (exit $rc): $out"
  exit 1
fi
sed -i '$d' "$work/sync/hub/api/src/api.cpp"
# An upward include inside the hub: its pure core reaching for the store.
echo '#include "hub/store/hub_store.hpp"' >>"$work/sync/hub/core/src/disputes.cpp"
out=$("$here/check_dependencies.sh" "$work")
rc=$?
if [ $rc -ne 1 ] || ! grep -q 'sync/hub/core/src/disputes.cpp' <<<"$out"; then
  echo "FAIL: the hub core including its store was not caught (exit $rc): $out"
  exit 1
fi
sed -i '$d' "$work/sync/hub/core/src/disputes.cpp"
echo 'int x;  // #include <SDL.h> in a comment is not an include' >"$work/kiosk/core/comment.cpp"
"$here/check_dependencies.sh" "$work" >/dev/null || { echo "FAIL: a commented-out include was reported"; exit 1; }
echo "a planted violation is caught and named"
