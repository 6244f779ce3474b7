"""make bench: the import figures and what readers wait for, on SYNTHETIC data in temporary warehouses.

Never part of `make test`: the figures depend on the machine. Results are printed and written as JSON
into bench-results/.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from etl.paths import PROJECT_ROOT
from tests.bench import browser, dashboard_bench, import_bench
from tests.bench.report import LOAD_CLIENTS, budget_table

RESULTS = PROJECT_ROOT / "bench-results"


def _commit() -> str:
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True
        )
        return found.stdout.strip()
    except OSError:
        return ""


def _machine() -> str:
    """Cores and load: on a busy machine every figure is slower than on an idle one."""
    one, five, _ = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {one:.1f} (1 min), {five:.1f} (5 min)"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000, help="SYNTHETIC rows (0: the seed only)")
    parser.add_argument("--only", action="append", choices=["import", "dashboard"], help="run one part")
    parser.add_argument(
        "--warehouses",
        type=Path,
        help="keep the benchmark warehouses in this folder and reuse them while they are current",
    )
    parser.add_argument(
        "--repeat", type=int, default=12, help="measured replays of each callback request, per language"
    )
    parser.add_argument("--load-seconds", type=float, default=30.0, help="length of the many-readers run")
    parser.add_argument("--clients", type=int, default=LOAD_CLIENTS, help="readers at once in that run")
    parser.add_argument("--page", action="append", choices=browser.PAGES, help="measure only these pages")
    args = parser.parse_args()
    started = time.monotonic()
    print("Regiometer benchmarks (SYNTHETIC data, temporary warehouses)", flush=True)
    print(f"machine: {_machine()}\n", flush=True)
    parts = args.only or ["import", "dashboard"]
    results: dict = {
        "commit": _commit(),
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine_before": _machine(),
    }
    if "import" in parts:
        figures = import_bench.run(args.rows or 1_000_000)
        results["import"] = figures
        print(import_bench.report(figures), flush=True)
    runs = []
    if "dashboard" in parts:
        print("\ndashboard, production server through HTTP:", flush=True)
        runs = dashboard_bench.run(
            args.rows,
            keep=args.warehouses,
            repeat=args.repeat,
            load_seconds=args.load_seconds,
            clients=args.clients,
            pages=tuple(args.page or browser.PAGES),
            log=lambda line: print(line, flush=True),
        )
        results["dashboard"] = [run.as_dict() for run in runs]
        for line in budget_table(runs):
            print(line, flush=True)
    results["machine_after"] = _machine()
    print(f"\nmachine: {results['machine_after']}", flush=True)
    results["seconds"] = round(time.monotonic() - started, 1)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps(results, indent=1, default=str))
    print(f"\ntook {results['seconds'] / 60:.1f} min; results in {out.relative_to(PROJECT_ROOT)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
