"""The staff workflow in the browser: log in, upload with errors, fix, preview, commit, undo."""

from __future__ import annotations

import pytest

from etl import accounts, db
from etl.config import Settings
from tests.e2e.conftest import screenshot, wait_for_dash

HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier\n"
BROKEN = HEADER + (
    "cluster.members,DED,silicon-saxony,2026,700,members,actual,tag24-2026-02-15,,\n"
    "cluster.members,DEX,silicon-saxony,2027,710,members,actual,tag24-2026-02-15,,\n"
    "cluster.members,DED,silicon-saxony,next year,720,members,actual,tag24-2026-02-15,,\n"
)
FIXED = (
    HEADER + "cluster.members,DED,silicon-saxony,2026,700,members,actual,tag24-2026-02-15,annual report,\n"
)
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def staff_user(live_data_dir):
    engine = db.get_engine(Settings(data_dir=live_data_dir).database_url)
    if db.get_user(engine, "anna") is None:
        db.add_user(engine, "anna", accounts.hash_password(PASSWORD), "editor")
    return "anna"


def members_card(page, server) -> str:
    page.goto(f"{server}/")
    wait_for_dash(page)
    return page.locator("#overview-kpi-members .kpi-value").inner_text()


def upload(page, tmp_path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.set_input_files("#editor-upload input[type=file]", str(path))


def test_upload_preview_commit_and_undo(server, page, staff_user, tmp_path):
    assert members_card(page, server) == "650"

    page.goto(f"{server}/login?next=/editor")
    page.fill("input[name=name]", staff_user)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/editor")
    wait_for_dash(page)

    upload(page, tmp_path, "broken.csv", BROKEN)
    problems = page.locator("#editor-problem-table tbody tr")
    problems.first.wait_for()
    assert problems.count() == 2
    assert "2 problems" in page.locator("#editor-problem-count").inner_text()
    assert page.locator("#editor-commit").is_disabled()
    screenshot(page, "editor-problems")

    upload(page, tmp_path, "fixed.csv", FIXED)
    page.wait_for_selector("#editor-preview-summary")
    assert "0 new, 1 changed" in page.locator("#editor-preview-summary").inner_text()
    assert "650" in page.locator("#editor-changed").inner_text()
    screenshot(page, "editor-preview")
    page.click("#editor-commit")
    page.wait_for_selector("#editor-saved")

    assert members_card(page, server) == "700"

    page.goto(f"{server}/editor/changes")
    wait_for_dash(page)
    latest = page.locator("#editor-changes-runs tbody tr").first
    assert "fixed.csv" in latest.inner_text() and staff_user in latest.inner_text()
    run = latest.locator("td").first.inner_text()
    page.goto(f"{server}/editor/changes?run={run}")
    wait_for_dash(page)
    page.wait_for_selector("#editor-run-revisions")
    assert "700" in page.locator("#editor-run-revisions").inner_text()
    page.click("#editor-changes-undo")
    page.wait_for_selector("#editor-changes-undone")
    screenshot(page, "editor-changes")

    assert members_card(page, server) == "650"
    assert page.console_errors == []


def test_editor_refuses_anonymous_visitors(server, page):
    page.goto(f"{server}/editor")
    wait_for_dash(page)
    assert page.locator("#editor-upload").count() == 0
    assert page.locator("a[href^='/login']").count() >= 1
