#!/usr/bin/env bash
# Installs every Debian 12 package the kiosk needs to build, run its demo and run its tests.
# Used by the README's two commands and by CI; safe to run again (apt-get skips what is there).
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config ccache dpkg-dev file
  libsdl2-dev libimgui-dev libstb-dev libgl-dev libgl1-mesa-dri
  libsqlite3-dev sqlite3 libpq-dev postgresql-15 nlohmann-json3-dev libtomlplusplus-dev libcli11-dev doctest-dev
  libssl-dev openssl libboost1.81-dev libcurl4-openssl-dev
  libfontconfig-dev fonts-noto-cjk libsodium-dev clang-format clang libclang-rt-14-dev
  xvfb xauth xdotool imagemagick curl systemd python3-seccomp lintian
  libkainjow-mustache-dev libxlsxwriter-dev libminizip-dev libexpat1-dev chromium chromium-driver python3 python3-openpyxl
  libqrencode-dev zbar-tools libespeak-ng-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
