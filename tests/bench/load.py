"""Many readers at once, without think time: each client loads a page as a browser with a warm cache
does (the HTML, Dash's layout and dependencies, then the page's callbacks on load, in order) and then
changes a control half of the time; over and over, on a kept-alive connection, for a fixed time."""

from __future__ import annotations

import http.client
import random
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.bench.browser import Call
from tests.bench.replay import TIMEOUT, call_headers, page_headers, percentile, send


@dataclass
class Visit:
    """What one page load and its control changes send, per page and language."""

    page: str
    lang: str
    load: list[Call]
    changes: list[list[Call]]


def visits(calls: list[Call]) -> list[Visit]:
    grouped: dict[tuple[str, str], dict[str, list[Call]]] = defaultdict(lambda: defaultdict(list))
    for call in calls:
        grouped[(call.page, call.lang)][call.trigger].append(call)
    return [
        Visit(page, lang, triggers.get("load", []), [c for t, c in triggers.items() if t != "load"])
        for (page, lang), triggers in grouped.items()
    ]


@dataclass
class LoadResult:
    clients: int
    seconds: float
    ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # per kind of request
    errors: list[str] = field(default_factory=list)

    @property
    def all_ms(self) -> list[float]:
        return [ms for values in self.ms.values() for ms in values]

    @property
    def requests(self) -> int:
        return len(self.all_ms)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def p95(self) -> float:
        return percentile(self.all_ms, 0.95)

    def as_dict(self) -> dict:
        return {
            "clients": self.clients,
            "seconds": round(self.seconds, 1),
            "requests": self.requests,
            "requests_per_s": round(self.per_second, 1),
            "p50_ms": round(percentile(self.all_ms, 0.5), 1),
            "p95_ms": round(self.p95, 1),
            "max_ms": round(max(self.all_ms), 1) if self.all_ms else None,
            "errors": len(self.errors),
            "error_examples": sorted(set(self.errors))[:5],
            "by_kind": {
                kind: {
                    "requests": len(values),
                    "p50_ms": round(percentile(values, 0.5), 1),
                    "p95_ms": round(percentile(values, 0.95), 1),
                }
                for kind, values in sorted(self.ms.items())
            },
        }


def run(base: str, calls: list[Call], clients: int = 50, seconds: float = 30.0, seed: int = 1) -> LoadResult:
    plans = [visit for visit in visits(calls) if visit.load]
    result = LoadResult(clients=clients, seconds=seconds)
    lock = threading.Lock()
    host = urlsplit(base)
    start = threading.Event()
    deadline = [0.0]

    def client(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=TIMEOUT)
        mine: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []

        def ask(kind: str, method: str, url: str, body: bytes | None, headers: dict) -> None:
            if time.monotonic() >= deadline[0]:
                return
            answer = send(connection, method, url, body, headers)
            mine[kind].append(answer.ms)
            if answer.error:
                errors.append(f"{kind} {url.split('?')[0]}: {answer.error}")

        start.wait()
        while time.monotonic() < deadline[0]:
            visit = rng.choice(plans)
            headers = page_headers(visit.lang)
            page_url = f"{visit.page}?lang={visit.lang}"
            ask("page HTML", "GET", page_url, None, headers)
            headers = {**headers, "accept": "application/json", "referer": base + page_url}
            ask("layout and dependencies", "GET", "/_dash-layout", None, headers)
            ask("layout and dependencies", "GET", "/_dash-dependencies", None, headers)
            for call in visit.load:
                ask("callbacks", "POST", call.url, call.body, call_headers(call))
            if visit.changes and rng.random() < 0.5:
                for call in rng.choice(visit.changes):
                    ask("callbacks", "POST", call.url, call.body, call_headers(call))
        connection.close()
        with lock:
            for kind, values in mine.items():
                result.ms[kind].extend(values)
            result.errors.extend(errors)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    deadline[0] = began + seconds
    start.set()
    for thread in threads:
        thread.join(timeout=seconds + TIMEOUT + 30)
    result.seconds = time.monotonic() - began
    return result
