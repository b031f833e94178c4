#!/usr/bin/env bash
# The demo: a kiosk-hub on embedded SQLite, the demo list signed with a demo key and published to
# it, and the kiosk showing that list and syncing its votes over TLS every 10 seconds.
# Usage: run_demo.sh BIN_DIR [kiosk options...]   (the build's kiosk, kiosk-hub and kioskctl)
# State lives in $XDG_STATE_HOME/commitment-kiosk/demo-system (default ~/.local/state/...).
set -euo pipefail
bin=$1
shift
kiosk="$bin/kiosk/kiosk" hub="$bin/sync/hub/kiosk-hub" ctl="$bin/sync/kioskctl/kioskctl"
root=$(cd "$(dirname "$0")/../.." && pwd)
state=${KIOSK_DEMO_STATE:-${XDG_STATE_HOME:-$HOME/.local/state}/commitment-kiosk/demo-system}
mkdir -p "$state"
hubdir="$state/hub"

if [ ! -f "$hubdir/hub.toml" ]; then
  echo "demo: first run, setting up a hub in $hubdir"
  "$hub" init --dir "$hubdir" --deployment zibo-zhangdian
  "$ctl" keygen --out "$state/demo-admin.pem" --public-out "$state/demo-admin.pub"
  "$hub" key add --dir "$hubdir" --key-id demo-admin "$state/demo-admin.pub"
  ( umask 077
    "$hub" token create --dir "$hubdir" --role kiosk --kiosk-id hall-01-k1 --hall hall-01 >"$state/kiosk.token"
    "$hub" token create --dir "$hubdir" --role admin >"$state/admin.token"
    "$hub" token create --dir "$hubdir" --role staff --hall hall-01 >"$state/staff.token" )
fi

# Two-factor sign-in (TOTP) is off in the demo, so the console can be tried without a phone; a hub
# made by `kiosk-hub init` asks it of leaders and administrators.
if grep -q '^second_factor = ' "$hubdir/hub.toml"; then
  sed -i 's/^second_factor = .*/second_factor = []  # the demo: off, so it can be tried without a phone/' "$hubdir/hub.toml"
else
  sed -i 's/^\[console\]$/[console]\nsecond_factor = []  # the demo: off, so it can be tried without a phone/' "$hubdir/hub.toml"
fi

# 扫码评价 and the public results page are on in the demo (a hub made by init has them off): the
# kiosk shows a QR code, and a browser on this machine can vote with it or read the results.
sed -i -e '/^\[phone\]/,/^\[/ s/^enabled = false/enabled = true/' \
       -e '/^\[poster\]/,/^\[/ s/^enabled = false/enabled = true/' \
       -e '/^\[public\]/,/^\[/ s/^enabled = false/enabled = true/' \
       -e '/^\[public\]/,/^\[/ s/^halls = \[\]/halls = ["hall-01"]/' "$hubdir/hub.toml"

# A console login for the demo (also for demo folders made before the console existed).
if [ ! -f "$state/console-password" ]; then
  ( umask 077; head -c 12 /dev/urandom | base64 | tr -d '/+=' >"$state/console-password" )
  "$hub" user add --dir "$hubdir" --login demo-admin --role admin <"$state/console-password"
fi

# The demo hall by the name people would know it by (pages and ledgers show names, not ids).
"$hub" hall name --dir "$hubdir" --hall hall-01 --name "示范街道党群服务中心" --order 1 2>/dev/null

touch "$state/hub.log"
seen=$(wc -l <"$state/hub.log")  # the log is appended across runs: read only this run's lines
"$hub" serve --dir "$hubdir" --listen 127.0.0.1:0 2>>"$state/hub.log" &
hub_pid=$!
trap 'kill "$hub_pid" 2>/dev/null; wait "$hub_pid" 2>/dev/null || true' EXIT
port=
for _ in $(seq 1 200); do  # up to 10 s for the hub to report the port it bound
  port=$(tail -n +"$((seen + 1))" "$state/hub.log" | sed -n 's/.*event=listening address=127.0.0.1 port=\([0-9]*\).*/\1/p')
  [ -n "$port" ] && break
  kill -0 "$hub_pid" 2>/dev/null || break
  sleep 0.05
done
[ -n "$port" ] || { echo "demo: the hub did not start; see $state/hub.log" >&2; exit 1; }
url="https://127.0.0.1:$port"
echo "demo: hub listening on $url (log: $state/hub.log)"

# Publish the demo list once per hub (a hub refuses the same version twice).
if [ ! -f "$state/published" ]; then
  "$ctl" list sign "$root/config/demo/commitments.json" --key "$state/demo-admin.pem" --key-id demo-admin \
    --out "$state/commitments.signed.json"
  "$ctl" list publish "$state/commitments.signed.json" --hub "$url" --ca "$hubdir/tls/ca.pem" \
    --token-file "$state/admin.token" >/dev/null
  touch "$state/published"
fi

cat >"$state/kiosk.toml" <<TOML
# Written by run_demo.sh for this run (the hub's port changes each time).
[kiosk]
id = "hall-01-k1"
list = "$root/config/demo/commitments.json"
photo_dir = "$root/assets/demo/photos"
strings_dir = "$root/config/strings"

[sync]
hub_url = "$url"
ca_file = "$hubdir/tls/ca.pem"
token_file = "$state/kiosk.token"
deployment = "zibo-zhangdian"
hall = "hall-01"
batch_interval_s = 10

[sync.trusted_keys]
demo-admin = "$state/demo-admin.pub"

[phone]
enabled = true
public_url = "$url"

[panel]
enabled = true
TOML

cat <<EOF2
demo: the staff console: $url/console/  — log in as demo-admin with password $(cat "$state/console-password")
      (the browser will warn about the demo's own certificate authority, $hubdir/tls/ca.pem;
       two-factor sign-in is off in the demo — a hub made by kiosk-hub init asks leaders and
       administrators for a code from an authenticator app)
demo: residents' phones: the kiosk shows a QR code (扫码评价) for $url/v/… — open it in a browser
      here (a phone must reach the hub's address); the public results: $url/public/hall-01
demo: starting the kiosk. Tap a commitment and rate it; within about 10 s the vote reaches the hub.
demo: see the hub's tally (CSV, opens in Excel/WPS) with:
  $ctl tallies --hub $url --ca $hubdir/tls/ca.pem --token-file $state/staff.token \\
      --from 2020-01-01 --to 2099-12-31 --format csv --out tallies.csv
EOF2
"$kiosk" --config "$state/kiosk.toml" --data-dir "$state/kiosk" --windowed 1280x800 "$@"
"$ctl" tallies --hub "$url" --ca "$hubdir/tls/ca.pem" --token-file "$state/staff.token" \
  --from 2020-01-01 --to 2099-12-31 --format csv --out "$state/tallies.csv" 2>/dev/null &&
  echo "demo: the hub's tally now: $state/tallies.csv" && cat "$state/tallies.csv"
