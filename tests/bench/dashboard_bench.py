"""Dashboard budgets with 1,000,000 SYNTHETIC observations loaded next to the real seed:
chart callback server time (p50/p95), cold snapshot load, first chart in Chromium, page weight."""

from __future__ import annotations

import importlib
import os
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from etl import db, pipeline
from etl.catalog import Catalog
from etl.config import Settings
from etl.schema import validate
from tests.bench.synthetic import SYNTHETIC_SOURCE, synthetic_frame

CALLS_PER_CASE = 40


def build_warehouse(folder: Path, rows: int) -> Settings:
    settings = Settings(data_dir=folder)
    pipeline.init(settings)
    engine = db.get_engine(settings.database_url)
    with engine.begin() as conn:
        db.sync_catalog(conn, Catalog(sources={SYNTHETIC_SOURCE["slug"]: SYNTHETIC_SOURCE}))
    catalog = db.read_catalog(engine)
    frame = synthetic_frame(catalog, rows)
    db.load_frame(engine, validate(frame, catalog), kind="source", source_name="synthetic-benchmark")
    return settings


def rebuilt_overview(overview, rng: random.Random):
    overview._page.cache_clear()  # what the first reader after an import waits for
    return overview.layout(lang=rng.choice(["en", "de"]))


def chart_cases(catalog: Catalog) -> dict[str, Callable[[random.Random], object]]:
    """name -> a call with random inputs, like a reader clicking around."""
    from dashboard import data
    from dashboard.figures import ChartContext, timeseries

    overview = importlib.import_module("dashboard.pages.overview")
    indicators = sorted(catalog.indicators)
    regions = sorted(catalog.regions)

    def series_chart(rng: random.Random):
        frame = data.series(rng.choice(indicators), rng.choice(regions))
        return timeseries(frame, ChartContext(lang=rng.choice(["en", "de"]), title="benchmark"))

    cases: dict[str, Callable[[random.Random], object]] = {
        "overview page, cached per data version": lambda rng: overview.layout(lang=rng.choice(["en", "de"])),
        "overview page, first build after an import": lambda rng: rebuilt_overview(overview, rng),
        "series read + timeseries figure": series_chart,
    }
    cases.update(registered_chart_cases(catalog))
    cases.update(page_cases(catalog))
    return cases


def registered_chart_cases(catalog: Catalog) -> dict[str, Callable[[random.Random], object]]:
    """The pages' named charts (what a chart callback, /export and /embed run), with random views."""
    from dashboard import charts

    for page in ("employment", "clusters", "funding", "regions"):
        importlib.import_module(f"dashboard.pages.{page}")
    breakdowns = ["total", "software", "microelectronics", "semiconductors"]
    views = {
        "employment-jobs": lambda rng: {
            "breakdowns": ",".join(rng.sample(breakdowns, rng.randint(1, 4))),
            "measure": rng.choice(["abs", "per1000"]),
        },
        "clusters-members": lambda rng: {},
        "funding-timeline": lambda rng: {"scope": rng.choice(["saxony", "eu"])},
        "regions-bars": lambda rng: {"indicator": rng.choice(["context.population", "funding.projects"])},
    }
    return {
        f"chart {name}": (
            lambda rng, name=name, view=view: charts.render(name, rng.choice(["en", "de"]), view(rng))
        )
        for name, view in views.items()
        if name in charts.names()
    }


def page_cases(catalog: Catalog) -> dict[str, Callable[[random.Random], object]]:
    """Chart callbacks of the pages that declare BENCH_CASES = {name: callable(rng)}."""
    cases = {}
    for name in ("employment", "funding", "clusters", "regions", "data_page"):
        try:
            module = importlib.import_module(f"dashboard.pages.{name}")
        except ImportError:
            continue
        for case, call in getattr(module, "BENCH_CASES", {}).items():
            cases[f"{name}: {case}"] = call
    return cases


def time_calls(call: Callable[[random.Random], object], app, rng: random.Random) -> list[float]:
    timings = []
    for _ in range(CALLS_PER_CASE):
        with app.server.test_request_context("/"):
            started = time.perf_counter()
            call(rng)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_callbacks(settings: Settings) -> list[str]:
    from dashboard import data
    from dashboard.app import create_app

    app = create_app(settings)
    lines = []
    with app.server.test_request_context("/"):
        started = time.perf_counter()
        snapshot = data.snapshot()
        cold = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines.append(
        f"cold snapshot load of {len(snapshot.observations):,} observations: {cold:.2f} s "
        f"(once per data version; peak RSS {rss:,.0f} MiB)"
    )
    rng = random.Random(1)
    for name, call in chart_cases(snapshot.catalog).items():
        timings = time_calls(call, app, rng)
        lines.append(
            f"  {name:<48} p50 {statistics.median(timings):6.1f} ms   p95 {percentile(timings, 0.95):6.1f} ms"
        )
    return lines


def measure_browser(settings: Settings) -> list[str]:
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, _free_port, _wait_until_up, start_dashboard

    if not Path(CHROMIUM).exists():
        return ["first chart in Chromium: skipped (chromium not installed)"]
    from playwright.sync_api import sync_playwright

    port = _free_port()
    env = {**os.environ, "REGIOMETER_DATA_DIR": str(settings.data_dir), "REGIOMETER_PORT": str(port)}
    process = start_dashboard(env, settings.data_dir / "dashboard.log")
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/", process, timeout=120)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            return [_first_chart(browser, base, run) for run in ("warm-up", "measured")][1:]
    finally:
        process.terminate()
        process.wait(timeout=10)


def _first_chart(browser, base: str, label: str) -> str:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    started = time.perf_counter()
    page.goto(base + "/")
    page.wait_for_selector("#overview-path-graph .main-svg .scatterlayer .trace", timeout=60_000)
    visible = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    transferred = page.evaluate(
        """() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                 .reduce((sum, entry) => sum + (entry.transferSize || 0), 0)"""
    )
    context.close()
    return (
        f"first chart visible in headless Chromium ({label}): {visible:.2f} s; "
        f"first page load transferred {transferred / 1e6:.2f} MB (compressed)"
    )


def run(rows: int = 1_000_000) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="regiometer-dash-bench-") as tmp:
        settings = build_warehouse(Path(tmp), rows)
        lines = [f"warehouse: seed + {rows:,} SYNTHETIC observations"]
        lines += measure_callbacks(settings)
        lines += measure_browser(settings)
        db.get_engine(settings.database_url).dispose()
    return lines
