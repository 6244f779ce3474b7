"""The staff editor: upload -> every problem listed -> preview -> commit -> changelog -> undo."""

from __future__ import annotations

import base64
import importlib
import json

import pytest

from etl import db
from tests.dashboard.tree import texts

HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier\n"
GOOD = HEADER + "cluster.members,DED,silicon-saxony,2026,700,members,actual,tag24-2026-02-15,<b>bold</b>,\n"
BAD = HEADER + (
    "cluster.memberz,DED,silicon-saxony,2026,700,members,actual,tag24-2026-02-15,,\n"
    "cluster.members,DEX,silicon-saxony,2026,700,members,actual,tag24-2026-02-15,,\n"
    "cluster.members,DED,silicon-saxony,soon,many,members,actual,tag24-2026-02-15,,\n"
)
EDITOR = {"name": "anna", "role": "editor"}


def upload(text: str) -> str:
    return "data:text/csv;base64," + base64.b64encode(text.encode()).decode()


@pytest.fixture
def editor(app, monkeypatch):
    module = importlib.import_module("dashboard.pages.editor")
    monkeypatch.setattr(module, "current_user", lambda: EDITOR)
    return module


@pytest.fixture
def changes(app, monkeypatch):
    module = importlib.import_module("dashboard.pages.editor_changes")
    monkeypatch.setattr(module, "current_user", lambda: EDITOR)
    return module


def members(settings) -> float:
    frame = db.read_observations(
        db.get_engine(settings.database_url), indicator="cluster.members", period_from="2026"
    )
    return float(frame["value"].iloc[0])


def test_anonymous_layout_asks_to_log_in(app):
    module = importlib.import_module("dashboard.pages.editor")
    with app.server.test_request_context("/editor"):
        words = " ".join(texts(module.layout(lang="en")))
    assert "Log in" in words and "Upload" not in words


def test_bad_file_lists_every_problem_and_saves_nothing(app, editor, sqlite_seeded):
    with app.server.test_request_context("/editor"):
        view, stored, disabled = editor.check_upload(upload(BAD), "bad.csv", "auto", "en")
    words = " ".join(texts(view))
    assert "4 problems" in words
    for needle in (
        "unknown indicator 'cluster.memberz'",
        "unknown region 'DEX'",
        "'soon' is not a period",
        "value 'many' is not a finite number",
    ):
        assert needle in words
    assert stored is None and disabled is True
    assert members(sqlite_seeded) == 650


def test_preview_commit_and_undo(app, editor, changes, sqlite_seeded):
    with app.server.test_request_context("/editor"):
        view, stored, disabled = editor.check_upload(upload(GOOD), "members.csv", "auto", "en")
        words = " ".join(texts(view))
        assert "0 new, 1 changed, 0 unchanged" in words
        assert (
            "650" in words and "700" in words and "<b>bold</b>" not in words
        )  # old -> new, note not rendered
        assert disabled is False and members(sqlite_seeded) == 650

        message, cleared, *_ = editor.commit_upload(1, stored, "en")
        assert "Saved as import run" in " ".join(texts(message)) and cleared is None
    assert members(sqlite_seeded) == 700
    runs = db.import_runs(db.get_engine(sqlite_seeded.database_url), limit=1)
    assert runs.loc[0, "user"] == "anna" and runs.loc[0, "file_name"] == "members.csv"

    with app.server.test_request_context("/editor/changes"):
        result, *_ = changes.undo(1, int(runs.loc[0, "id"]), "en")
    assert "1 restored" in " ".join(texts(result))
    assert members(sqlite_seeded) == 650
    actions = [row["action"] for row in db.read_audit(db.get_engine(sqlite_seeded.database_url))]
    assert actions[:2] == ["undo", "upload"]


def test_single_value_check_then_save(app, editor, sqlite_seeded):
    fields = ["cluster.members", "DED", "silicon-saxony", "2025", "620", "actual", "tag24-2026-02-15", "", ""]
    with app.server.test_request_context("/editor"):
        preview = " ".join(texts(editor.value_result(fields, save=False, lang="en")))
        assert "1 new" in preview
        saved = " ".join(texts(editor.value_result(fields, save=True, lang="de")))
        assert "Gespeichert als Importlauf" in saved
        wrong = " ".join(texts(editor.value_result([*fields[:3], "2025", "viele", *fields[5:]], False, "en")))
        assert "not a finite number" in wrong
    frame = db.read_observations(db.get_engine(sqlite_seeded.database_url), indicator="cluster.members")
    assert 620.0 in frame["value"].tolist()


def test_new_source_on_the_spot(app, editor, sqlite_seeded):
    with app.server.test_request_context("/editor"):
        message, options = editor.add_source(
            1,
            "silicon-saxony-2025-annual",
            "Silicon Saxony e.V.",
            "Annual report 2025",
            "https://silicon-saxony.de",
            "2025",
            "en",
        )
        assert "added" in " ".join(texts(message))
        assert any(o["value"] == "silicon-saxony-2025-annual" for o in options)
        again, _ = editor.add_source(1, "silicon-saxony-2025-annual", "x", "y", "", "", "en")
        assert "already exists" in " ".join(texts(again))
        bad, _ = editor.add_source(1, "Bad Slug!", "", "", "ftp://x", "", "en")
        assert "3 problems" in " ".join(texts(bad)) or "4 problems" in " ".join(texts(bad))


def test_direct_unauthenticated_post_to_the_upload_callback_is_refused(app, sqlite_seeded):
    client = app.server.test_client()
    client.get("/_dash-dependencies")  # Dash fills its callback map on the first request
    key = next(k for k in app.callback_map if "editor-upload-result.children" in k and "editor-commit" in k)
    body = {
        "output": key,
        "outputs": [
            {"id": "editor-upload-result", "property": "children"},
            {"id": "editor-upload-store", "property": "data"},
            {"id": "editor-commit", "property": "disabled"},
        ],
        "inputs": [{"id": "editor-upload", "property": "contents", "value": upload(GOOD)}],
        "changedPropIds": ["editor-upload.contents"],
        "state": [
            {"id": "editor-upload", "property": "filename", "value": "members.csv"},
            {"id": "editor-numbers", "property": "value", "value": "auto"},
            {"id": "editor-lang", "property": "data", "value": "en"},
        ],
    }
    before = db.count_observations(db.get_engine(sqlite_seeded.database_url), current_only=False)
    response = client.post(
        "/_dash-update-component",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Origin": "http://localhost"},
    )
    assert response.status_code in (401, 403)
    key = next(k for k in app.callback_map if k.startswith("..editor-commit-result.children"))
    body["output"] = key
    response = client.post(
        "/_dash-update-component",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Origin": "http://localhost"},
    )
    assert response.status_code in (401, 403)
    assert db.count_observations(db.get_engine(sqlite_seeded.database_url), current_only=False) == before


def test_german_staff_read_why_an_ambiguous_number_was_not_read_in_german(app, editor):
    text = (
        HEADER.replace(",", ";")
        + "cluster.members;DED;silicon-saxony;2026;1.700;members;actual;tag24-2026-02-15;;\n"
    )
    with app.server.test_request_context("/editor?lang=de"):
        view, _, _ = editor.check_upload(upload(text), "zahlen.csv", "auto", "de")
    words = " ".join(texts(view))
    assert "in englischer Schreibweise 1,7, in deutscher aber 1.700" in words
