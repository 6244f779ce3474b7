"""A small JSON-stat 2.0 dataset decoder that keeps flags (pyjstat drops them and fails on empty cubes).

decode(payload) -> long DataFrame: one column per dimension (in the order of `id`, holding category
codes), then `value` (float) and `flag` (the status string, "" when none). Cells are addressed by
the row-major linear index: idx = sum(pos_d * stride_d), stride_d = product of the sizes after d,
so the last dimension varies fastest. `value` and `status` may be sparse objects keyed by the index
as a string, dense lists, or (status only) one string for every cell. A cell with a status but no
value is not a row; it is counted in frame.attrs["skipped"].
"""

from __future__ import annotations

import json
import math
from collections import Counter

import pandas as pd


class JsonStatError(ValueError):
    """The payload is not a JSON-stat dataset this decoder understands."""


def load(payload: bytes | str | dict) -> dict:
    if isinstance(payload, dict):
        return payload
    try:
        document = json.loads(payload)
    except ValueError as exc:
        raise JsonStatError(f"not JSON: {exc}") from None
    if not isinstance(document, dict):
        raise JsonStatError("not a JSON-stat dataset (the top level is not an object)")
    return document


def is_empty(payload: bytes | str | dict) -> bool:
    """True for the HTTP-200 'no data' cube: a zero-size dimension, or neither values nor statuses."""
    document = load(payload)
    sizes = document.get("size") or []
    return 0 in sizes or (not document.get("value") and not document.get("status"))


def decode(payload: bytes | str | dict) -> pd.DataFrame:
    document = load(payload)
    ids, sizes = _shape(document)
    codes = [
        _category_codes(document["dimension"].get(dim), dim, size)
        for dim, size in zip(ids, sizes, strict=True)
    ]
    total = math.prod(sizes)
    values = _cells(document.get("value"), total, "value")
    raw_status = document.get("status")
    # One status string for the whole cube applies to the cells that have values.
    statuses = (
        dict.fromkeys(values, raw_status)
        if isinstance(raw_status, str)
        else _cells(raw_status, total, "status")
    )
    strides = [math.prod(sizes[d + 1 :]) for d in range(len(sizes))]
    rows: list[list[object]] = []
    skipped: Counter[str] = Counter()
    for index in sorted(set(values) | set(statuses)):
        value = values.get(index)
        flag = str(statuses.get(index) or "")
        if value is None:
            if index in statuses:
                skipped[_reason(flag)] += 1
            continue
        positions = [(index // stride) % size for stride, size in zip(strides, sizes, strict=True)]
        rows.append([codes[d][p] for d, p in enumerate(positions)] + [_number(value, index), flag])
    frame = pd.DataFrame(rows, columns=[*ids, "value", "flag"])
    frame["value"] = frame["value"].astype(float)
    frame.attrs["skipped"] = dict(skipped)
    return frame


def _shape(document: dict) -> tuple[list[str], list[int]]:
    ids, sizes, dimensions = document.get("id"), document.get("size"), document.get("dimension")
    if not isinstance(ids, list) or not isinstance(sizes, list) or not isinstance(dimensions, dict):
        raise JsonStatError("not a JSON-stat dataset (id, size or dimension missing)")
    if len(ids) != len(sizes):
        raise JsonStatError(f"id has {len(ids)} dimensions but size has {len(sizes)}")
    if not all(isinstance(size, int) and size >= 0 for size in sizes):
        raise JsonStatError(f"size must hold non-negative integers, got {sizes}")
    return [str(i) for i in ids], sizes


def _category_codes(dimension: object, name: str, size: int) -> list[str]:
    """Category codes ordered by position; `index` may be an object {code: pos} or a list."""
    if not isinstance(dimension, dict) or not isinstance(dimension.get("category"), dict):
        raise JsonStatError(f"dimension '{name}' has no category")
    category = dimension["category"]
    index = category.get("index")
    if index is None:  # a single category may omit index; its one label key is the code
        index = list((category.get("label") or {}).keys())
    if isinstance(index, dict):
        ordered = sorted(index.items(), key=lambda item: item[1])
        codes = [code for code, _ in ordered]
        if [pos for _, pos in ordered] != list(range(len(ordered))):
            raise JsonStatError(f"dimension '{name}' has gaps in its category index")
    elif isinstance(index, list):
        codes = [str(code) for code in index]
    else:
        raise JsonStatError(f"dimension '{name}' has an unreadable category index")
    if len(codes) != size:
        raise JsonStatError(f"dimension '{name}' lists {len(codes)} categories but size says {size}")
    return codes


def _cells(raw: object, total: int, what: str) -> dict[int, object]:
    """Sparse {index: item} from an object keyed by the index as a string, or from a dense list."""
    if raw is None:
        return {}
    if isinstance(raw, list):
        if len(raw) > total:
            raise JsonStatError(f"{what} lists {len(raw)} cells but the cube has {total}")
        return {i: item for i, item in enumerate(raw) if item is not None}
    if isinstance(raw, dict):
        cells: dict[int, object] = {}
        for key, item in raw.items():
            try:
                index = int(key)
            except ValueError:
                raise JsonStatError(f"{what} key '{key}' is not a cell index") from None
            if not 0 <= index < total:
                raise JsonStatError(f"{what} index {index} is outside the cube of {total} cells")
            if item is not None:
                cells[index] = item
        return cells
    raise JsonStatError(f"{what} is neither an object nor a list")


def _number(value: object, index: int) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise JsonStatError(f"value at cell {index} is not a number: {value!r}")
    try:
        return float(value)
    except ValueError:
        raise JsonStatError(f"value at cell {index} is not a number: {value!r}") from None


def _reason(flag: str) -> str:
    # Eurostat joins OBS_FLAG and CONF_STATUS as "flag|conf"; C or c marks confidential cells.
    observation, _, confidentiality = flag.partition("|")
    if "C" in confidentiality.upper() or "c" in observation:
        return "confidential"
    return "flagged without value"
