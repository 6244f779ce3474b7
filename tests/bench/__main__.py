"""make bench: the budgets of DESIGN.md, measured on SYNTHETIC data in temporary warehouses."""

import argparse
import sys

from tests.bench import dashboard_bench, import_bench


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--only", action="append", choices=["import", "dashboard"], help="run one part")
    args = parser.parse_args()
    print("Regiometer benchmarks (SYNTHETIC data, temporary warehouses)\n", flush=True)
    parser_parts = args.only or ["import", "dashboard"]
    if "import" in parser_parts:
        print(import_bench.report(import_bench.run(args.rows)), flush=True)
        print(flush=True)
    if "dashboard" in parser_parts:
        for line in dashboard_bench.run(args.rows):
            print(line, flush=True)
    return 0


sys.exit(main())
