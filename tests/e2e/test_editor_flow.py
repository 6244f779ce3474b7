"""The staff workflow in the browser: log in, upload with errors, fix, preview, commit, undo."""

from __future__ import annotations

import pytest

from etl import accounts, db, pipeline
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


def upload(page, tmp_path, name: str, text: str | bytes) -> None:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    page.set_input_files("#editor-upload input[type=file]", str(path))


def log_in(page, server, user: str) -> None:
    page.goto(f"{server}/login?next=/editor")
    page.fill("input[name=name]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/editor")
    wait_for_dash(page)


def test_upload_preview_commit_and_undo(server, page, staff_user, tmp_path):
    assert members_card(page, server) == "650"

    log_in(page, server, staff_user)

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
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.click("#editor-changes-undo")
    page.wait_for_selector("#editor-changes-undone")
    assert f"Undo run {run} (fixed.csv" in asked[0] and "0 new, 1 changed, 0 unchanged" in asked[0]
    assert page.locator("#editor-changes-undo").is_disabled()
    assert "undone by run" in page.locator("#editor-changes-runs tbody tr").nth(1).inner_text()
    screenshot(page, "editor-changes")

    assert members_card(page, server) == "650"
    assert page.console_errors == []


def test_editor_refuses_anonymous_visitors(server, page):
    page.goto(f"{server}/editor")
    wait_for_dash(page)
    assert page.locator("#editor-upload").count() == 0
    assert page.locator("a[href^='/login']").count() >= 1


@pytest.fixture
def undone_afterwards(live_data_dir):
    """Other browser tests read the same warehouse: take back what a test saved."""
    settings = Settings(data_dir=live_data_dir)
    engine = db.get_engine(settings.database_url)
    before = db.data_version(engine)
    yield
    runs = db.import_runs(engine, limit=50)
    saved = runs[
        (runs["id"] > before) & runs["kind"].isin(["staff", "edit"]) & (runs["status"] == "succeeded")
    ]
    for run_id in sorted(saved["id"], reverse=True):
        pipeline.undo(settings, int(run_id))


JOBS = (
    "employment.ict_micro{s}DED{s}{s}{period}{s}{value}{s}persons{s}actual{s}"
    "silicon-saxony-2024-06-11{s}{s}\n"
)


def test_an_ambiguous_number_stops_until_the_notation_is_chosen(
    server, page, staff_user, tmp_path, undone_afterwards
):
    """Issue 9: '84,000' in a ';' file was saved as 84; now it is refused until the user decides."""
    log_in(page, server, staff_user)
    text = HEADER.replace(",", ";") + JOBS.format(s=";", period="2024", value="84,000")
    upload(page, tmp_path, "jobs.csv", text)
    page.wait_for_selector("#editor-problem-table")
    problem = page.locator("#editor-problem-table").inner_text()
    assert "84,000" in problem and "English notation" in problem
    assert page.locator("#editor-commit").is_disabled()
    page.click("label:has-text('English (76,000 / 4.2)')")
    page.wait_for_selector("#editor-preview-summary")
    assert "84,000 (2024)" in page.locator("#editor-moves").inner_text()
    page.click("#editor-commit")
    page.wait_for_selector("#editor-saved")
    assert page.console_errors == []


def test_a_warning_needs_save_anyway(server, page, staff_user, tmp_path, undone_afterwards):
    log_in(page, server, staff_user)
    upload(page, tmp_path, "half.csv", HEADER + JOBS.format(s=",", period="2025", value="82000.5"))
    page.wait_for_selector("#editor-warning-table")
    assert "not a whole number" in page.locator("#editor-warning-table").inner_text()
    assert page.locator("#editor-commit").is_disabled()
    screenshot(page, "editor-warnings")
    page.click("label:has-text('save anyway')")
    page.wait_for_function("() => !document.querySelector('#editor-commit').disabled")
    page.click("#editor-commit")
    page.wait_for_selector("#editor-saved")
    assert "1 accepted warning" in page.locator("#editor-saved").inner_text()


def test_a_file_over_the_limit_gets_a_message_before_it_is_sent(server, page, staff_user, tmp_path):
    log_in(page, server, staff_user)
    requests = []
    page.on("request", lambda r: requests.append(r.post_data or "") if "_dash-update" in r.url else None)
    upload(page, tmp_path, "huge.csv", b"x" * 6_000_000)
    page.wait_for_function("() => document.querySelector('#editor-upload-size').innerText.length > 0")
    assert (
        "huge.csv has 6.0 MB; files may have at most 5 MB" in page.locator("#editor-upload-size").inner_text()
    )
    assert all(len(body) < 100_000 for body in requests)  # the file itself was never sent


def test_the_staff_pages_pass_the_accessibility_checks(server, page, staff_user, tmp_path):
    from tests.e2e.axe import blocking, describe, violations

    page.goto(f"{server}/login?lang=de")
    wait_for_dash(page)
    found = {"login": blocking(violations(page))}
    log_in(page, server, staff_user)
    found["editor"] = blocking(violations(page))
    upload(page, tmp_path, "broken.csv", BROKEN)
    page.wait_for_selector("#editor-problem-table")
    found["problems"] = blocking(violations(page))
    page.goto(f"{server}/editor/changes")
    wait_for_dash(page)
    found["changes"] = blocking(violations(page))
    assert all(not v for v in found.values()), "\n".join(
        f"{k}:\n{describe(v)}" for k, v in found.items() if v
    )
