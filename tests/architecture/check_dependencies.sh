#!/usr/bin/env bash
# The dependency rule, checked on the source tree ROOT: kiosk/ may use sync/ libraries, never the
# other way round; the kiosk core sees no SDL, ImGui, SQLite or curl; only the platform layer sees
# SDL and GL; only the transport sees curl. Prints every violation with its file and line; exits 1
# if there is any.
set -u
root=${1:?usage: check_dependencies.sh SOURCE_ROOT}
cd "$root" || exit 2
status=0
forbid() {  # forbid DESCRIPTION REGEX DIR... : no file under DIRs may include a header matching REGEX
  local what=$1 regex=$2
  shift 2
  local hits
  hits=$(grep -rnE --include='*.cpp' --include='*.hpp' --include='*.h' "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($regex)" "$@" 2>/dev/null)
  if [ -n "$hits" ]; then
    echo "dependency rule broken: $what"
    echo "$hits" | sed 's/^/  /'
    status=1
  fi
}
forbid "sync/ includes kiosk/ headers (dependencies point kiosk -> sync only)" 'kiosk/' sync
forbid "the kiosk core includes I/O libraries" 'SDL|imgui|sqlite3|curl/|common/sqlite|GL/' kiosk/core
forbid "SDL or GL outside the platform layer" 'SDL|GL/|imgui_impl' kiosk/core kiosk/config kiosk/store kiosk/ui kiosk/app kiosk/link sync
forbid "curl outside the transport" 'curl/' kiosk sync/common sync/wire sync/client sync/hub sync/kioskctl
forbid "the kiosk's UI uses SQLite or the network" 'sqlite3|common/sqlite|curl/|sync/' kiosk/ui
core=(kiosk/updater/include/kiosk/updater/update_decision.hpp kiosk/updater/src/update_decision.cpp
      kiosk/updater/include/kiosk/updater/handover_files.hpp kiosk/updater/src/handover_files.cpp)
forbid "the updater's decisions do I/O (files, network, SQLite, the screen)" \
  'SDL|imgui|sqlite3|common/sqlite|curl/|sync/|fstream|filesystem|cstdio|kiosk/updater/(dpkg|process|offer|update_runner)' \
  "${core[@]}"
forbid "the updater includes the kiosk's screen or its sync engine" 'SDL|imgui|kiosk/(ui|link|platform)/|sync/(sync_engine|sync_worker|outbox)' \
  kiosk/updater
# Speech: what is said and recorded prompts are pure; only the engine's own file sees libespeak-ng.
forbid "the speech core does I/O or reaches an engine" 'espeak|SDL|fstream|filesystem|cstdio|sync/' \
  kiosk/speech/include/kiosk/speech/speech_text.hpp kiosk/speech/src/speech_text.cpp \
  kiosk/speech/include/kiosk/speech/wav_clip.hpp kiosk/speech/src/wav_clip.cpp
forbid "libvorbisfile outside the Ogg decoder" 'vorbis/' kiosk/core kiosk/config kiosk/store kiosk/ui kiosk/app kiosk/link \
  kiosk/platform kiosk/updater kiosk/speech/include sync
forbid "libespeak-ng outside its engine" 'espeak-ng/' kiosk/core kiosk/config kiosk/store kiosk/ui kiosk/app kiosk/link \
  kiosk/platform kiosk/updater kiosk/speech/include sync
# The hub's layers, each using only those before it: core ← config ← store ← export ← {api, jobs} ←
# {console, phone} ← server (the router joins them) ← commands (sync/hub/CMakeLists.txt says what each holds).
forbid "the hub's core includes SQL, Boost, TLS or a later layer" \
  'hub/(config|store|export|api|jobs|server|console|phone|commands)/|common/sqlite|common/postgres|boost/|openssl/ssl' sync/hub/core
forbid "the hub's config includes a later layer" 'hub/(store|export|api|jobs|server|console|phone|commands)/|boost/' sync/hub/config
forbid "the hub's store includes a later layer" 'hub/(export|api|jobs|server|console|phone|commands)/|boost/' sync/hub/store
forbid "the hub's exports include a later layer" 'hub/(api|jobs|server|console|phone|commands)/|boost/' sync/hub/export
forbid "the hub's API includes the server, the console or the jobs" 'hub/(jobs|server|console|phone|commands)/|boost/' sync/hub/api
forbid "the hub's jobs include the API, the server or the console" 'hub/(api|server|console|phone|commands)/|boost/' sync/hub/jobs
forbid "the console includes the server, the jobs or the commands (it acts on the API by its entry point)" \
  'hub/(jobs|server|phone|commands)/|boost/' sync/hub/console
forbid "the residents' pages include the console, the server, the jobs or the commands" \
  'hub/(jobs|server|console|commands)/|boost/' sync/hub/phone
forbid "the hub's server includes the jobs or the commands" 'hub/(jobs|commands)/' sync/hub/server
# Only the router joins the API and the console: the HTTPS server itself knows neither.
forbid "the HTTPS server includes the API, the console or the phone pages (only the router may)" 'hub/(api|console|phone)/' \
  sync/hub/server/src/https_server.cpp sync/hub/server/src/dev_certificates.cpp sync/hub/server/include/hub/server/https_server.hpp \
  sync/hub/server/include/hub/server/dev_certificates.hpp
[ $status -eq 0 ] && echo "dependencies point one way: kiosk -> sync; core, UI and platform keep to their libraries; the hub's layers point down"
exit $status
