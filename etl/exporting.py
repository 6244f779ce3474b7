"""Canonical frames -> CSV / XLSX / JSON bytes in the staff template's column order (pure)."""

from __future__ import annotations

import io
import json

import pandas as pd

from etl.schema import CANONICAL_COLUMNS

FORMATS = ("csv", "xlsx", "json")


def format_value(value: float) -> str:
    """76000.0 -> '76000', 4.2 -> '4.2': what a person would type, and what import reads back."""
    return f"{value:.15g}"


def template_frame(observations: pd.DataFrame) -> pd.DataFrame:
    frame = observations.reindex(columns=CANONICAL_COLUMNS)
    text_columns = [c for c in CANONICAL_COLUMNS if c != "value"]
    frame[text_columns] = frame[text_columns].astype(object).fillna("")
    return frame.reset_index(drop=True)


def to_csv(frame: pd.DataFrame) -> bytes:
    out = template_frame(frame)
    out["value"] = [format_value(v) for v in out["value"]]
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_json(frame: pd.DataFrame) -> bytes:
    out = template_frame(frame)
    records = out.to_dict(orient="records")
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def to_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    out = template_frame(frame)
    worksheet.append(CANONICAL_COLUMNS)
    for row in out.itertuples(index=False, name=None):
        worksheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render(frame: pd.DataFrame, fmt: str) -> bytes:
    return {"csv": to_csv, "xlsx": to_xlsx, "json": to_json}[fmt](frame)
