#!/usr/bin/env bash
# Set up everything the app and its tests need, idempotently: the system libraries Qt loads, and a virtual
# environment in .venv with the project installed. Sourced by run-app.sh and run-tests.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
EXTRAS="${BRIEFING_EXTRAS:-test}"

# Qt's wheels bring Qt itself but load a few libraries from the system (OpenGL, fonts, keyboard, X11).
SYSTEM_PACKAGES=(libgl1 libegl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
                 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
                 libxcb-render-util0 libxcb-image0 fonts-dejavu-core)
missing_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  for package in "${SYSTEM_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || echo "$package"
  done
}
install_system_packages() {
  local missing
  missing=$(missing_system_packages "$@")
  [ -z "$missing" ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
  if [ "$(id -u)" -ne 0 ] && [ -z "$sudo" ]; then
    echo "setup: please install these Debian packages: $missing" >&2
    return 0
  fi
  echo "setup: installing system packages: $(echo $missing | tr '\n' ' ')"
  $sudo apt-get update -qq >/dev/null
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

install_system_packages "${EXTRA_SYSTEM_PACKAGES[@]:-}"

VENV="$ROOT/.venv"
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV"
  "$PYTHON" -m venv "$VENV" || { install_system_packages python3-venv && "$PYTHON" -m venv "$VENV"; }
fi
STAMP="$VENV/.installed-$(cat "$ROOT/pyproject.toml" | sha256sum | cut -c1-16)-$EXTRAS"
if [ ! -f "$STAMP" ]; then
  echo "setup: installing the project and its dependencies into .venv"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e "$ROOT[$EXTRAS]"
  rm -f "$VENV"/.installed-*
  touch "$STAMP"
fi
