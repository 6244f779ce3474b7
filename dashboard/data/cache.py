"""A small, size-bounded cache for what pages show, keyed on the warehouse's data version.

An import moves the data version, so the next request misses and recomputes; old entries age out.
The bound is in bytes (page models and query results, never the whole table), so a worker stays
small however large the warehouse grows. A cached frame holds each distinct text once: a database
driver hands every cell its own string object, so a cube of 80,000 rows repeating a few dozen slugs
would otherwise keep 400,000 strings (36 MB instead of 5).
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import numpy as np
import pandas as pd

P = ParamSpec("P")
T = TypeVar("T")
DEFAULT_BUDGET = 48 * 1024 * 1024  # bytes per cache and worker


def _is_text(column: pd.Series) -> bool:
    if isinstance(column.dtype, pd.StringDtype):
        return True
    return column.dtype == object and pd.api.types.infer_dtype(column, skipna=True) == "string"


def _shared_texts(column: pd.Series) -> pd.Series:
    codes, uniques = pd.factorize(column)
    if isinstance(column.dtype, pd.StringDtype):
        return pd.Series(uniques.take(codes, allow_fill=True), index=column.index, dtype=column.dtype)
    values = column.to_numpy(copy=True)  # object: a missing value stays the object it was (None, NaN)
    present = codes >= 0
    values[present] = np.asarray(uniques, dtype=object)[codes[present]]
    return pd.Series(values, index=column.index, dtype=object)


def compact(value: T) -> T:
    """The same frame with each distinct text held once (other values as they are)."""
    if not isinstance(value, pd.DataFrame) or value.empty:
        return value
    texts = {name: column for name, column in value.items() if _is_text(column)}
    if not texts or value.columns.has_duplicates:
        return value
    shared = value.copy(deep=False)
    for name, column in texts.items():
        shared[name] = _shared_texts(column)
    return shared


def _frame_size(frame: pd.DataFrame) -> int:
    size = int(frame.memory_usage(deep=False, index=True).sum())
    for _, column in frame.items():
        if _is_text(column):  # each distinct text once (see compact)
            size += sum(sys.getsizeof(text) for text in column.dropna().unique())
        elif column.dtype == object:
            size += int(column.memory_usage(deep=True, index=False)) - 8 * len(column)
    return size


def size_of(value: object) -> int:
    """Bytes a cached value holds (frames deeply; other objects roughly)."""
    if isinstance(value, pd.DataFrame):
        return _frame_size(value)
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
            result = compact(function(*args, **kwargs))
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
