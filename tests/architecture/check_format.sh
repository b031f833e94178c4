#!/usr/bin/env bash
# Every tracked C++ file is formatted as .clang-format says. Prints the files that are not (run
# `clang-format -i FILE` on them) and exits 1 if there is any.
set -u
clang_format=${1:?usage: check_format.sh CLANG_FORMAT SOURCE_ROOT}
root=${2:?usage: check_format.sh CLANG_FORMAT SOURCE_ROOT}
cd "$root" || exit 2
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' 2>/dev/null || find kiosk sync tests -name '*.[ch]pp')
bad=()
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  "$clang_format" --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "not formatted as .clang-format says (clang-format -i FILE):"
  printf '  %s\n' "${bad[@]}"
  exit 1
fi
echo "${#files[@]} files formatted as .clang-format says"
