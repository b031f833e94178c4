#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then the installed kiosk runs its demo under Xvfb from
# that prefix alone: it must find its config, strings, list, photos and font choice in
# share/commitment-kiosk, not in the source tree it was built from. Proven by breaking the
# installed copies (a config, a font choice) and seeing the installed paths named in the errors.
set -euo pipefail
source "$(dirname "$0")/../window/lib.sh"
ensure_xvfb "$@"
build=$1
artifacts=$2
mkdir -p "$artifacts"
use_workspace
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log"
share="$prefix/share/commitment-kiosk"
for f in bin/kiosk bin/kiosk-hub bin/kioskctl share/commitment-kiosk/assets/fonts/families.txt \
         share/commitment-kiosk/assets/demo/photos/c-0001.jpg share/commitment-kiosk/config/kiosk.toml \
         share/commitment-kiosk/config/strings/zh-CN.toml share/commitment-kiosk/config/demo/commitments.json \
         share/doc/kiosk-hub/examples/hub.toml lib/systemd/system/commitment-kiosk.service; do
  [ -e "$prefix/$f" ] || { echo "FAIL: not installed: $f" >&2; exit 1; }
done
[ ! -e "$share/config/demo/run_demo.sh" ] || { echo "FAIL: the build-tree demo runner was installed" >&2; exit 1; }
"$prefix/bin/kiosk-hub" --help >/dev/null && "$prefix/bin/kioskctl" --help >/dev/null

# The installed kiosk runs its demo and draws the installed photos.
"$prefix/bin/kiosk" --demo --data-dir "$work/data" --windowed 1280x800 --journal-targets >"$work/journal" 2>"$work/stderr" &
pid=$!
wait_for "$work/journal" '^ready '
win=$(kiosk_window "$pid")
xdotool windowfocus --sync "$win"
xdotool key Return
wait_for "$work/journal" '^screen list$'
import -window "$win" "$artifacts/installed-kiosk-list.png"
echo "screenshot: $artifacts/installed-kiosk-list.png"
grep -q 'layout-problem' "$work/journal" && { echo "FAIL: layout problems" >&2; cat "$work/journal" >&2; exit 1; }
kill -TERM "$pid"
wait "$pid" || { echo "FAIL: the installed kiosk did not stop cleanly" >&2; exit 1; }
pid=

# It really reads the installed files: break them one at a time and see their paths named.
cp "$share/config/kiosk.toml" "$work/kiosk.toml.good"
printf '[timing]\nidle_timeout_s = 3\n[kiosk]\nlist = "demo/commitments.json"\n' >"$share/config/kiosk.toml"
set +e
"$prefix/bin/kiosk" --demo --data-dir "$work/data" 2>"$work/err1"; rc=$?
set -e
[ $rc -eq 2 ] && grep -q "$share/config/kiosk.toml" "$work/err1" ||
  { echo "FAIL: the installed config was not the one read (exit $rc):" >&2; cat "$work/err1" >&2; exit 1; }
cp "$work/kiosk.toml.good" "$share/config/kiosk.toml"
printf '# every family commented out\nlang = zh-cn\n' >"$share/assets/fonts/families.txt"
set +e
"$prefix/bin/kiosk" --demo --data-dir "$work/data" 2>"$work/err2"; rc=$?
set -e
[ $rc -eq 1 ] && grep -q "no usable Chinese font: $share/assets/fonts/families.txt names no font family" "$work/err2" ||
  { echo "FAIL: the installed font choice was not the one read (exit $rc):" >&2; cat "$work/err2" >&2; exit 1; }
echo "installed into $prefix: the kiosk runs from share/commitment-kiosk alone"
