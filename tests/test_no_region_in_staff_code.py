"""The import path and the staff area name no region: the pack and the catalog do (etl/pack.py).

Covers etl/ without the official connectors (their region keys are another piece of work) and the
staff area of the dashboard. Docstrings and comments count too."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMES = re.compile(r"\bDED[0-9A-Z]*\b|saxony|sachsen|dresden", re.IGNORECASE)
STAFF_AREA = [
    "dashboard/web/auth.py",
    "dashboard/components/editor_views.py",
    "dashboard/data/runs.py",
    "dashboard/i18n/en/staff.toml",
    "dashboard/i18n/de/staff.toml",
    "dashboard/pages/editor.py",
    "dashboard/pages/editor_changes.py",
    "dashboard/pages/editor_audit.py",
    "dashboard/pages/login.py",
    *(str(p.relative_to(ROOT)) for p in (ROOT / "dashboard" / "components").glob("editor_*.py")),
]


def files() -> list[Path]:
    etl = [
        p
        for p in (ROOT / "etl").rglob("*.py")
        if "sources" not in p.parts or p.name in ("staff_upload.py", "base.py", "__init__.py", "seed.py")
    ]
    return sorted(etl) + [ROOT / name for name in STAFF_AREA]


def test_no_region_is_named_in_the_import_path_or_the_staff_area():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if NAMES.search(line)
    ]
    assert offenders == []
