#!/usr/bin/env bash
# Set up (first time only) and launch the briefing browser on the default store; it imports seeds/ when empty.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BRIEFING_EXTRAS=test source "$ROOT/scripts/setup.sh"
exec "$ROOT/.venv/bin/briefing" gui "$@"
