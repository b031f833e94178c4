#!/usr/bin/env bash
# Every HTTP path is named once: the API's in sync/wire/include/wire/endpoints.hpp, the console's in
# sync/hub/core/include/hub/core/console_paths.hpp. Anywhere else in the product's code, templates
# and scripts a path literal ("/console…", "/api/v1…", "/healthz", "/readyz", "/metrics", "/v/…",
# "/public/…") is a second spelling that can drift: each is printed with its file and line; exits 1
# if there is any.
# Comments may quote a path (an example of a target).
set -u
root=${1:?usage: check_paths.sh SOURCE_ROOT}
cd "$root" || exit 2
hits=$(grep -rnE '"/(console|api/v1|healthz|readyz|metrics|v/|public/)|(href|action|src)="/(console|v/|public/)' \
         --include='*.cpp' --include='*.hpp' --include='*.mustache' --include='*.js' sync kiosk 2>/dev/null |
       grep -v -e '^sync/wire/include/wire/endpoints.hpp:' -e '^sync/hub/core/include/hub/core/console_paths.hpp:' |
       grep -vE '^[^:]+:[0-9]+:[^"]*//')
if [ -n "$hits" ]; then
  echo "a path written out outside its header (name it in endpoints.hpp or console_paths.hpp, and use that):"
  echo "$hits" | sed 's/^/  /'
  echo "count: $(echo "$hits" | wc -l)"
  exit 1
fi
echo "count: 0 — every path is named once"
