#!/usr/bin/env bash
# Build the one-folder app into dist/briefing-browser/ : a fresh virtual environment, the project and
# PyInstaller installed into it, then the spec. Run from anywhere: ./packaging/build.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-$ROOT/build/packaging-venv}"

"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --upgrade pip
"$VENV/bin/python" -m pip install "$ROOT" "pyinstaller>=6.3,<7"
cd "$ROOT"
"$VENV/bin/pyinstaller" --noconfirm --clean --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
    packaging/briefing.spec
echo "Built $ROOT/dist/briefing-browser/briefing-browser"
