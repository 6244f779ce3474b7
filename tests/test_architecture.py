"""The import rules of DESIGN.md, checked by parsing the code."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SQL_MODULES = {"sqlalchemy", "sqlmodel", "sqlite3", "psycopg", "alembic"}


def python_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def calls(path: Path, name: str) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Call)
        and (getattr(node.func, "id", None) == name or getattr(node.func, "attr", None) == name)
        for node in ast.walk(tree)
    )


def test_etl_never_imports_dashboard():
    offenders = [
        p.name for p in python_files("etl") if any(m.split(".")[0] == "dashboard" for m in imports(p))
    ]
    assert offenders == []


def test_pages_and_figures_never_touch_sql():
    files = (
        python_files("dashboard/pages")
        + python_files("dashboard/figures")
        + python_files("dashboard/components")
    )
    offenders = [p.name for p in files if {m.split(".")[0] for m in imports(p)} & SQL_MODULES]
    assert offenders == []


def test_only_etl_db_creates_engines():
    offenders = [
        str(p.relative_to(ROOT))
        for p in python_files("etl") + python_files("dashboard")
        if calls(p, "create_engine") and "etl/db/" not in str(p)
    ]
    assert offenders == []


def test_only_settings_read_the_environment():
    offenders = []
    for path in python_files("etl") + python_files("dashboard"):
        text = path.read_text(encoding="utf-8")
        if ("os.environ" in text or "os.getenv" in text) and path.name != "config.py":
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_sources_never_call_requests_directly():
    """Sources use etl.http's session (timeouts, retries, user agent), never bare requests calls."""
    bare = ("requests.get(", "requests.post(", "requests.request(", "requests.Session(")
    offenders = [p.name for p in python_files("etl/sources") if any(b in p.read_text() for b in bare)]
    assert offenders == []


def imports_etl_db(path: Path) -> bool:
    """`import etl.db`, `from etl.db(.x) import ...` or `from etl import db`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.startswith("etl.db") for a in node.names):
            return True
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.level == 0
            and (
                node.module.startswith("etl.db")
                or (node.module == "etl" and any(a.name == "db" for a in node.names))
            )
        ):
            return True
    return False


def test_only_the_data_layer_reaches_the_warehouse():
    """Pages, components, charts and figures ask dashboard.data; only the data layer (and, for logins
    and the API's paging, dashboard/web) calls etl.db."""
    allowed = ("dashboard/data/", "dashboard/web/auth.py", "dashboard/web/api_query.py")
    offenders = [
        str(p.relative_to(ROOT))
        for p in python_files("dashboard")
        if imports_etl_db(p) and not str(p.relative_to(ROOT)).startswith(allowed)
    ]
    assert offenders == []


def test_pages_stay_thin():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in python_files("dashboard/pages")}
    assert {name: size for name, size in sizes.items() if size > 200} == {}


def test_graphs_and_dropdowns_are_built_where_their_space_is_reserved():
    """Dash draws both after the first paint: built anywhere else, they would move the page."""
    builders = {"Graph": {"dashboard/components/chart.py"}, "Dropdown": {"dashboard/components/space.py"}}
    offenders = [
        (name, str(p.relative_to(ROOT)))
        for p in python_files("dashboard")
        for name, allowed in builders.items()
        if calls(p, name) and str(p.relative_to(ROOT)) not in allowed
    ]
    assert offenders == []
