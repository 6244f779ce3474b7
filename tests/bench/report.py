"""The budgets of issue 12 and the tables `make bench` prints, each result marked met or not."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from tests.bench.browser import VISITS, Visit
from tests.bench.load import LoadResult
from tests.bench.replay import Timing
from tests.bench.server import Memory

CALLBACK_P95_MS = 100
RESPONSE_KIB = 500
MEMORY_MB = 600  # all workers together, with 1,000,000 rows
LOAD_CLIENTS = 50
LOAD_P95_MS = 300
FIRST_CHART_S = 2.0


@dataclass
class WarehouseRun:
    label: str
    rows: int  # SYNTHETIC rows on top of the seed
    workers: int
    threads: int
    timings: list[Timing] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    first_after_start: Visit | None = None
    memory: Memory | None = None  # after the replay
    peak: Memory | None = None
    load: LoadResult | None = None
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "label": self.label,
            "synthetic_rows": self.rows,
            "workers": self.workers,
            "threads": self.threads,
            "callbacks": [timing.as_dict() for timing in self.timings],
            "first_visits": [visit.as_dict() for visit in self.visits],
            "first_visit_after_start": self.first_after_start.as_dict() if self.first_after_start else None,
            "memory_after_replay": self.memory.as_dict() if self.memory else None,
            "memory_peak": self.peak.as_dict() if self.peak else None,
            "load": self.load.as_dict() if self.load else None,
            "problems": self.problems,
        }


def mark(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def _over(timing: Timing) -> bool:
    return timing.p95 >= CALLBACK_P95_MS or timing.body_bytes > RESPONSE_KIB * 1024 or bool(timing.errors)


@dataclass
class _Row:
    page: str
    callback: str
    timings: list[Timing]

    @property
    def worst(self) -> Timing:
        return max(self.timings, key=lambda timing: timing.p95)

    @property
    def p50(self) -> float:
        return max(timing.p50 for timing in self.timings)

    @property
    def kib(self) -> float:
        return max(timing.body_bytes for timing in self.timings) / 1024

    @property
    def wire_kib(self) -> float:
        return max(timing.wire_bytes for timing in self.timings) / 1024

    @property
    def triggers(self) -> int:
        return len({timing.call.trigger for timing in self.timings})


def _rows(timings: list[Timing]) -> list[_Row]:
    grouped: dict[tuple[str, str], list[Timing]] = defaultdict(list)
    for timing in timings:
        grouped[(timing.call.page, timing.call.callback)].append(timing)
    return [_Row(page, callback, found) for (page, callback), found in grouped.items()]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def callback_table(run: WarehouseRun) -> list[str]:
    lines = [
        f"  {'page':<12} {'callback (first output)':<44} {'sent':>4} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'KiB':>7} {'wire':>6}  budget p95<{CALLBACK_P95_MS} ms, <{RESPONSE_KIB} KiB",
    ]
    for row in _rows(run.timings):
        worst = row.worst
        over = any(_over(timing) for timing in row.timings)
        note = "ok" if not over else "OVER"
        if any(timing.errors for timing in row.timings):
            note += f" errors: {next(t.errors[0] for t in row.timings if t.errors)}"
        lines.append(
            f"  {row.page:<12} {_cut(row.callback, 44):<44} {len(row.timings):>4} {row.p50:>7.1f} "
            f"{worst.p95:>7.1f} {row.kib:>7.1f} {row.wire_kib:>6.1f}  {note}"
        )
    return lines


def visit_table(run: WarehouseRun) -> list[str]:
    lines = [
        f"  {'page':<12} {'first chart':>11} {'of ' + str(VISITS) + ' visits':>13} {'transferred':>12} "
        f"{'requests':>8}  {'plotly.js':<10}  "
        f"{'ok?':<4}  before the chart: html, scripts, layout, callbacks (rounds) done, plotly.js; "
        "main thread busy (of it JS)",
    ]
    for visit in run.visits:
        chart = f"{visit.first_chart_s:.2f} s" if visit.first_chart_s is not None else "no chart"
        ok = visit.first_chart_s is None or visit.first_chart_s < FIRST_CHART_S
        spread = "{:.2f}–{:.2f} s".format(*visit.first_chart_range_s) if visit.first_chart_range_s else ""
        timeline = (
            f"{visit.html_s:.2f}, {visit.scripts_s:.2f}, {visit.layout_s:.2f}, "
            f"{visit.callbacks} ({visit.callback_rounds}) {visit.callbacks_done_s:.2f}, "
            f"{visit.plotly_s:.2f} s; {visit.busy_s:.2f} ({visit.script_s:.2f}) s"
            if visit.first_chart_s is not None
            else ""
        )
        lines.append(
            f"  {visit.page:<12} {chart:>11} {spread:>13} {visit.transfer_kb:>8.0f} KiB {visit.requests:>8}  "
            f"{'loaded' if visit.plotly else 'not loaded':<10}  {'ok' if ok else 'OVER':<4}  {timeline}"
        )
    return lines


def memory_line(label: str, memory: Memory | None) -> str:
    if memory is None:
        return f"  {label}: not measured"
    workers = ", ".join(f"{rss:.0f}" for rss in memory.workers_rss)
    return (
        f"  {label}: {memory.total_pss:.0f} MB PSS in all (each page once); RSS master "
        f"{memory.master_rss:.0f} MB, workers {workers} MB, sum {memory.total_rss:.0f} MB (counts the "
        f"pages the forked workers share with the master once per process)"
    )


def load_lines(load: LoadResult) -> list[str]:
    data = load.as_dict()
    lines = [
        f"  {load.clients} clients without think time for {data['seconds']:.0f} s: "
        f"{data['requests']:,} requests, {data['requests_per_s']:.1f} req/s, p50 {data['p50_ms']:.0f} ms, "
        f"p95 {data['p95_ms']:.0f} ms, max {data['max_ms'] or 0:.0f} ms, {data['errors']} errors"
    ]
    for kind, figures in data["by_kind"].items():
        lines.append(
            f"    {kind:<24} {figures['requests']:>6} requests  p50 {figures['p50_ms']:>6.0f} ms  "
            f"p95 {figures['p95_ms']:>6.0f} ms"
        )
    lines += [f"    error: {example}" for example in data["error_examples"]]
    return lines


def warehouse_report(run: WarehouseRun) -> list[str]:
    lines = [
        "",
        f"== {run.label} (production server: {run.workers} workers x {run.threads} threads) ==",
        "callbacks replayed through HTTP (every request Chromium made on load and on each control change):",
        *callback_table(run),
        f"first visits in headless Chromium, empty browser cache (1366 px, English; a chart page's median "
        f"of {VISITS} visits); "
        f"budget first chart < {FIRST_CHART_S:.0f} s:",
        *visit_table(run),
    ]
    if run.first_after_start:
        visit = run.first_after_start
        chart = f"first chart {visit.first_chart_s:.2f} s" if visit.first_chart_s is not None else "no chart"
        lines.append(f"  the very first visit after the server started ({visit.page}): {chart}")
    lines += ["server memory:", memory_line("after the replay", run.memory), memory_line("peak", run.peak)]
    if run.load:
        lines += ["load:", *load_lines(run.load)]
    if run.problems:
        lines += ["notes:", *(f"  {problem}" for problem in run.problems)]
    return lines


def _worst(runs: list[WarehouseRun]) -> tuple[float, str]:
    timings = [timing for run in runs for timing in run.timings]
    if not timings:
        return math.nan, "-"
    worst = max(timings, key=lambda timing: timing.p95)
    return worst.p95, f"{worst.call.page} {worst.call.callback}"


def budgets(runs: list[WarehouseRun]) -> list[tuple[str, str, bool]]:
    """(budget, result, met) for every budget of the issue that these runs measured."""
    found = []
    for run in runs:
        p95, where = _worst([run])
        errors = sum(len(timing.errors) for timing in run.timings)
        found.append(
            (
                f"every callback p95 < {CALLBACK_P95_MS} ms ({run.label})",
                f"worst {p95:.0f} ms: {where}" + (f"; {errors} errors" if errors else ""),
                p95 < CALLBACK_P95_MS and not errors,
            )
        )
    timings = [timing for run in runs for timing in run.timings]
    if timings:
        largest = max(timings, key=lambda timing: timing.body_bytes)
        found.append(
            (
                f"no callback response over {RESPONSE_KIB} KiB",
                f"largest {largest.body_bytes / 1024:.0f} KiB: {largest.call.page} {largest.call.callback}",
                largest.body_bytes <= RESPONSE_KIB * 1024,
            )
        )
    for run in runs:
        if run.rows >= 1_000_000 and run.peak:
            found.append(
                (
                    f"server memory < {MEMORY_MB} MB, all processes ({run.label})",
                    f"peak {run.peak.total_pss:.0f} MB PSS; RSS sum {run.peak.total_rss:.0f} MB",
                    run.peak.total_pss < MEMORY_MB,
                )
            )
        if run.load:
            load = run.load
            found.append(
                (
                    f"{load.clients} clients on the {run.label}: p95 < {LOAD_P95_MS} ms, 0 errors",
                    f"p95 {load.p95:.0f} ms, {load.per_second:.0f} req/s, {len(load.errors)} errors",
                    load.p95 < LOAD_P95_MS and not load.errors and load.clients >= LOAD_CLIENTS,
                )
            )
    for run in runs:
        charted = [visit for visit in run.visits if visit.first_chart_s is not None]
        if charted:
            slowest = max(charted, key=lambda visit: visit.first_chart_s or 0)
            found.append(
                (
                    f"first chart visible < {FIRST_CHART_S:.0f} s on every chart page ({run.label})",
                    f"slowest {slowest.first_chart_s:.2f} s: {slowest.page}",
                    (slowest.first_chart_s or 0) < FIRST_CHART_S,
                )
            )
        chartless = [visit.page for visit in run.visits if visit.first_chart_s is None and visit.plotly]
        if run.visits:
            found.append(
                (
                    f"no plotly.js on pages without charts ({run.label})",
                    "loaded on " + ", ".join(chartless) if chartless else "none loads it",
                    not chartless,
                )
            )
    return found


def budget_table(runs: list[WarehouseRun]) -> list[str]:
    rows = budgets(runs)
    width = max((len(budget) for budget, _, _ in rows), default=10)
    lines = ["", "== budgets (issue 12) =="]
    lines += [f"  {budget:<{width}}  {mark(ok):<7}  {result}" for budget, result, ok in rows]
    return lines
