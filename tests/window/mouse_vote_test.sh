#!/usr/bin/env bash
# The real kiosk in a real X window, used with the mouse as a touch screen is (SDL delivers the
# first finger as the left button): click to start, click the first card, click 好. The vote must
# be stored once; a drag across the rating buttons must store nothing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_xvfb "$@"
kiosk=$1
artifacts=$2
mkdir -p "$artifacts"
use_workspace

"$kiosk" --demo --data-dir "$work/data" --windowed 1920x1080 --journal-targets >"$work/journal" 2>"$work/stderr" &
pid=$!
wait_for "$work/journal" '^targets screen=attract '
win=$(kiosk_window "$pid")
xdotool windowfocus --sync "$win"

# center SCREEN TARGET: the middle of a tap target as the kiosk reported it for that screen.
center() {
  grep "^targets screen=$1 " "$work/journal" | tail -n 1 | tr ' ' '\n' | grep "^$2=" | cut -d= -f2 |
    awk -F, '{ printf "%d %d", ($1 + $3) / 2, ($2 + $4) / 2 }'
}
click() { xdotool mousemove --window "$win" $1 click 1; }

click "$(center attract start)"
wait_for "$work/journal" '^targets screen=list '
click "$(center list card:0)"
wait_for "$work/journal" '^targets screen=detail '

# A drag from 好 across to 差 (a scroll gesture or a palm): nothing may be stored.
read -r gx gy <<<"$(center detail rate:good)"
read -r px py <<<"$(center detail rate:poor)"
xdotool mousemove --window "$win" "$gx" "$gy" mousedown 1
for step in 1 2 3 4 5 6; do xdotool mousemove --window "$win" $((gx + (px - gx) * step / 6)) "$gy"; done
xdotool mouseup 1
click "$(center detail rate:good)"
wait_for "$work/journal" '^vote-acknowledged commitment=c-0001 rating=good counted=1'
import -window root "$artifacts/mouse-thanks.png"

tally=$(sqlite3 "$work/data/kiosk.db" "SELECT commitment_id || '|' || rating || '|' || n FROM local_tally")
filtered=$(sqlite3 "$work/data/kiosk.db" "SELECT SUM(filtered) FROM tally")
echo "local_tally: $tally (filtered: $filtered)"
[ "$tally" = "c-0001|good|1" ] || { echo "FAIL: expected exactly one good vote for c-0001" >&2; exit 1; }
[ "$filtered" = "0" ] || { echo "FAIL: the drag was recorded" >&2; exit 1; }
echo "PASS: mouse taps vote once; a drag across the buttons votes nothing"
