"""Headless Chromium against the production server: which callbacks each page makes on load and on
each control change (recorded with their bodies and headers, to be replayed), when the first chart
is visible, and what a first visit downloads."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

CALLBACK_PATH = "/_dash-update-component"
PLOTLY_JS = re.compile(r"/plotly(\.v[\w-]+m\d+)?\.min\.js$")  # Dash's copy, with or without a fingerprint
PAGES = ("/", "/employment", "/funding", "/clusters", "/regions", "/data", "/about", "/login", "/editor")
LANGS = ("en", "de")
MAX_ACTIONS = 14  # control changes per page and language
ACTION_MS = 15_000  # how long a control may take to answer a click (a busy machine is slow)
OPTIONS_MS = 3_000  # how long an open dropdown may take to list its options
ROOT = "#_pages_content"  # the page, without the shell around it
SKIP_HEADERS = {"host", "content-length", "connection", "cookie"}
VIEWPORT = {"width": 1366, "height": 900}
VISITS = 3  # first visits per chart page; the report gives their median
FIRST_CHART = """() => {
    const svg = document.querySelector('.js-plotly-plot .main-svg');
    return svg && svg.getBoundingClientRect().width > 0 ? performance.now() : false;
}"""
TIMELINE = """() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const calls = resources.filter(e => e.name.includes('_dash-update-component') && e.responseEnd > 0)
        .sort((a, b) => a.startTime - b.startTime);
    const depth = [];
    calls.forEach((call, i) => {
        const before = calls.slice(0, i).filter(other => other.responseEnd <= call.startTime + 1);
        depth.push(1 + Math.max(0, ...before.map(other => depth[calls.indexOf(other)])));
    });
    const end = (found) => found ? found.responseEnd / 1000 : 0;
    return {
        html_s: nav.responseEnd / 1000,
        scripts_s: nav.domContentLoadedEventEnd / 1000,
        layout_s: end(resources.find(e => e.name.includes('/_dash-layout'))),
        callbacks: calls.length,
        callbacks_done_s: calls.length ? Math.max(...calls.map(e => e.responseEnd)) / 1000 : 0,
        callback_rounds: Math.max(0, ...depth),
        plotly_s: end(resources.find(e => /plotly(\\.v[\\w-]+m\\d+)?\\.min\\.js/.test(e.name))),
    };
}"""
TRANSFER = """() => performance.getEntriesByType('navigation')
    .concat(performance.getEntriesByType('resource'))
    .map(entry => [entry.name, entry.transferSize || 0])"""


@dataclass(frozen=True)
class Call:
    """One /_dash-update-component request as the browser made it."""

    page: str
    lang: str
    trigger: str  # "load", or the control that changed ("employment-measure=per1000")
    output: str  # Dash's output spec: names the callback
    url: str  # path and query
    body: bytes
    headers: tuple[tuple[str, str], ...]

    @property
    def callback(self) -> str:
        return callback_name(self.output)

    def as_dict(self) -> dict:
        return {
            "page": self.page,
            "lang": self.lang,
            "trigger": self.trigger,
            "callback": self.callback,
            "url": self.url,
            "body": self.body.decode("utf-8", "replace"),
            "headers": dict(self.headers),
        }


def callback_name(output: str) -> str:
    """'..a.children...b.figure..' -> 'a.children +1': the first output and how many more."""
    many = output.startswith("..")
    outputs = [part for part in output.strip(".").split("...") if part] if many else [output]
    first = outputs[0] if outputs else output
    return first + (f" +{len(outputs) - 1}" if len(outputs) > 1 else "")


@dataclass(frozen=True)
class Visit:
    """A first visit with an empty browser cache; times in seconds from navigation."""

    page: str
    lang: str
    first_chart_s: float | None  # None: no chart on the page
    transfer_kb: float
    requests: int
    plotly: bool  # plotly.js was downloaded
    # Where the time to the first chart went (what had happened when it appeared):
    html_s: float = 0.0  # the page's HTML received
    scripts_s: float = 0.0  # the scripts in the HTML ran (DOMContentLoaded)
    layout_s: float = 0.0  # Dash's layout received
    callbacks: int = 0  # callback requests answered before the chart
    callbacks_done_s: float = 0.0  # the last of them answered
    callback_rounds: int = 0  # longest chain of callbacks, each waiting for the one before
    plotly_s: float = 0.0  # plotly.js received
    # Chromium's main thread until the chart (CPU time, not wall time: on a busy machine the wall
    # time is longer, these stay about what an idle machine needs):
    busy_s: float = 0.0  # all its tasks
    script_s: float = 0.0  # of which JavaScript
    first_chart_range_s: tuple[float, float] | None = None  # fastest, slowest (typical_visit)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@contextmanager
def chromium() -> Iterator:
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _Recorder:
    """Collects the callback requests of one page; knows when none is in flight."""

    def __init__(self, page, path: str, lang: str) -> None:
        self.page, self.path, self.lang = page, path, lang
        self.trigger = "load"
        self.requests: list[tuple[str, object]] = []
        self.inflight = 0
        self.failed = 0
        page.on("request", self._request)
        page.on("requestfinished", self._done)
        page.on("requestfailed", self._failed)

    def _request(self, request) -> None:
        if CALLBACK_PATH in request.url and request.method == "POST":
            self.inflight += 1
            self.requests.append((self.trigger, request))

    def calls(self) -> list[Call]:
        """The recorded requests with the headers Chromium sent (the page's script adds the locale)."""
        return [self._call(trigger, request) for trigger, request in self.requests]

    def _call(self, trigger: str, request) -> Call:
        body = request.post_data_buffer or b""
        try:
            output = json.loads(body).get("output", "")
        except ValueError:
            output = ""
        url = request.url.split("//", 1)[-1]
        headers = request.all_headers()
        return Call(
            page=self.path,
            lang=self.lang,
            trigger=trigger,
            output=output,
            url=url[url.index("/") :],
            body=body,
            headers=tuple(
                (name, value)
                for name, value in headers.items()
                if name.lower() not in SKIP_HEADERS and not name.startswith(":")
            ),
        )

    def _done(self, request) -> None:
        if CALLBACK_PATH in request.url and request.method == "POST":
            self.inflight -= 1

    def _failed(self, request) -> None:
        if CALLBACK_PATH in request.url and request.method == "POST":
            self.inflight -= 1
            self.failed += 1

    def settle(self, quiet_ms: int = 400, timeout_ms: int = 60_000) -> None:
        """Until no callback has been in flight for quiet_ms (Dash chains callbacks)."""
        waited = quiet = 0
        while waited < timeout_ms:
            self.page.wait_for_timeout(100)
            waited += 100
            quiet = quiet + 100 if self.inflight <= 0 else 0
            if quiet >= quiet_ms:
                return


def _label(element_id: str) -> str:
    """dbc's '_dbcprivate_checklist_employment-series_input_total' -> 'employment-series=total'."""
    found = re.match(r"_dbcprivate_(?:checklist|radioitems)_(.+)_input_(.+)$", element_id)
    return f"{found[1]}={found[2]}" if found else element_id


def _by_id(page, element_id: str):
    return page.locator(f"[id={json.dumps(element_id)}]")


def _actions(page, settle: Callable[[], None]) -> list[tuple[str, Callable[[], None]]]:
    """The page's controls, each with a change a reader would make: page 2 of a pager, tick or
    untick a box and back, another radio item, another option of a select or dropdown. Each control is found
    again by its id when its turn comes (earlier changes re-render the page)."""
    actions: list[tuple[str, Callable[[], None]]] = []
    for pager in page.locator(f"{ROOT} ul.pagination[id]").all():  # first: filters may leave one page
        pager_id = pager.get_attribute("id") or ""
        two = _by_id(page, pager_id).locator("a.page-link", has_text=re.compile(r"^\s*2\s*$"))
        if two.count():
            actions.append((f"{pager_id}=2", lambda two=two: two.first.click(timeout=ACTION_MS)))
    for box in page.locator(f"{ROOT} input[type=checkbox][id], {ROOT} input[type=radio][id]").all():
        element_id = box.get_attribute("id") or ""
        if not box.is_visible() or box.is_disabled():
            continue
        if box.get_attribute("type") == "radio" and box.is_checked():
            continue
        if box.get_attribute("type") == "checkbox":  # tick or untick, then back: later controls see the page
            actions.append((_label(element_id), lambda i=element_id: _toggle_twice(page, i, settle)))
        else:
            actions.append(
                (_label(element_id), lambda i=element_id: _by_id(page, i).click(timeout=ACTION_MS))
            )
    for select in page.locator(f"{ROOT} select[id]").all():
        values = [o.get_attribute("value") for o in select.locator("option").all()]
        current = select.input_value()
        other = next((value for value in values if value and value != current), None)
        element_id = select.get_attribute("id") or ""
        if other is not None and select.is_visible():
            actions.append(
                (
                    f"{element_id}={other}",
                    lambda i=element_id, o=other: _by_id(page, i).select_option(o, timeout=ACTION_MS),
                )
            )
    for dropdown in page.locator(f"{ROOT} button.dash-dropdown[id]").all():
        element_id = dropdown.get_attribute("id") or ""
        if dropdown.is_visible() and dropdown.is_enabled():
            actions.append((f"{element_id}=another option", lambda i=element_id: _pick_option(page, i)))
    return actions[:MAX_ACTIONS]


class NoOtherOption(Exception):
    """The dropdown offers nothing else to pick (an earlier change emptied it)."""


def _toggle_twice(page, element_id: str, settle: Callable[[], None]) -> None:
    _by_id(page, element_id).click(timeout=ACTION_MS)
    settle()
    _by_id(page, element_id).click(timeout=ACTION_MS)


def _pick_option(page, element_id: str) -> None:
    _by_id(page, element_id).click(timeout=ACTION_MS)
    listbox = page.locator("[role=dialog] [role=listbox]").last
    options = listbox.locator("[role=option][aria-selected=false]")
    try:
        options.first.wait_for(timeout=OPTIONS_MS)
    except Exception as exc:
        page.keyboard.press("Escape")
        raise NoOtherOption from exc
    options.nth(1 if options.count() > 1 else 0).click(timeout=ACTION_MS)
    page.keyboard.press("Escape")  # a multi-select list stays open


@dataclass
class Recording:
    page: str
    lang: str
    calls: list[Call]
    charts: bool  # the page drew at least one chart
    problems: list[str]


def record(context, base: str, path: str, lang: str) -> Recording:
    """Load the page, change each control once; every callback request made on the way."""
    page = context.new_page()
    recorder = _Recorder(page, path, lang)
    problems: list[str] = []
    page.goto(f"{base}{path}?lang={lang}", wait_until="load", timeout=120_000)
    page.wait_for_selector(f"{ROOT} > *", timeout=120_000)  # Dash has rendered the page
    recorder.settle()
    charts = page.locator(f"{ROOT} .dash-graph, {ROOT} .js-plotly-plot").count() > 0
    for label, action in _actions(page, recorder.settle):
        recorder.trigger = label
        try:
            action()
        except NoOtherOption:
            problems.append(f"{path} ({lang}) {label}: no other option to pick")
        except Exception as exc:  # a control can vanish or turn read-only after an earlier change
            problems.append(f"{path} ({lang}) {label}: {type(exc).__name__}")
            page.keyboard.press("Escape")
        recorder.settle()
    if recorder.failed:
        problems.append(f"{path} ({lang}): {recorder.failed} callback requests failed in the browser")
    calls = recorder.calls()
    page.close()
    return Recording(path, lang, calls, charts, problems)


def typical_visit(browser, base: str, path: str, charts: bool, times: int = VISITS) -> Visit:
    """The median of `times` first visits by their first chart (one visit is at the mercy of whatever
    else the machine does in those two seconds), with the fastest and slowest first chart."""
    visits = [first_visit(browser, base, path, charts) for _ in range(times if charts else 1)]
    if not charts:
        return visits[0]
    ranked = sorted(visits, key=lambda visit: visit.first_chart_s or 0.0)
    charted = [visit.first_chart_s or 0.0 for visit in ranked]
    return replace(ranked[len(ranked) // 2], first_chart_range_s=(charted[0], charted[-1]))


def first_visit(browser, base: str, path: str, charts: bool, lang: str = "en") -> Visit:
    """An empty browser cache: seconds from navigation to the first chart drawn (on a page with
    charts), bytes transferred."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto(f"{base}{path}?lang={lang}", wait_until="commit", timeout=120_000)
    first_chart, timeline = None, {}
    if charts:
        handle = page.wait_for_function(FIRST_CHART, polling="raf", timeout=120_000)
        first_chart = handle.json_value() / 1000
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        timeline = page.evaluate(TIMELINE)
        timeline["busy_s"] = metrics.get("TaskDuration", 0.0)
        timeline["script_s"] = metrics.get("ScriptDuration", 0.0)
    page.wait_for_load_state("networkidle", timeout=120_000)
    page.wait_for_timeout(300)
    entries = page.evaluate(TRANSFER)
    context.close()
    return Visit(
        page=path,
        lang=lang,
        first_chart_s=first_chart,
        transfer_kb=sum(size for _, size in entries) / 1024,
        requests=len(entries),
        plotly=any(PLOTLY_JS.search(name.split("?")[0]) for name, _ in entries),
        **timeline,
    )
