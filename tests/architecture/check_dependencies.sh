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
# The hub's layers, each using only those before it: core ← config ← store ← export ← api ← server,
# the console on top (sync/hub/CMakeLists.txt says what each holds).
forbid "the hub's core includes SQL, Boost, TLS or a later layer" \
  'hub/(config|store|export|api|server|console)/|common/sqlite|common/postgres|boost/|openssl/ssl' sync/hub/core
forbid "the hub's config includes a later layer" 'hub/(store|export|api|server|console)/|boost/' sync/hub/config
forbid "the hub's store includes a later layer" 'hub/(export|api|server|console)/|boost/' sync/hub/store
forbid "the hub's exports include a later layer" 'hub/(api|server|console)/|boost/' sync/hub/export
forbid "the hub's API includes the server or the console" 'hub/(server|console)/|boost/' sync/hub/api
forbid "the hub's server includes the API or the console (the router joins them, above it)" 'hub/(api|console)/' \
  sync/hub/server
[ $status -eq 0 ] && echo "dependencies point one way: kiosk -> sync; core, UI and platform keep to their libraries; the hub's layers point down"
exit $status
