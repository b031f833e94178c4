#!/usr/bin/env bash
# kill -9 the kiosk at random moments while keys cast votes, restart it, repeat. Afterwards every
# vote the kiosk acknowledged must be in the database, and nothing twice: the database may hold at
# most one unacknowledged vote per kill (committed, killed before its acknowledgement was written).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_xvfb "$@"
kiosk=$1
artifacts=$2
rounds=${KIOSK_CRASH_ROUNDS:-8}
mkdir -p "$artifacts"
work=$(mktemp -d)
pid=
driver=
cleanup() {
  [ -n "$driver" ] && kill "$driver" 2>/dev/null
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

root=$(cd "$(dirname "$0")/../.." && pwd)
cat >"$work/kiosk.toml" <<TOML
[kiosk]
id = "crash-test"
list = "$root/config/demo/commitments.json"
photo_dir = "$root/assets/demo/photos"
strings_dir = "$root/config/strings"
[timing]
response_interval_s = 0
[ratings]
poor_reason = "off"
TOML

# One resident after another: open the focused card, rate it, go back, move on.
drive() {
  local keys=(Return)
  for i in $(seq 1 29); do keys+=(Return $((i % 3 + 1)) Escape Right); done
  keys+=(Escape Escape)
  while true; do xdotool key --delay 15 "${keys[@]}" 2>/dev/null || true; done
}

for round in $(seq 1 "$rounds"); do
  : >"$work/journal.$round"
  "$kiosk" --config "$work/kiosk.toml" --data-dir "$work/data" --windowed 1280x800 \
    >"$work/journal.$round" 2>>"$work/stderr" &
  pid=$!
  wait_for "$work/journal.$round" '^ready '
  win=$(kiosk_window "$pid")
  xdotool windowfocus --sync "$win"
  drive &
  driver=$!
  # Let some votes happen, then kill at a random point (bounded: at most ~1.5 s per round).
  wait_for "$work/journal.$round" '^vote-acknowledged' 30
  sleep "0.$((RANDOM % 9 + 1))"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
  kill "$driver" 2>/dev/null; wait "$driver" 2>/dev/null || true
  driver=
done

cat "$work"/journal.* >"$work/journal"
acked=$(count_lines "$work/journal" '^vote-acknowledged .* counted=1')
stored=$(sqlite3 "$work/data/kiosk.db" "SELECT COALESCE(SUM(n), 0) FROM local_tally")
echo "rounds=$rounds acknowledged=$acked stored=$stored"

# Per commitment and rating: stored >= acknowledged, and the surplus over all keys <= rounds.
grep -E '^vote-acknowledged .* counted=1' "$work/journal" | sed -E 's/.*commitment=([^ ]+) rating=([^ ]+).*/\1|\2/' |
  sort | uniq -c | awk '{print $2 "|" $1}' >"$work/acked"
sqlite3 "$work/data/kiosk.db" "SELECT commitment_id || '|' || rating || '|' || n FROM local_tally" >"$work/stored"
surplus=$(awk -F'|' 'NR==FNR { a[$1"|"$2]=$3; next } { s[$1"|"$2]=$3 }
  END { bad=0; extra=0
        for (k in a) { if ((s[k]+0) < a[k]) { print "LOST " k ": acknowledged " a[k] ", stored " (s[k]+0) > "/dev/stderr"; bad=1 } }
        for (k in s) { extra += s[k] - (a[k]+0) }
        if (bad) print -1; else print extra }' "$work/acked" "$work/stored")
[ "$acked" -gt 0 ] || { echo "FAIL: no vote was acknowledged" >&2; exit 1; }
[ "$surplus" -ge 0 ] || { echo "FAIL: an acknowledged vote was lost" >&2; exit 1; }
[ "$surplus" -le "$rounds" ] || { echo "FAIL: $surplus unacknowledged votes stored for $rounds kills" >&2; exit 1; }
integrity=$(sqlite3 "$work/data/kiosk.db" "PRAGMA integrity_check")
[ "$integrity" = "ok" ] || { echo "FAIL: integrity_check: $integrity" >&2; exit 1; }
echo "PASS: all $acked acknowledged votes stored; $surplus committed just before a kill"
