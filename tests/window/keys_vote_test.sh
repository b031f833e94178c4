#!/usr/bin/env bash
# The real kiosk binary in a real X window (Xvfb), driven by xdotool keys as a keypad would:
# Enter opens the list with the first card focused, Enter opens it, 1 rates it good; the vote must
# then be in local_tally exactly once. Screenshots of each screen go to the artifacts folder.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_xvfb "$@"
kiosk=$1
artifacts=$2
mkdir -p "$artifacts"
use_workspace

"$kiosk" --demo --data-dir "$work/data" --windowed 1920x1080 >"$work/journal" 2>"$work/stderr" &
pid=$!
wait_for "$work/journal" '^ready '
win=$(kiosk_window "$pid")
xdotool windowfocus --sync "$win"

shot() { import -window root "$artifacts/window-$1.png"; echo "screenshot: $artifacts/window-$1.png"; }
shot attract
xdotool key Return
wait_for "$work/journal" '^screen list$'
shot list
xdotool key Return
wait_for "$work/journal" '^screen detail$'
shot detail
xdotool key 1
wait_for "$work/journal" '^vote-acknowledged commitment=c-0001 rating=good counted=1'
wait_for "$work/journal" '^screen thanks$'
shot thanks

tally=$(sqlite3 "$work/data/kiosk.db" "SELECT commitment_id || '|' || rating || '|' || n FROM local_tally")
echo "local_tally: $tally"
[ "$tally" = "c-0001|good|1" ] || { echo "FAIL: expected exactly one good vote for c-0001" >&2; exit 1; }

# The screenshot is not blank: the kiosk painted more than one colour.
colours=$(convert "$artifacts/window-detail.png" -format '%k' info:)
[ "$colours" -gt 16 ] || { echo "FAIL: detail screenshot has only $colours colours" >&2; exit 1; }

# A wall clock set while the kiosk sleeps wakes it (the next opening or closing moved). The clock
# is set to the time it already shows, so the machine's clock does not move; needs CAP_SYS_TIME.
if python3 -c 'import time; time.clock_settime(time.CLOCK_REALTIME, time.clock_gettime(time.CLOCK_REALTIME))' 2>/dev/null; then
  wait_for "$work/journal" '^wall-clock-set$'
else
  echo "note: cannot set the clock here (no CAP_SYS_TIME): the wake on a clock set is not exercised"
fi

kill -TERM "$pid"
wait "$pid" && status=0 || status=$?
pid=
[ "$status" -eq 0 ] || { echo "FAIL: kiosk exited with $status on SIGTERM" >&2; cat "$work/stderr" >&2; exit 1; }
# Full-screen (kiosk mode, cursor hidden): window-close requests are ignored, but SIGTERM from
# systemd must still stop the kiosk cleanly.
printf '[kiosk]\nlist = "%s"\nstrings_dir = "%s"\n[display]\nhide_cursor = true\n' \
  "$(cd "$(dirname "$0")/../.." && pwd)/config/demo/commitments.json" \
  "$(cd "$(dirname "$0")/../.." && pwd)/config/strings" >"$work/fullscreen.toml"
"$kiosk" --config "$work/fullscreen.toml" --data-dir "$work/data2" >"$work/journal2" 2>>"$work/stderr" &
pid=$!
wait_for "$work/journal2" '^ready window=1920x1080 '
shot fullscreen
kill -TERM "$pid"
wait "$pid" && status=0 || status=$?
pid=
[ "$status" -eq 0 ] || { echo "FAIL: full-screen kiosk exited with $status on SIGTERM" >&2; exit 1; }
echo "PASS: keypad vote stored once; clean shutdown, windowed and full-screen"
