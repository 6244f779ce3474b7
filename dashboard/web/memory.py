"""Memory a worker freed goes back to the operating system.

A page's first answer on a large warehouse reads and aggregates big query results; Python frees them,
but glibc keeps the freed pages in its heaps (one per thread that allocated) for later, so a worker's
memory would stay at its highest point. After a slow request (the ones that computed something) the
worker asks glibc to return what is free (`malloc_trim`), and the number of heaps is bounded once per
process. Both are glibc calls; elsewhere (musl, macOS) nothing happens.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import time

from flask import Flask, Response, g

log = logging.getLogger(__name__)

SLOW_SECONDS = 0.2  # a request this slow computed something; a cached answer takes a few ms
M_ARENA_MAX = -8  # glibc's mallopt parameter
ARENAS = 2


def _glibc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


_LIBC = _glibc()


def bound_heaps() -> None:
    """At most ARENAS malloc heaps for this process's threads (call before the threads start)."""
    if _LIBC is not None and hasattr(_LIBC, "mallopt"):
        _LIBC.mallopt(M_ARENA_MAX, ARENAS)


def give_back() -> None:
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _start() -> None:
    g.regiometer_started = time.perf_counter()


def _after(response: Response) -> Response:
    started = g.pop("regiometer_started", None)
    if started is not None and time.perf_counter() - started > SLOW_SECONDS:
        give_back()
    return response


def register(server: Flask) -> None:
    server.before_request(_start)
    server.after_request(_after)
