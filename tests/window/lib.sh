# Shared helpers for the real-window tests: run under Xvfb, start the kiosk, wait on its journal.
# Sourced by the test scripts; every wait polls with a deadline, none sleeps for a fixed time.

# Re-executes the calling script under its own Xvfb server unless it already has one
# (KIOSK_XVFB_SCREEN=WxH for a larger screen, e.g. to fit a portrait window).
ensure_xvfb() {
  if [ -z "${KIOSK_TEST_XVFB:-}" ]; then
    exec xvfb-run -a -s "-screen 0 ${KIOSK_XVFB_SCREEN:-1920x1080}x24 -nolisten tcp" env KIOSK_TEST_XVFB=1 "$0" "$@"
  fi
}

# use_workspace: a fresh temporary folder in $work, removed on exit, and $pid (the kiosk under
# test, when set) killed on exit, so no test leaves a process or a folder behind. Sound goes to
# $work/audio.raw (16-bit samples at the voice's rate).
use_workspace() {
  work=$(mktemp -d)
  # No sound card here: SDL's disk driver writes what the kiosk would play to a file, so the voice
  # (朗读) is there as on a hall's kiosk with speakers, and tests can check it was not silent.
  export SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$work/audio.raw"
  pid=
  trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
}

# wait_for FILE PATTERN [SECONDS]: until a line of FILE matches PATTERN (grep -E).
wait_for() {
  local file=$1 pattern=$2 deadline=$((SECONDS + ${3:-30}))
  until grep -Eq -- "$pattern" "$file" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "timed out waiting for /$pattern/ in $file; it holds:" >&2
      cat "$file" >&2 || true
      return 1
    fi
    sleep 0.05
  done
}

# count_lines FILE PATTERN: how many lines match (0 when none).
count_lines() { grep -Ec -- "$2" "$1" 2>/dev/null || true; }

# kiosk_window PID: the X window id of the kiosk process (waits until it is mapped).
kiosk_window() { timeout 30 xdotool search --sync --onlyvisible --pid "$1" | head -n 1; }

# Sanitizer builds: ASan still aborts on any memory error in the window process, but leak checking
# is off there: Mesa and the GL loader (dlopen'ed, built without frame pointers) keep one-time
# allocations LSan cannot attribute. The headless suites run the same UI code with leak checks on.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# append_offline_sync CONFIG DIR: appends a [sync] section for hall-01 whose hub is never there
# (port 9, discard), with an administrator key and a token made in DIR, so the kiosk shows what a
# hub sent earlier (saved in its data folder) while its sync thread backs off.
append_offline_sync() {
  openssl genpkey -algorithm ed25519 2>/dev/null | openssl pkey -pubout >"$2/offline-admin.pub"
  echo "not-a-real-token" >"$2/offline-kiosk.token"
  cat >>"$1" <<TOML

[sync]
hub_url = "https://127.0.0.1:9"
ca_file = "$2/no-ca.pem"
token_file = "$2/offline-kiosk.token"
deployment = "zibo-zhangdian"
hall = "hall-01"

[sync.trusted_keys]
offline-admin = "$2/offline-admin.pub"
TOML
}
