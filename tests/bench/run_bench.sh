#!/usr/bin/env bash
# The benchmark: every figure of tests/README.md's tables, measured side by side in one run on this
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

# 1b. Speech: say() -> first sample to the audio output (a prompt, a long commitment), and the
# engine's memory (issue 26).
"$bench" speech

# 2. Frame times while drag-scrolling 1,000 commitments at 1920x1080, without and with 你评我改
# (every card carrying a satisfaction badge), one after the other in the same process set-up.
"$bench" write-list 1000 "$work/list1000.json" >/dev/null
"$bench" write-results "$work/list1000.json" "$work/results1000.json" >/dev/null
"$bench" frames "$work/list1000.json"
"$bench" frames "$work/list1000.json" "$work/results1000.json"

# 3-5. The real kiosk binary with 1,000 commitments: start to first frame, idle CPU, peak RSS; once
# as before, once with 你评我改 (saved results for every commitment, badges, a [sync] hub that is
# never there: its thread backs off in the background as a kiosk with a dead network would).
ticks_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

# idle_cpu LABEL: CPU of the kiosk over 10 s with nobody touching it.
idle_cpu() {
  local c0 c1 s0 s1
  c0=$(ticks_of "$pid"); s0=$(date +%s%N)
  sleep 10
  c1=$(ticks_of "$pid"); s1=$(date +%s%N)
  awk -v c="$((c1 - c0))" -v hz="$hz" -v ns="$((s1 - s0))" -v label="$1" \
    'BEGIN { printf "idle_cpu_%s percent_of_one_core=%.2f (%d ticks in %.1f s)\n", label, 100 * c / hz / (ns / 1e9), c, ns / 1e9 }'
}

# rested N: until the voice has fallen silent N times (journal `speech-rested`): idle means idle.
rested() {
  local deadline=$((SECONDS + 120))
  until [ "$(count_lines "$journal" '^speech-rested$')" -ge "$1" ]; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "FAIL: the voice never fell silent" >&2; exit 1; }
    sleep 0.1
  done
}

# run_kiosk VARIANT: one full run of the real binary; VARIANT is plain, results, read_aloud (朗读 on
# for every resident: the list and the commitment are read out, then it is idle) or silent.
run_kiosk() {
  local variant=$1 suffix=
  [ "$variant" = results ] && suffix=_with_results
  [ "$variant" = read_aloud ] && suffix=_with_read_aloud
  [ "$variant" = silent ] && suffix=_without_audio_device
  cat >"$work/kiosk.toml" <<TOML
[kiosk]
id = "bench"
list = "$work/list1000.json"
strings_dir = "$root/config/strings"
[timing]
idle_timeout_s = 600
[results]
badge = true
[speech]
enabled = $([ "$variant" = read_aloud ] && echo true || echo false)
TOML
  mkdir -p "$work/data-$variant"
  if [ "$variant" = results ]; then
    cp "$work/results1000.json" "$work/data-$variant/results.json"
    append_offline_sync "$work/kiosk.toml" "$work"
  fi
  journal="$work/journal-$variant"
  local t0 t1
  t0=$(date +%s%N)
  "$kiosk" --config "$work/kiosk.toml" --data-dir "$work/data-$variant" --windowed 1920x1080 >"$journal" 2>"$work/stderr" &
  pid=$!
  wait_for "$journal" '^ready ' 30
  t1=$(date +%s%N)
  echo "start_to_first_frame_ms$suffix wall=$(( (t1 - t0) / 1000000 )) $(grep -o 'first_frame_ms=[0-9]*' "$journal") (spawn to first presented frame, 1000 commitments)"
  [ "$variant" != results ] || grep -q '^results-applied commitments=1000$' "$journal" ||
    { echo "FAIL: the kiosk did not take the saved results" >&2; exit 1; }

  win=$(kiosk_window "$pid")
  xdotool windowfocus --sync "$win"
  xdotool key Return
  wait_for "$journal" '^screen list$'
  [ "$variant" = silent ] || rested 1  # read out (or, 朗读 off, the read-aloud key's one-line hint)
  idle_cpu "list_screen$suffix"   # nobody touches the list screen for 10 s
  xdotool key Return
  wait_for "$journal" '^screen detail$'
  [ "$variant" = read_aloud ] && rested 2
  idle_cpu "detail_screen$suffix"
  xdotool key Escape
  wait_for "$journal" '^screen list$'

  # Scroll through the list by dragging, then read the peak resident set.
  xdotool mousemove --sync 960 900
  for i in $(seq 1 15); do
    xdotool mousemove 960 900 mousedown 1
    for y in 820 740 660 580 500 420 340 260; do xdotool mousemove "960" "$y"; done
    xdotool mouseup 1
  done
  xdotool key Escape key Return  # leave and re-enter the list: a full re-render after the scroll
  wait_for "$journal" '^screen list$'
  echo "peak_rss_mb$suffix $(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status") (1000 commitments, after scrolling)"
  [ "$(grep -c '^screen detail' "$journal")" -eq 1 ] || { echo "FAIL: a scroll drag opened a commitment" >&2; exit 1; }
  kill "$pid"
  wait "$pid" || true
  pid=
}
run_kiosk plain
run_kiosk results
run_kiosk read_aloud
# The same as plain on a kiosk without an audio device (no voice at all): what speech costs.
SDL_AUDIODRIVER=none run_kiosk silent

echo "== hub benchmark (kiosk-hub over HTTPS on 127.0.0.1, embedded SQLite, WAL + synchronous=FULL)"
"$hub_bench" all
