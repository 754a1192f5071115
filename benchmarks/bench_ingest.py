"""Ingest speed and peak memory on the BBC corpus (2,225 articles), against a read-only baseline.

Each configuration runs `briefing ingest` in a fresh process into a fresh SQLite file, so the numbers
include start-up, reading, extraction on every core, and the store's transactions. Peak memory is the
resident memory of the command and its worker processes, summed, sampled every 20 ms (Linux /proc).

    python benchmarks/bench_ingest.py [--corpus ../shared/corpora/bbc] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "bbc"

READ_ONLY = """
import sys
from desktop.ingest.readers import expand_paths, read_file
count = sum(len(read_file(path)) for path in expand_paths([sys.argv[1]]))
print(count)
"""


# A wrapper process per measurement samples the resident memory of the whole process tree (the command and
# its extraction workers, summed) every 20 ms from /proc, and also reports the largest single process.
MEASURE = """
import json, os, resource, subprocess, sys, time

def tree_rss_kb(root):
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                pass
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/status") as status:
                total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            pass
    return total

started = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
peak_tree = 0
while process.poll() is None:
    peak_tree = max(peak_tree, tree_rss_kb(process.pid))
    time.sleep(0.02)
out, err = process.communicate()
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "peak_tree_kb": peak_tree, "code": process.returncode, "out": out,
                  "peak_single_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "err": err[-2000:]}))
"""


def _run(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak resident MB of the command's process tree (summed), and its stdout."""
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    measured = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=REPO, env=environment,
                              capture_output=True, text=True, check=True)
    result = json.loads(measured.stdout)
    if result["code"] not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{result['err']}")
    return result["seconds"], max(result["peak_tree_kb"], result["peak_single_kb"]) / 1024, result["out"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    files = sum(1 for path in args.corpus.rglob("*") if path.is_file())
    print(f"corpus: {args.corpus} ({files} files), {os.cpu_count()} cores")
    print(f"{'configuration':<34} {'seconds':>8} {'docs/s':>8} {'peak MB':>8}  (peak: all processes summed)")

    def report(name: str, seconds: float, peak: float) -> None:
        print(f"{name:<34} {seconds:>8.2f} {files / seconds:>8.0f} {peak:>8.0f}")

    for _ in range(args.repeat):
        seconds, peak, _ = _run([sys.executable, "-c", READ_ONLY, str(args.corpus)])
        report("baseline: read and decode only", seconds, peak)
        for label, extra in (("ingest, rules only", ["--no-model"]), ("ingest, rules + entity model", [])):
            with tempfile.TemporaryDirectory() as folder:
                database = Path(folder) / "bench.sqlite3"
                command = [sys.executable, "-m", "desktop.cli", "ingest", "--db", f"sqlite:///{database}",
                           "--no-progress", *extra, str(args.corpus)]
                seconds, peak, output = _run(command)
                report(label, seconds, peak)
                print(f"    {output.strip()}")
                again, again_peak, output = _run(command)
                report("  re-import (unchanged)", again, again_peak)


if __name__ == "__main__":
    main()
