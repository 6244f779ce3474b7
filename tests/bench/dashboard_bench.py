"""The dashboard as readers wait for it: the production server on the seed and on the seed plus
1,000,000 SYNTHETIC rows, the callbacks Chromium makes on every page replayed through HTTP, the first
chart in Chromium, server memory, and many readers at once on the seed."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from etl.config import Settings
from tests.bench import browser, load, replay, warehouse
from tests.bench.report import LOAD_CLIENTS, WarehouseRun, warehouse_report
from tests.bench.server import ProductionServer

T = TypeVar("T")


@contextmanager
def _folder(keep: Path | None, name: str) -> Iterator[Path]:
    if keep is not None:
        yield keep / name
        return
    with tempfile.TemporaryDirectory(prefix=f"regiometer-bench-{name}-") as tmp:
        yield Path(tmp)


def measure(
    folder: Path,
    label: str,
    rows: int,
    repeat: int,
    load_seconds: float,
    clients: int = LOAD_CLIENTS,
    pages: tuple[str, ...] = browser.PAGES,
    workers: int = 0,
    threads: int = 0,
    log=print,
) -> WarehouseRun:
    began = time.monotonic()

    def step(text: str) -> None:
        log(f"  [{time.monotonic() - began:5.0f} s] {label}: {text}")

    defaults = Settings()
    run = WarehouseRun(
        label=label,
        rows=rows,
        workers=workers or os.cpu_count() or 1,
        threads=threads or defaults.threads,
    )
    with ProductionServer(folder, workers=workers, threads=threads) as server, browser.chromium() as chromium:

        def guarded(name: str, measure_step: Callable[[], T]) -> T:
            """The step, repeated once if the server was stopped from outside while it ran."""
            for attempt in (1, 2):
                if note := server.ensure_up():
                    run.problems.append(f"before {name}: {note}")
                result = measure_step()
                if server.alive() or attempt == 2:
                    return result
                run.problems.append(f"{name}: the server was stopped from outside; step repeated")
            return result

        step(f"server up with {len(server.worker_pids())} workers on {server.base}")
        run.first_after_start = guarded(
            "first visit", lambda: browser.first_visit(chromium, server.base, "/", charts=True)
        )

        def record_all() -> list[browser.Recording]:
            recordings = []
            for lang in browser.LANGS:  # one browser context per language, as one reader clicking around
                context = chromium.new_context(viewport=browser.VIEWPORT)
                recordings += [browser.record(context, server.base, path, lang) for path in pages]
                context.close()
                step(f"recorded {len(pages)} pages ({lang})")
            return recordings

        recordings = guarded("recording", record_all)
        run.problems += [problem for recording in recordings for problem in recording.problems]
        calls = [call for recording in recordings for call in recording.calls]
        charted = {recording.page for recording in recordings if recording.charts}
        run.visits = guarded(
            "first visits",
            lambda: [browser.typical_visit(chromium, server.base, path, path in charted) for path in pages],
        )
        step(f"first visits done; replaying {len(replay.distinct(calls))} distinct callback requests")
        run.timings = guarded("replay", lambda: replay.replay(server.base, calls, repeat))
        run.memory = server.memory()
        if load_seconds > 0:
            step(f"replay done; {clients} clients for {load_seconds:.0f} s")
            run.load = guarded(
                "many clients", lambda: load.run(server.base, calls, clients=clients, seconds=load_seconds)
            )
        step("done")
        run.peak = server.peak
        if run.memory and (run.peak is None or run.memory.total_rss > run.peak.total_rss):
            run.peak = run.memory
    return run


def run(
    rows: int,
    keep: Path | None = None,
    repeat: int = 12,
    load_seconds: float = 30.0,
    clients: int = LOAD_CLIENTS,
    pages: tuple[str, ...] = browser.PAGES,
    log=print,
) -> list[WarehouseRun]:
    """The seed (with the many-readers run), then the seed plus `rows` SYNTHETIC rows (if rows)."""
    runs = []
    sizes = [(0, "seed"), (rows, f"seed + {rows:,} SYNTHETIC rows")] if rows else [(0, "seed")]
    for count, label in sizes:
        with _folder(keep, "seed" if not count else f"rows-{count}") as folder:
            log(f"  {label}: building the warehouse in {folder}" + (" (or reusing it)" if keep else ""))
            warehouse.build(folder, count)
            result = measure(
                folder,
                label,
                count,
                repeat,
                load_seconds if not count else 0,
                clients=clients,
                pages=pages,
                log=log,
            )
        runs.append(result)
        for line in warehouse_report(result):
            log(line)
    return runs
