"""make bench: the budgets of DESIGN.md, measured on SYNTHETIC data in temporary warehouses."""

import argparse
import sys

from tests.bench import import_bench


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench")
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    print("Regiometer benchmarks (SYNTHETIC data, temporary warehouses)\n", flush=True)
    print(import_bench.report(import_bench.run(args.rows)), flush=True)
    return 0


sys.exit(main())
