"""A small, size-bounded cache for what pages show, keyed on the warehouse's data version.

An import moves the data version, so the next request misses and recomputes; old entries age out.
The bound is in bytes (page models and query results, never the whole table), so a worker stays
small however large the warehouse grows.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import pandas as pd

P = ParamSpec("P")
T = TypeVar("T")
DEFAULT_BUDGET = 48 * 1024 * 1024  # bytes per cache and worker


def size_of(value: object) -> int:
    """Bytes a cached value holds (frames deeply; other objects roughly)."""
    if isinstance(value, pd.DataFrame):
        return int(value.memory_usage(deep=True, index=True).sum())
    if isinstance(value, tuple | list):
        return sum(size_of(item) for item in value) + sys.getsizeof(value)
    return sys.getsizeof(value) + 512


class BoundedCache:
    """Least recently used entries leave first once the byte budget is spent."""

    def __init__(self, budget: int = DEFAULT_BUDGET) -> None:
        self.budget = budget
        self._entries: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._used = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable) -> tuple[bool, object]:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return True, self._entries[key][0]
            self.misses += 1
            return False, None

    def put(self, key: Hashable, value: object) -> None:
        size = size_of(value)
        if size > self.budget:
            return  # larger than the whole budget: recomputed each time rather than evicting everything
        with self._lock:
            if key in self._entries:
                self._used -= self._entries.pop(key)[1]
            self._entries[key] = (value, size)
            self._used += size
            while self._used > self.budget and self._entries:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._used -= dropped

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._used = 0

    @property
    def used(self) -> int:
        return self._used


_caches: list[BoundedCache] = []


def cached(version: Callable[[], Hashable], budget: int = DEFAULT_BUDGET):
    """Decorator: results cached per (version(), arguments). `version` names what the result depends
    on, e.g. the warehouse URL and data version; arguments must be hashable."""

    def decorator(function: Callable[P, T]) -> Callable[P, T]:
        cache = BoundedCache(budget)
        _caches.append(cache)

        @wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            key = (version(), args, tuple(sorted(kwargs.items())))
            found, value = cache.get(key)
            if found:
                return value  # type: ignore[return-value]
            result = function(*args, **kwargs)
            cache.put(key, result)
            return result

        wrapper.cache = cache  # type: ignore[attr-defined]
        return wrapper

    return decorator


def clear_all() -> None:
    """Forget every cached result (benchmarks measuring a cold start; tests)."""
    for cache in _caches:
        cache.clear()


def stats() -> dict[str, Any]:
    return {
        "caches": len(_caches),
        "bytes": sum(c.used for c in _caches),
        "hits": sum(c.hits for c in _caches),
        "misses": sum(c.misses for c in _caches),
    }
