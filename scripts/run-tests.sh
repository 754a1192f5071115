#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite, headless.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXTRA_SYSTEM_PACKAGES=(poppler-utils)
BRIEFING_EXTRAS=test source "$ROOT/scripts/setup.sh"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
exec "$ROOT/.venv/bin/python" -m pytest "$@"
