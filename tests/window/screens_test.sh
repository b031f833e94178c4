#!/usr/bin/env bash
# Every screen of the real kiosk in the three supported layouts (landscape 1920x1080 and
# 1280x800, portrait 1080x1920), driven with the mouse as a finger: each screenshot is written to
# ARTIFACTS/screens/<layout>/<screen>.png, must not be blank, and the kiosk's own layout audit
# (--journal-targets) must report no text leaving its card or the screen.
set -euo pipefail
export KIOSK_XVFB_SCREEN=1920x1920
source "$(dirname "$0")/lib.sh"
ensure_xvfb "$@"
kiosk=$1
artifacts=$2/screens
root=$(cd "$(dirname "$0")/../.." && pwd)
use_workspace
failures=0

# start_kiosk LAYOUT NAME [ARGS...]: a fresh kiosk in a window of LAYOUT pixels.
start_kiosk() {
  local layout=$1 name=$2
  shift 2
  journal="$work/$layout-$name.journal"
  "$kiosk" --windowed "$layout" --journal-targets "$@" >"$journal" 2>"$work/$layout-$name.stderr" &
  pid=$!
  wait_for "$journal" '^targets screen='
  win=$(kiosk_window "$pid")
}
stop_kiosk() {
  kill "$pid"
  wait "$pid" || true
  pid=
}

# center SCREEN TARGET: the middle of a tap target as the kiosk last reported it for that screen.
center() {
  grep "^targets screen=$1 " "$journal" | tail -n 1 | tr ' ' '\n' | grep "^$2=" | cut -d= -f2 |
    awk -F, '{ printf "%d %d", ($1 + $3) / 2, ($2 + $4) / 2 }'
}
click() { xdotool mousemove --window "$win" $1 click 1; }
# tap SCREEN TARGET NEXT: tap a target and wait until the kiosk has settled on NEXT (a fresh
# targets line for it: the kiosk prints one on the second frame after a tap, once layout is stable).
tap() {
  local before deadline=$((SECONDS + 30))
  before=$(count_lines "$journal" "^targets screen=$3 ")
  click "$(center "$1" "$2")"
  until [ "$(count_lines "$journal" "^targets screen=$3 ")" -gt "$before" ]; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "timed out waiting for screen $3" >&2; cat "$journal" >&2; exit 1; }
    sleep 0.05
  done
}

# shot LAYOUT NAME: the kiosk window as a PNG, checked for content (a blank or single-colour
# window has almost no distinct colours).
shot() {
  local file="$artifacts/$1/$2.png"
  mkdir -p "$artifacts/$1"
  import -window "$win" "$file"
  local colours size
  colours=$(identify -format '%k' "$file")
  size=$(identify -format '%wx%h' "$file")
  echo "screenshot $file ($size, $colours colours)"
  if [ "$colours" -lt 50 ]; then
    echo "FAIL: $file looks blank ($colours colours)" >&2
    failures=$((failures + 1))
  fi
  [ "$size" = "$1" ] || { echo "FAIL: $file is $size, not $1" >&2; failures=$((failures + 1)); }
}

# The results run: kiosk.toml with badges on and a [sync] hub that is never there (port 9, discard),
# and the results a hub sent earlier saved in each data folder.
sed -e "s|^list = \"demo/|list = \"$root/config/demo/|" -e "s|^photo_dir = \"../|photo_dir = \"$root/|" \
  -e "s|^strings_dir = \"strings\"|strings_dir = \"$root/config/strings\"|" -e 's|^badge = false|badge = true|' \
  "$root/config/kiosk.toml" >"$work/results.toml"
append_offline_sync "$work/results.toml" "$work"
outcome="窗口增设叫号屏，等候时间每日公示；周末延时服务到下午六点，老年人可预约上门办理，办理进度短信告知"
for layout in 1920x1080 1280x800 1080x1920; do
  mkdir -p "$work/$layout-results"
  cat >"$work/$layout-results/results.json" <<JSON
{"hall":"hall-01","from":"2026-08-29","to":"2026-11-26","results":[
 {"id":"c-0001","total":128,"satisfaction":0.859,"from":"2026-08-29","to":"2026-11-26","outcome":"$outcome"},
 {"id":"c-0002","total":41,"satisfaction":0.634,"from":"2026-08-29","to":"2026-11-26"},
 {"id":"c-0003","total":12,"satisfaction":1.0,"from":"2026-08-29","to":"2026-11-26"}]}
JSON
done

for layout in 1920x1080 1280x800 1080x1920; do
  # A resident's way through, then staff mode (demo PIN 246810).
  start_kiosk "$layout" main --demo --data-dir "$work/$layout-data"
  shot "$layout" attract
  tap attract start list; shot "$layout" list
  tap list chip:2 list; shot "$layout" list-filtered
  tap list chip:2 list
  tap list card:0 detail; shot "$layout" detail
  tap detail rate:poor reason; shot "$layout" reason
  tap reason reason:0 thanks; shot "$layout" thanks
  tap thanks finish attract
  # The hidden gesture: a finger held still in the top-left corner for 5 s.
  xdotool mousemove --window "$win" 20 20 mousedown 1
  wait_for "$journal" '^screen staff_pin$' 15
  xdotool mouseup 1
  wait_for "$journal" '^targets screen=staff_pin '
  for digit in 1 1 1 1; do click "$(center staff_pin pin:$digit)"; done
  tap staff_pin pin:ok staff_pin
  wait_for "$journal" '^staff-pin-rejected failures=1'
  shot "$layout" staff-pin-wrong
  for digit in 2 4 6 8 1 0; do click "$(center staff_pin pin:$digit)"; done
  tap staff_pin pin:ok staff
  shot "$layout" staff
  tap staff back attract
  # Large text and high contrast, as a resident with low vision sets them.
  tap attract pref:large attract
  tap attract pref:contrast attract; shot "$layout" attract-large-contrast
  tap attract start list; shot "$layout" list-large-contrast
  tap list card:0 detail; shot "$layout" detail-large-contrast
  stop_kiosk

  # 你评我改: a kiosk whose hub is out of reach shows the results it saved last time, with badges.
  start_kiosk "$layout" results --config "$work/results.toml" --data-dir "$work/$layout-results"
  wait_for "$journal" '^results-applied commitments=2$'
  tap attract start list; shot "$layout" list-results
  tap list card:0 detail; shot "$layout" detail-results
  tap detail back list
  tap list card:1 detail; shot "$layout" detail-results-no-outcome
  tap detail back list
  tap list back attract
  tap attract pref:large attract
  tap attract start list
  tap list card:0 detail; shot "$layout" detail-results-large
  stop_kiosk

  # Outside opening hours: every day closed.
  sed -e "s|^list = \"demo/|list = \"$root/config/demo/|" -e "s|^photo_dir = \"demo/|photo_dir = \"$root/config/demo/|" \
    -e "s|^strings_dir = \"strings\"|strings_dir = \"$root/config/strings\"|" \
    -e 's|^# \[hours\]$|[hours]|' "$root/config/kiosk.toml" >"$work/closed.toml"
  start_kiosk "$layout" closed --config "$work/closed.toml" --data-dir "$work/$layout-closed"
  grep -q '^targets screen=closed' "$journal" || { echo "FAIL: the closed config did not close" >&2; exit 1; }
  shot "$layout" closed
  stop_kiosk

  # Storage that cannot be opened: a folder where the database file should be.
  mkdir -p "$work/$layout-broken/kiosk.db"
  start_kiosk "$layout" out-of-service --demo --data-dir "$work/$layout-broken"
  grep -q '^targets screen=out_of_service' "$journal" || { echo "FAIL: no out-of-service screen" >&2; exit 1; }
  shot "$layout" out-of-service
  stop_kiosk
done

problems=$(cat "$work"/*.journal | grep '^layout-problem' || true)
if [ -n "$problems" ]; then
  echo "FAIL: text leaves its card or the screen:" >&2
  echo "$problems" >&2
  failures=$((failures + 1))
fi
shots=$(find "$artifacts" -name '*.png' | wc -l)
echo "$shots screenshots in $artifacts"
[ "$shots" -eq 51 ] || { echo "FAIL: expected 51 screenshots (17 screens x 3 layouts), found $shots" >&2; exit 1; }
[ "$failures" -eq 0 ] || exit 1
echo "PASS: every screen in every layout has content and no overflowing text"
