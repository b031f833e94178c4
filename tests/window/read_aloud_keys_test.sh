#!/usr/bin/env bash
# 朗读 in the real kiosk under Xvfb, worked only by keys as a resident who cannot see would: 0
# switches reading on at the attract screen, arrows move the focus and each card or button is
# read out, Enter chooses. The journal's `speech text="…"` lines prove each step was said; three
# votes (good, fair, poor) end in the same chime and the same words — the hall's own recording of
# them (Ogg) is what plays; what the kiosk played (SDL's disk audio driver) is real, audible speech.
# Screenshots show the switch and the visible focus.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_xvfb "$@"
kiosk=$1
artifacts=$2/read-aloud
mkdir -p "$artifacts"
use_workspace
root=$(cd "$(dirname "$0")/../.." && pwd)

# The demo list's first three commitments, as the voice must name them.
read -r -d '' names <<<"$(python3 - "$root/config/demo/commitments.json" <<'PY'
import json, sys
for c in json.load(open(sys.argv[1]))["commitments"][:3]:
    print(c["holder"]["name"] + "：" + c["title"])
PY
)" || true
card1=$(sed -n 1p <<<"$names"); card2=$(sed -n 2p <<<"$names"); card3=$(sed -n 3p <<<"$names")

# The demo's list and words; the thank-you and the idle timeout long enough that no screen moves
# on by itself between two keys on a loaded machine; votes in quick succession all counted. The
# hall recorded its own thank-you (Ogg Vorbis): that recording is played, not the synthetic voice.
mkdir -p "$work/voice/zh-CN"
cp "$root/tests/fuzz/corpus/fuzz_ogg_clip/tone.ogg" "$work/voice/zh-CN/thanks.counted.ogg"
cat >"$work/kiosk.toml" <<TOML
[kiosk]
list = "$root/config/demo/commitments.json"
photo_dir = "$root/assets/demo/photos"
strings_dir = "$root/config/strings"
[timing]
thanks_s = 30
idle_timeout_s = 600
response_interval_s = 0
[speech]
voice_dir = "$work/voice"
TOML
"$kiosk" --config "$work/kiosk.toml" --data-dir "$work/data" --windowed 1920x1080 >"$work/journal" 2>"$work/stderr" &
pid=$!
wait_for "$work/journal" '^speech-ready recordings=1$'
wait_for "$work/journal" '^ready '
win=$(kiosk_window "$pid")
xdotool windowfocus --sync "$win"
shot() { import -window root "$artifacts/$1.png"; echo "screenshot: $artifacts/$1.png"; }
# wait_count PATTERN N: until N lines of the journal match PATTERN.
wait_count() {
  local deadline=$((SECONDS + 30))
  until [ "$(count_lines "$work/journal" "$1")" -ge "$2" ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "FAIL: no ${2}th line /$1/; the journal holds:" >&2
      cat "$work/journal" >&2
      exit 1
    fi
    sleep 0.05
  done
}
# press KEY PATTERN [N]: the key, then until the N-th line matching PATTERN (default: the first).
press() {
  xdotool key "$1"
  wait_count "$2" "${3:-1}"
}
said='^speech text="'

press 0 "${said}朗读已打开。按任意键或点击屏幕开始评价。\"$"
shot attract-read-aloud-on
press Return "${said}请选择要评价的承诺，共 [0-9]+ 项。用方向键选择，按确认键打开。 第 1 项，${card1}。\"$"
press Right "${said}第 2 项，${card2}。\"$"
press Left "${said}第 1 项，${card1}。\"$"
press Return "${said}${card1%%：*}，党员。年度承诺：${card1#*：}。.*请对这项承诺作出评价：好、一般、差。"
shot detail-focus-on-listen
press Right "${said}好\"$"
press Right "${said}一般\"$"
press Left "${said}好\"$" 2
shot detail-focus-on-good
press Return '^vote-acknowledged commitment=c-0001 rating=good counted=1'
thanks="${said}感谢您的评价！\" chime=yes recorded=yes$"
wait_for "$work/journal" "$thanks"

# Fair, with the key that rates at once; then poor, through the reason screen.
press Return "${said}第 1 项，${card1}。\"$" 2
press Right "${said}第 2 项，${card2}。\"$" 2
press Return "${said}${card2%%：*}，党员。"
press 2 '^vote-acknowledged commitment=c-0002 rating=fair counted=1'
wait_count "$thanks" 2
press Return "${said}第 2 项，${card2}。\"$" 3
press Right "${said}第 3 项，${card3}。\"$"
press Return "${said}${card3%%：*}，"
press 3 "${said}请选择主要原因。用上下键选择，按确认键提交。 "
press Return '^vote-acknowledged commitment=c-0003 rating=poor counted=1'
wait_count "$thanks" 3
# Privacy of the vote: every thank-you line is the same, no line names the rating chosen.
[ "$(grep -c '^speech text=.*chime=' "$work/journal")" -eq 3 ] ||
  { echo "FAIL: a thank-you differs from the others:" >&2; grep 'chime=' "$work/journal" >&2; exit 1; }
if grep -E '^speech text=".*您的评价是' "$work/journal"; then echo "FAIL: the chosen rating was said" >&2; exit 1; fi

# Leaving: back to the attract screen, 朗读 forgotten for the next resident.
press Escape '^screen list$' 4
press Escape '^screen attract$' 
shot attract-after-session

# Heard, not only journalled: switched on once more, the kiosk's words reach the audio output —
# two seconds of it (SDL's disk driver writes in real time, 22,050 16-bit samples a second, and
# starts the file afresh each time the kiosk opens the device after a pause).
press 0 "${said}朗读已打开。" 2
deadline=$((SECONDS + 30))
until [ "$(stat -c %s "$work/audio.raw" 2>/dev/null || echo 0)" -ge $((2 * 44100)) ]; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "FAIL: no sound reached the audio output" >&2; exit 1; }
  sleep 0.05
done

kill -TERM "$pid"
wait "$pid" && status=0 || status=$?
pid=
[ "$status" -eq 0 ] || { echo "FAIL: kiosk exited with $status" >&2; cat "$work/stderr" >&2; exit 1; }

# The last two seconds played are speech, not silence: a good part of them loud.
python3 - "$work/audio.raw" <<'PY'
import array, math, sys
data = open(sys.argv[1], "rb").read()[-2 * 44100 :]
samples = array.array("h", data[: len(data) // 2 * 2])
loud = sum(1 for s in samples if abs(s) > 2000)
rms = math.sqrt(sum(s * s for s in samples) / max(len(samples), 1))
print(f"audio: last {len(samples)} samples played, {loud} above 2000, rms {rms:.0f}")
if loud < 22050 // 4:
    sys.exit("FAIL: the kiosk played (almost) nothing audible")
PY
tally=$(sqlite3 "$work/data/kiosk.db" "SELECT group_concat(commitment_id || ':' || rating, ' ') FROM (SELECT * FROM local_tally ORDER BY commitment_id)")
[ "$tally" = "c-0001:good c-0002:fair c-0003:poor" ] || { echo "FAIL: tally is $tally" >&2; exit 1; }
echo "PASS: a keypad-only resident heard each step; three ratings, one thank-you sound; audible speech"
