#!/usr/bin/env bash
# The Debian packages as an operator gets them: built from this source tree (a release build of its
# own: packaged binaries carry no sanitizer), checked (names, dependencies, maintainer scripts,
# conffiles, the hub's hardened unit), installed into this machine with `dpkg -i`, and then run:
# the installed kiosk-hub as its own system user (init, token, serve, backup) and the installed
# kioskctl against it over TLS (a key, a signed list published, tallies downloaded). Removed at the
# end. Needs root (dpkg); elsewhere it reports itself skipped (exit 77).
#
# `build` as a third argument: only build the packages (the CTest fixture the package tests share,
# tests/updater/update_runner_dpkg_test.cpp among them); without it, use the ones built.
set -euo pipefail
src=$1
build=$2
mode=${3:-test}
fail() { echo "FAIL: $*" >&2; exit 1; }
pkg="$build/package-build"

if [ "$mode" = build ]; then
  mkdir -p "$pkg"
  cmake -S "$src" -B "$pkg" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
    -DKIOSK_BUILD_TESTS=OFF -DKIOSK_PACKAGE=ON -DKIOSK_WERROR=ON >"$build/package-configure.log"
  cmake --build "$pkg" -j2 --target kiosk kiosk-hub kioskctl kiosk-updater >"$build/package-build.log" ||
    { tail -40 "$build/package-build.log" >&2; fail "release build for the packages"; }
  rm -f "$pkg"/*.deb
  (cd "$pkg" && cpack -G DEB >"$build/package-cpack.log" 2>&1) || { cat "$build/package-cpack.log" >&2; fail "cpack"; }
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then echo "SKIP: dpkg -i needs root"; exit 77; fi

deb() { ls "$pkg"/"$1"_*_amd64.deb; }
for p in commitment-kiosk kiosk-hub kioskctl commitment-kiosk-updater; do deb "$p" >/dev/null || fail "no package $p"; done
# Debian's own checks: no errors (warnings such as no-manual-page are known and accepted).
for p in commitment-kiosk kiosk-hub kioskctl commitment-kiosk-updater; do
  lintian --fail-on error "$(deb "$p")" >"$build/package-lintian-$p.log" 2>&1 ||
    { cat "$build/package-lintian-$p.log" >&2; fail "lintian reports errors in $p"; }
done
# Library dependencies from dpkg-shlibdeps, the rest named.
dpkg-deb -f "$(deb kiosk-hub)" Depends | grep -q 'libsqlite3-0' || fail "kiosk-hub does not depend on libsqlite3-0"
dpkg-deb -f "$(deb commitment-kiosk)" Depends | grep -q 'fonts-noto-cjk' || fail "the kiosk does not depend on CJK fonts"
dpkg-deb -f "$(deb commitment-kiosk)" Depends | grep -q 'libsdl2' || fail "the kiosk does not depend on SDL2"
dpkg-deb -f "$(deb commitment-kiosk)" Depends | grep -q 'libespeak-ng1' || fail "the kiosk does not depend on its voice"
dpkg-deb -f "$(deb commitment-kiosk)" Depends | grep -q 'libvorbisfile3' || fail "the kiosk cannot decode Ogg prompts"
dpkg-deb -f "$(deb commitment-kiosk)" Recommends | grep -q 'cage' || fail "the kiosk does not recommend cage"
for p in commitment-kiosk kiosk-hub; do
  dpkg-deb -I "$(deb $p)" postinst >/dev/null || fail "$p has no postinst"
  dpkg-deb -I "$(deb $p)" conffiles | grep -q '^/etc/' || fail "$p marks no conffile under /etc"
done

cleanup() {
  [ -n "${hub_pid:-}" ] && kill "$hub_pid" 2>/dev/null && wait "$hub_pid" 2>/dev/null
  dpkg --purge kiosk-hub commitment-kiosk-updater commitment-kiosk kioskctl >/dev/null 2>&1 || true
  [ -n "${work:-}" ] && rm -rf "$work"
}
trap cleanup EXIT
dpkg -i "$(deb commitment-kiosk)" "$(deb kiosk-hub)" "$(deb kioskctl)" "$(deb commitment-kiosk-updater)" >"$build/package-dpkg.log" 2>&1 ||
  { cat "$build/package-dpkg.log" >&2; fail "dpkg -i"; }

# What the maintainer scripts and the files did.
for f in /usr/bin/kiosk /usr/bin/kiosk-hub /usr/bin/kioskctl /usr/bin/kiosk-updater /etc/kiosk-hub/hub.toml.example \
         /usr/lib/systemd/system/kiosk-updater.service \
         /etc/commitment-kiosk/kiosk.toml.example /usr/lib/systemd/system/kiosk-hub.service \
         /usr/lib/systemd/system/commitment-kiosk.service /usr/share/commitment-kiosk/config/strings/zh-CN.toml; do
  [ -e "$f" ] || fail "not installed: $f"
done
getent passwd kiosk-hub | grep -q ':/usr/sbin/nologin$' || fail "no system user kiosk-hub with nologin"
getent passwd kiosk >/dev/null || fail "no system user kiosk"
[ "$(stat -c '%U %a' /var/lib/kiosk-hub)" = "kiosk-hub 700" ] || fail "/var/lib/kiosk-hub is $(stat -c '%U %a' /var/lib/kiosk-hub)"
unit=/usr/lib/systemd/system/kiosk-hub.service
for line in User=kiosk-hub StateDirectory=kiosk-hub ProtectSystem=strict NoNewPrivileges=yes ProtectHome=yes \
            PrivateTmp=yes CapabilityBoundingSet= "ExecStart=/usr/bin/kiosk-hub serve --dir /var/lib/kiosk-hub"; do
  grep -qx "$line" "$unit" || fail "kiosk-hub.service lacks $line"
done
grep -q '^ExecStart=/usr/bin/cage ' /usr/lib/systemd/system/commitment-kiosk.service || fail "the kiosk unit does not run cage"
if command -v systemd-analyze >/dev/null && [ -d /run/systemd/system ]; then
  systemd-analyze verify "$unit" || fail "systemd-analyze verify $unit"
fi
/usr/bin/kiosk --help >/dev/null || fail "the installed kiosk does not run"
/usr/bin/kiosk-updater --help >/dev/null || fail "the installed updater does not run"
grep -qx "ExecStart=/usr/bin/kiosk-updater" /usr/lib/systemd/system/kiosk-updater.service ||
  fail "kiosk-updater.service does not run the updater"

# The installed hub, as its own user, in a folder of its own.
work=$(mktemp -d /tmp/kiosk-hub-package.XXXXXX)
chown kiosk-hub:kiosk-hub "$work"
as_hub() { runuser -u kiosk-hub -- "$@"; }
# For the server: setpriv execs the hub itself (runuser would stay in between and keep SIGTERM from it).
exec_as_hub() { exec setpriv --reuid=kiosk-hub --regid=kiosk-hub --init-groups -- "$@"; }
as_hub /usr/bin/kiosk-hub init --dir "$work/hub" --deployment zibo-zhangdian 2>/dev/null
[ "$(stat -c '%U %a' "$work/hub/tls/server.key")" = "kiosk-hub 600" ] || fail "the server key is not the hub user's, 0600"
as_hub /usr/bin/kiosk-hub token create --dir "$work/hub" --role admin >"$work/admin-token"
# Under the unit's own system-call filter (tests/install/run_under_unit_filter.py applies it as
# systemd would), so a call the unit forbids shows here, not on an operator's machine. The helper
# is copied where the hub's user can read it (the source tree may be in root's home).
install -m 0644 "$src/tests/install/run_under_unit_filter.py" "$work/run_under_unit_filter.py"
(exec_as_hub /usr/bin/python3 "$work/run_under_unit_filter.py" "$unit" -- \
  /usr/bin/kiosk-hub serve --dir "$work/hub" --listen 127.0.0.1:0 2>"$work/hub.log") &
hub_pid=$!
port=
for _ in $(seq 1 200); do  # up to 20 s for the line that names the port
  port=$(sed -n 's/.*event=listening .* port=\([0-9]*\).*/\1/p' "$work/hub.log" | head -1)
  [ -n "$port" ] && break
  kill -0 "$hub_pid" 2>/dev/null || { cat "$work/hub.log" >&2; fail "the installed hub exited"; }
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/hub.log" >&2; fail "the installed hub did not listen"; }
hub=(--hub "https://127.0.0.1:$port" --ca "$work/hub/tls/ca.pem" --token-file "$work/admin-token")

# The installed kioskctl: a signing key the hub trusts, a signed list published, tallies back.
/usr/bin/kioskctl keygen --out "$work/admin.pem" --public-out "$work/admin.pub.pem" 2>/dev/null
cp "$work/admin.pub.pem" "$work/hub-admin.pub.pem" && chown kiosk-hub "$work/hub-admin.pub.pem"
as_hub /usr/bin/kiosk-hub key add --dir "$work/hub" --key-id admin-2026 "$work/hub-admin.pub.pem" 2>/dev/null
/usr/bin/kioskctl list sign "$src/config/demo/commitments.json" --key "$work/admin.pem" --key-id admin-2026 \
  --out "$work/signed.json"
/usr/bin/kioskctl list publish "$work/signed.json" "${hub[@]}" || fail "kioskctl list publish"
/usr/bin/kioskctl tallies "${hub[@]}" --from 2026-01-01 --to 2026-12-31 --format csv --out "$work/tallies.csv" ||
  fail "kioskctl tallies"
[ -s "$work/tallies.csv" ] || fail "no tallies file"
# Every route once more, as the administrator and anonymously: each answers, and the hub is still
# there (a forbidden call would have killed it, or failed the request).
api="https://127.0.0.1:$port"
for path in /healthz /readyz /api/v1/kiosks /api/v1/tallies "/api/v1/tallies?format=xlsx" /api/v1/rectifications \
            /metrics /api/v1/lists/current /api/v1/results /console/login /console/ /nope; do
  code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/hub/tls/ca.pem" \
    -H "Authorization: Bearer $(cat "$work/admin-token")" "$api$path") || fail "GET $path: no answer"
  case "$code" in 2??|3??|4??) ;; *) fail "GET $path answered $code under the unit's filter";; esac
done
code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/hub/tls/ca.pem" -X POST \
  -H "Authorization: Bearer $(cat "$work/admin-token")" --data '{"format":"rating-batch/1"}' "$api/api/v1/batches")
[ "$code" = 400 ] || fail "POST /api/v1/batches answered $code under the unit's filter"
kill -0 "$hub_pid" 2>/dev/null || { cat "$work/hub.log" >&2; fail "the hub died under its unit's system-call filter"; }
grep -q 'event=request method=POST path=/api/v1/lists status=201' "$work/hub.log" || fail "the list was not published"
# A backup of the serving hub, by its user, readable only by it.
as_hub /usr/bin/kiosk-hub backup --dir "$work/hub" --to "$work/hub-backup.tar" 2>/dev/null
[ "$(stat -c '%U %a' "$work/hub-backup.tar")" = "kiosk-hub 600" ] || fail "the backup is not the hub user's, 0600"
tar -tf "$work/hub-backup.tar" >"$work/backup-listing"  # (grep -q on a pipe would cut tar off: SIGPIPE)
grep -qx 'hub.db' "$work/backup-listing" || fail "the backup holds no hub.db"

kill "$hub_pid" && wait "$hub_pid" || true
hub_pid=
grep -q 'event=stopped' "$work/hub.log" || fail "the installed hub did not stop cleanly on SIGTERM"
echo "PASS: packages built, installed with dpkg -i, the installed kiosk-hub and kioskctl work"
