#!/usr/bin/env bash
# The benchmark: every figure of the README's tables, measured side by side in one run on this
# machine (the kiosk under Xvfb). Usage: run_bench.sh KIOSK KIOSK_BENCH HUB_BENCH
set -euo pipefail
source "$(dirname "$0")/../window/lib.sh"
ensure_xvfb "$@"
kiosk=$1
bench=$2
hub_bench=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
use_workspace

echo "== kiosk benchmark ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), Xvfb 1920x1080, Mesa llvmpipe)"

# 1. Tap -> durable vs a bare WAL+FULL commit on the same disk (interleaved in one process).
"$bench" store "$work/store"

# 2. Frame times while drag-scrolling 1,000 commitments at 1920x1080.
"$bench" write-list 1000 "$work/list1000.json" >/dev/null
"$bench" frames "$work/list1000.json"

# 3-5. The real kiosk binary with 1,000 commitments: start to first frame, idle CPU, peak RSS.
cat >"$work/kiosk.toml" <<TOML
[kiosk]
id = "bench"
list = "$work/list1000.json"
strings_dir = "$root/config/strings"
[timing]
idle_timeout_s = 600
TOML
ticks_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

t0=$(date +%s%N)
"$kiosk" --config "$work/kiosk.toml" --data-dir "$work/data" --windowed 1920x1080 >"$work/journal" 2>"$work/stderr" &
pid=$!
wait_for "$work/journal" '^ready ' 30
t1=$(date +%s%N)
echo "start_to_first_frame_ms wall=$(( (t1 - t0) / 1000000 )) $(grep -o 'first_frame_ms=[0-9]*' "$work/journal") (spawn to first presented frame, 1000 commitments)"

win=$(kiosk_window "$pid")
xdotool windowfocus --sync "$win"
xdotool key Return
wait_for "$work/journal" '^screen list$'

# Idle: nobody touches the list screen for 10 s.
c0=$(ticks_of "$pid"); s0=$(date +%s%N)
sleep 10
c1=$(ticks_of "$pid"); s1=$(date +%s%N)
awk -v c="$((c1 - c0))" -v hz="$hz" -v ns="$((s1 - s0))" \
  'BEGIN { printf "idle_cpu_list_screen percent_of_one_core=%.2f (%d ticks in %.1f s)\n", 100 * c / hz / (ns / 1e9), c, ns / 1e9 }'

# Scroll through the list by dragging, then read the peak resident set.
xdotool mousemove --sync 960 900
for i in $(seq 1 15); do
  xdotool mousemove 960 900 mousedown 1
  for y in 820 740 660 580 500 420 340 260; do xdotool mousemove "960" "$y"; done
  xdotool mouseup 1
done
xdotool key Escape key Return  # leave and re-enter the list: a full re-render after the scroll
wait_for "$work/journal" '^screen list$'
echo "peak_rss_mb $(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status") (1000 commitments, after scrolling)"
grep -q '^screen detail' "$work/journal" && { echo "FAIL: a scroll drag opened a commitment" >&2; exit 1; }
kill "$pid"
wait "$pid" || true
pid=

echo "== hub benchmark (kiosk-hub over HTTPS on 127.0.0.1, embedded SQLite, WAL + synchronous=FULL)"
"$hub_bench" all
