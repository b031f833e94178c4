#!/usr/bin/env bash
# The kiosk's command line and start-up checks: every bad input exits with a message that names
# the problem, before any window opens (so no display is needed), and touches no existing data.
set -euo pipefail
kiosk=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# expect CODE PATTERN -- ARGS...: run the kiosk, check its exit code and that stderr matches.
expect() {
  local code=$1 pattern=$2
  shift 3
  local got=0
  env -u DISPLAY "$kiosk" "$@" >"$work/out" 2>"$work/err" || got=$?
  if [ "$got" -ne "$code" ] || ! grep -Eq -- "$pattern" "$work/err"; then
    echo "FAIL: kiosk $* -> exit $got, stderr: $(cat "$work/err")  (wanted exit $code and /$pattern/)"
    failures=$((failures + 1))
  else
    echo "ok: kiosk $* -> exit $got: $(head -n 1 "$work/err")"
  fi
}

config() {  # config NAME BODY: a kiosk.toml using the demo list
  printf '[kiosk]\nlist = "%s/config/demo/commitments.json"\nstrings_dir = "%s/config/strings"\n%s\n' \
    "$root" "$root" "$2" >"$work/$1.toml"
}

expect 2 "give --config FILE, or --demo" -- 
expect 2 "--windowed must look like 1280x800" -- --demo --windowed 12x
expect 2 "does not exist|File does not exist" -- --config "$work/missing.toml"
config idle '[timing]
idle_timeout_s = 3'
expect 2 "timing.idle_timeout_s: must be between 10 and 3600 \(found 3\)" -- --config "$work/idle.toml"
config typo '[ratings]
poor_reasons = "off"'
expect 2 "ratings.poor_reasons: unknown key" -- --config "$work/typo.toml"
config lang '[display]
language = "fr"'
expect 2 "display.language: no string table for \"fr\"" -- --config "$work/lang.toml"

# A broken list: the field is named, and an existing database is left as it was.
sed 's/"kind": "post"/"kind": "booth"/' "$root/config/demo/commitments.json" >"$work/bad-list.json"
printf '[kiosk]\nlist = "%s"\nstrings_dir = "%s/config/strings"\n' "$work/bad-list.json" "$root" >"$work/badlist.toml"
mkdir -p "$work/data"
sqlite3 "$work/data/kiosk.db" "CREATE TABLE keep(x); INSERT INTO keep VALUES (42)"
before=$(sha256sum "$work/data/kiosk.db")
expect 2 "commitments\[15\]\.holder\.kind: has unknown value \"booth\"" -- --config "$work/badlist.toml" --data-dir "$work/data"
[ "$before" = "$(sha256sum "$work/data/kiosk.db")" ] || { echo "FAIL: the database changed"; failures=$((failures + 1)); }

# No CJK font installed: refuse to start rather than show tofu.
mkdir -p "$work/fc"
printf '<?xml version="1.0"?>\n<fontconfig><cachedir>%s/fc</cachedir></fontconfig>\n' "$work" >"$work/fonts.conf"
FONTCONFIG_FILE="$work/fonts.conf" expect 1 "no usable Chinese font: .*install fonts-noto-cjk" -- --demo --data-dir "$work/data2"

[ "$("$kiosk" --version)" = "kiosk 0.1.0" ] || { echo "FAIL: --version"; failures=$((failures + 1)); }
"$kiosk" --help >"$work/help" && grep -q -- "--windowed" "$work/help" || { echo "FAIL: --help"; failures=$((failures + 1)); }

[ "$failures" -eq 0 ] && echo "PASS: all bad inputs rejected with a named problem" || exit 1
