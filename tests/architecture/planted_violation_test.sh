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
# plant INCLUDE FILE WHAT: the include added to FILE must fail the check naming FILE; then removed.
plant() {
  echo "#include \"$1\"" >>"$work/$2"
  local out rc
  out=$("$here/check_dependencies.sh" "$work")
  rc=$?
  if [ $rc -ne 1 ] || ! grep -q "$2" <<<"$out"; then
    echo "FAIL: $3 was not caught (exit $rc): $out"
    exit 1
  fi
  sed -i '$d' "$work/$2"
}
plant kiosk/store/vote_store.hpp sync/hub/api/src/api.cpp "a kiosk include in the hub"
plant hub/store/hub_store.hpp sync/hub/core/src/disputes.cpp "the hub core including its store (an upward include)"
plant hub/api/api.hpp sync/hub/jobs/src/case_sweeper.cpp "a job including the API (a sideways include)"
plant hub/jobs/alert_worker.hpp sync/hub/store/src/case_store.cpp "the store including a job (an upward include)"
echo 'int x;  // #include <SDL.h> in a comment is not an include' >"$work/kiosk/core/comment.cpp"
"$here/check_dependencies.sh" "$work" >/dev/null || { echo "FAIL: a commented-out include was reported"; exit 1; }
# A word the code looks up that no words file has is caught too (it would show as "?").
"$here/check_words.py" "$work" >/dev/null || { echo "FAIL: the clean copy's words were reported"; exit 1; }
echo '{{t.no_such_word}}' >>"$work/sync/hub/console/templates/login.mustache"
out=$("$here/check_words.py" "$work") && { echo "FAIL: an unknown word was not caught"; exit 1; }
grep -q "no_such_word" <<<"$out" || { echo "FAIL: the unknown word was not named: $out"; exit 1; }
# A path written out beside its header is caught too.
"$here/check_paths.sh" "$work" >/dev/null || { echo "FAIL: the clean copy's paths were reported"; exit 1; }
echo 'const char* planted = "/console/units";' >>"$work/sync/hub/console/src/pages/units_page.cpp"
out=$("$here/check_paths.sh" "$work") && { echo "FAIL: a path written out was not caught"; exit 1; }
grep -q "units_page.cpp" <<<"$out" || { echo "FAIL: the written-out path was not named: $out"; exit 1; }
echo "a planted violation is caught and named"
