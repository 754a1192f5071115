"""``python -m desktop`` opens the briefing browser (the same as ``briefing`` with no arguments)."""

from __future__ import annotations

import sys


def main() -> int:
    from desktop.ui.app import run

    return run(sys.argv)


if __name__ == "__main__":
    sys.exit(main())
