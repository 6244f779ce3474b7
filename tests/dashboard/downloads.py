"""Read a chart's downloads the way a spreadsheet does (dashboard.charts.files)."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

BOM = b"\xef\xbb\xbf"
NUMERIC = ("value", "value_per_1000", "population", "year_total")


def csv_rows(data: bytes) -> list[dict[str, str]]:
    """Rows of a chart CSV: English with ',' and a decimal point; German with a BOM, ';' and a decimal
    comma (numbers come back with a point, so float() reads them)."""
    german = data.startswith(BOM)
    text = data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if german else ","))
    if german:
        for row in rows:
            for column in NUMERIC:
                if row.get(column):
                    row[column] = row[column].replace(",", ".")
    return rows


def data_sheet(data: bytes):
    """The first sheet of a chart XLSX (its data)."""
    return load_workbook(io.BytesIO(data)).worksheets[0]


def csv_download(client, url: str) -> tuple[str, list[dict[str, str]]]:
    """(file name, rows) of a chart CSV fetched through the app's test client."""
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    name = response.headers["Content-Disposition"].split('filename="')[1].rstrip('"')
    return name, csv_rows(response.data)
