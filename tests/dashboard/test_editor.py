"""The staff editor: upload -> every problem listed -> preview -> commit -> changelog -> undo.

Callbacks are called as functions inside a request context, as Dash would call them."""

from __future__ import annotations

import base64
import importlib
import json

import pytest

from etl import db
from tests.dashboard.tree import find, texts

HEADER = "indicator,region,breakdown,period,value,unit,status,source,note,qualifier\n"
GOOD = HEADER + "cluster.members,DED,silicon-saxony,2026,700,members,actual,tag24-2026-02-15,<b>bold</b>,\n"
BAD = HEADER + (
    "cluster.memberz,DED,silicon-saxony,2026,700,members,actual,tag24-2026-02-15,,\n"
    "cluster.members,DEX,silicon-saxony,2026,700,members,actual,tag24-2026-02-15,,\n"
    "cluster.members,DED,silicon-saxony,soon,many,members,actual,tag24-2026-02-15,,\n"
)
JOBS = (
    "employment.ict_micro{s}DED{s}{s}{period}{s}{value}{s}persons{s}actual{s}"
    "silicon-saxony-2024-06-11{s}{s}\n"
)
EDITOR = {"name": "anna", "role": "editor"}


def data_url(text: str | bytes) -> str:
    raw = text.encode() if isinstance(text, str) else text
    return "data:text/csv;base64," + base64.b64encode(raw).decode()


def payload(text: str | bytes, name: str = "members.csv") -> dict:
    return {"name": name, "contents": data_url(text)}


def words(component) -> str:
    return " ".join(texts(component))


@pytest.fixture
def logged_in(app, monkeypatch):
    for name in (
        "dashboard.web.auth",
        "dashboard.components.editor_common",
        "dashboard.pages.editor",
        "dashboard.pages.editor_changes",
    ):
        monkeypatch.setattr(importlib.import_module(name), "current_user", lambda: EDITOR)


@pytest.fixture
def upload(logged_in):
    return importlib.import_module("dashboard.components.editor_upload")


@pytest.fixture
def value_form(logged_in):
    return importlib.import_module("dashboard.components.editor_value")


@pytest.fixture
def changes(logged_in):
    return importlib.import_module("dashboard.pages.editor_changes")


def members(settings) -> float:
    frame = db.read_observations(
        db.get_engine(settings.database_url), indicator="cluster.members", period_from="2026"
    )
    return float(frame["value"].iloc[0])


def jobs_2024(settings) -> list[float]:
    frame = db.read_observations(
        db.get_engine(settings.database_url),
        indicator="employment.ict_micro",
        period_from="2024",
        period_to="2024",
    )
    return frame[frame["breakdown"] == ""]["value"].tolist()


def test_anonymous_layout_asks_to_log_in(app):
    module = importlib.import_module("dashboard.pages.editor")
    with app.server.test_request_context("/editor"):
        text = words(module.layout(lang="en"))
    assert "Log in" in text and "Upload" not in text


def test_editor_pages_stay_small_and_never_import_the_database_layer():
    from tests.test_architecture import ROOT, imports

    for name in ("editor", "editor_changes", "editor_audit", "login"):
        path = ROOT / "dashboard" / "pages" / f"{name}.py"
        assert len(path.read_text().splitlines()) <= 200, name
        assert not any(m == "etl.db" or m.startswith("etl.db.") for m in imports(path)), name


def test_bad_file_lists_every_problem_and_saves_nothing(app, upload, sqlite_seeded):
    with app.server.test_request_context("/editor"):
        view, stored, *_ = upload.check_upload(payload(BAD, "bad.csv"), "auto", "en")
    text = words(view)
    assert "4 problems" in text and "File: bad.csv" in text
    for needle in (
        "unknown indicator 'cluster.memberz'",
        "did you mean 'Cluster members' (cluster.members)",
        "unknown region 'DEX'",
        "'soon' is not a period",
        "value 'many' is not a finite number",
    ):
        assert needle in text
    assert "reference" not in text and ".csv'" not in text  # no repository files in the hints
    assert stored is None and members(sqlite_seeded) == 650


def test_problems_are_shown_in_german_on_the_german_page(app, upload):
    with app.server.test_request_context("/editor?lang=de"):
        view, *_ = upload.check_upload(payload(BAD, "bad.csv"), "auto", "de")
    text = words(view)
    assert "4 Probleme gefunden" in text and "unbekannter Indikator „cluster.memberz“" in text
    assert "meinten Sie 'Mitglieder des Clusters' (cluster.members)" in text


def test_preview_commit_and_undo(app, upload, changes, sqlite_seeded):
    with app.server.test_request_context("/editor"):
        view, stored, *_ = upload.check_upload(payload(GOOD), "auto", "en")
        text = words(view)
        assert "0 new, 1 changed, 0 unchanged" in text and "File: members.csv" in text
        assert "650" in text and "700" in text and "<b>bold</b>" not in text  # old -> new, note not rendered
        assert "(cluster.members)" in text and "(DED)" in text  # names next to slugs
        assert upload.commit_state(stored, False) is False and members(sqlite_seeded) == 650

        message, cleared_store, result = upload.commit_upload(1, stored, False, "en")
        assert "Saved as import run" in words(message) and cleared_store is None and result == ""
    assert members(sqlite_seeded) == 700
    engine = db.get_engine(sqlite_seeded.database_url)
    runs = db.import_runs(engine, limit=1)
    assert runs.loc[0, "user"] == "anna" and runs.loc[0, "file_name"] == "members.csv"
    run_id = int(runs.loc[0, "id"])

    with app.server.test_request_context("/editor/changes"):
        shown, message = changes.ask(1, run_id, "en")
        assert (
            shown is True
            and f"Undo run {run_id} (members.csv" in message
            and "0 new, 1 changed, 0 unchanged" in message
        )
        result, listing, options, disabled = changes.undo(1, run_id, "en")
        assert "1 restored" in words(result) and disabled is True
        listed = words(listing)
        assert f"undone by run {run_id + 1}" in listed and "1 restored, 0 withdrawn, 0 left alone" in listed
        undone = next(o for o in options if o["value"] == run_id)
        assert undone["disabled"] is True
        assert changes.show_run(run_id, "en")[1] is True  # its undo button stays disabled
    assert members(sqlite_seeded) == 650
    actions = [row["action"] for row in db.read_audit(engine)]
    assert actions[:2] == ["undo", "upload"]


def test_english_thousands_in_a_semicolon_file_stop_then_the_choice_decides(app, upload, sqlite_seeded):
    """Issue 9: '84,000' in a ';' file was previewed as 'Headline after: 84 (2024)' with Save enabled."""
    text = HEADER.replace(",", ";") + JOBS.format(s=";", period="2024", value="84,000")
    with app.server.test_request_context("/editor"):
        view, stored, *_ = upload.check_upload(payload(text, "jobs.csv"), "auto", "en")
        assert stored is None and upload.commit_state(stored, False) is True
        shown = words(view)
        assert "'84,000' reads as 84,000 in English notation but as 84 in German notation" in shown
        assert "Number format" in shown
        view, stored, *_ = upload.check_upload(payload(text, "jobs.csv"), "en", "en")
        assert "84,000 (2024)" in words(view) and "84 (2024)" not in words(view)
        upload.commit_upload(1, stored, False, "en")
    assert jobs_2024(sqlite_seeded) == [84000.0]


def test_warnings_need_save_anyway_and_the_run_records_them(app, upload, sqlite_seeded):
    """Issue 9: a future actual, a 99.9 % drop and a fractional person: three warnings."""
    rows = (
        JOBS.format(s=",", period="2031", value="82000")
        + JOBS.format(s=",", period="2023", value="81")
        + JOBS.format(s=",", period="2024", value="82000.5")
    )
    with app.server.test_request_context("/editor"):
        view, stored, _, box, _ = upload.check_upload(payload(HEADER + rows, "odd.csv"), "auto", "en")
        shown = words(view)
        assert "3 warnings" in shown and box == {}
        table = find(view, "editor-warning-table")
        assert table is not None and "81,000" in words(table)  # the current value is shown
        assert upload.commit_state(stored, False) is True and upload.commit_state(stored, True) is False
        message, *_ = upload.commit_upload(1, stored, True, "en")
        assert "Saved with 3 accepted warnings." in words(message)
    runs = db.import_runs(db.get_engine(sqlite_seeded.database_url), limit=1)
    assert runs.loc[0, "accepted_warnings"] == 3


def test_a_new_upload_clears_the_message_of_a_cancelled_one(app, upload):
    with app.server.test_request_context("/editor"):
        cancelled, store, result, _ = upload.cancel_upload(1, "en")
        assert "Cancelled" in words(cancelled) and store is None and result == ""
        _, _, commit_message, *_ = upload.check_upload(payload(GOOD), "auto", "en")
    assert commit_message == ""


def test_a_windows_1252_upload_says_so_and_keeps_its_umlauts(app, upload, sqlite_seeded):
    text = (
        HEADER.replace(",", ";")
        + "cluster.members;DED;silicon-saxony;2026;700;members;actual;tag24-2026-02-15;Größe;\n"
    )
    with app.server.test_request_context("/editor"):
        view, stored, *_ = upload.check_upload(payload(text.encode("cp1252"), "excel.csv"), "auto", "de")
        assert "Windows-1252" in words(view)
        upload.commit_upload(1, stored, False, "de")
    frame = db.read_observations(db.get_engine(sqlite_seeded.database_url), indicator="cluster.members")
    assert "Größe" in frame["note"].tolist()


FIELDS = ["cluster.members", "DED", "silicon-saxony", "2025", "620", "actual", "tag24-2026-02-15", "", "", ""]


def test_the_single_value_form_stores_both_notes(app, value_form, sqlite_seeded):
    values = [*FIELDS[:8], "as of 31 Dec", "Stand 31.12."]
    with app.server.test_request_context("/editor?lang=de"):
        tree = value_form.value_card("de")
        saved, *_ = value_form.value_result(values, save=True, lang="de")
    assert "Anmerkung auf Deutsch (leer: die englische wird gezeigt)" in words(tree)
    assert "Gespeichert" in words(saved)
    frame = db.read_observations(
        db.get_engine(sqlite_seeded.database_url), indicator="cluster.members", period_from="2025"
    )
    row = frame[frame["source"] == "tag24-2026-02-15"].iloc[0]
    assert (row["note"], row["note_de"]) == ("as of 31 Dec", "Stand 31.12.")


def test_single_value_check_then_save(app, value_form, sqlite_seeded):
    with app.server.test_request_context("/editor"):
        preview, *_ = value_form.value_result(FIELDS, save=False, lang="en")
        assert "1 new" in words(preview)
        saved, *_ = value_form.value_result(FIELDS, save=True, lang="de")
        assert "Gespeichert als Importlauf" in words(saved)
        wrong, *_ = value_form.value_result([*FIELDS[:4], "viele", *FIELDS[5:]], False, "en")
        assert "not a finite number" in words(wrong)
    frame = db.read_observations(db.get_engine(sqlite_seeded.database_url), indicator="cluster.members")
    assert 620.0 in frame["value"].tolist()


def test_the_german_form_reads_1_620_as_1620_and_says_so(app, value_form, sqlite_seeded):
    """Issue 9: typing 1.620 on /editor?lang=de gave 1,62 members."""
    assert (
        value_form.understood("1.620", "de") == "Gelesen als 1.620 (in englischer Schreibweise wäre es 1,62)"
    )
    assert value_form.understood("1,620", "en") == "Read as 1,620 (in German notation it would be 1.62)"
    assert value_form.understood("4,2", "de") == "Gelesen als 4,2"
    values = [*FIELDS[:4], "1.620", *FIELDS[5:]]
    with app.server.test_request_context("/editor?lang=de"):
        saved, *_ = value_form.value_result(values, save=True, lang="de")
        assert "Gespeichert" in words(saved)
    frame = db.read_observations(
        db.get_engine(sqlite_seeded.database_url),
        indicator="cluster.members",
        period_from="2025",
        period_to="2025",
    )
    assert 1620.0 in frame["value"].tolist() and 1.62 not in frame["value"].tolist()


def test_a_single_value_with_warnings_needs_save_anyway_for_that_value(app, value_form, sqlite_seeded):
    values = [*FIELDS[:4], "620,5", *FIELDS[5:]]
    with app.server.test_request_context("/editor?lang=de"):
        refused, checked, box, _ = value_form.value_result(values, save=True, lang="de")
        assert "keine ganze Zahl" in words(refused) and box == {}
        changed = [*FIELDS[:4], "630,5", *FIELDS[5:]]  # changed after the check: not accepted blindly
        again, checked_again, *_ = value_form.value_result(changed, True, "de", accept=True, checked=checked)
        assert "geändert" in words(again)
        saved, *_ = value_form.value_result(changed, True, "de", accept=True, checked=checked_again)
        assert "Gespeichert" in words(saved)


def test_new_source_on_the_spot(app, logged_in, sqlite_seeded):
    source = importlib.import_module("dashboard.components.editor_source")
    with app.server.test_request_context("/editor"):
        fields = (
            "acme-2025-annual",
            "Acme e.V. (citing a ministry study)",
            "Acme e.V. (zitiert eine Studie des Ministeriums)",
            "Annual report 2025",
            "https://example.org",
            "2025",
            "association",
        )
        message, options = source.add_source(1, *fields, "en")
        assert "added" in words(message)
        assert any(o["value"] == "acme-2025-annual" for o in options)
        added = db.read_catalog(db.get_engine(sqlite_seeded.database_url)).sources["acme-2025-annual"]
        assert added.kind == "association"  # ranked and marked like the pack's association sources
        assert added.publisher_in("de") == "Acme e.V. (zitiert eine Studie des Ministeriums)"
        assert added.publisher_in("en") == "Acme e.V. (citing a ministry study)"
        again, _ = source.add_source(1, "acme-2025-annual", "x", "", "y", "", "", "press", "en")
        assert "already exists" in words(again)
        bad, _ = source.add_source(1, "Bad Slug!", "", "", "Ti\x07tle", "ftp://x", "June", "blog", "de")
        text = words(bad)
        assert "6 Probleme" in text and "U+0007" in text and "z. B. publisher-" in text
        assert "keine Art von Quelle" in text and "official, government" in text
        unkind, _ = source.add_source(1, "acme-2025-other", "Acme", "", "Other", "", "", "", "en")
        assert "kind" in words(unkind)


def test_direct_unauthenticated_post_to_the_upload_callback_is_refused(app, sqlite_seeded):
    client = app.server.test_client()
    client.get("/_dash-dependencies")  # Dash fills its callback map on the first request
    key = next(
        k for k in app.callback_map if "editor-upload-result.children" in k and "editor-upload-store" in k
    )
    body = {
        "output": key,
        "outputs": [{"id": "editor-upload-result", "property": "children"}],
        "inputs": [{"id": "editor-upload-payload", "property": "data", "value": payload(GOOD)}],
        "changedPropIds": ["editor-upload-payload.data"],
        "state": [{"id": "editor-lang", "property": "data", "value": "en"}],
    }
    before = db.count_observations(db.get_engine(sqlite_seeded.database_url), current_only=False)
    headers = {"Origin": "http://localhost"}
    response = client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json", headers=headers
    )
    assert response.status_code in (401, 403)
    body["output"] = next(k for k in app.callback_map if k.startswith("..editor-commit-result.children"))
    response = client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json", headers=headers
    )
    assert response.status_code in (401, 403)
    assert db.count_observations(db.get_engine(sqlite_seeded.database_url), current_only=False) == before


def test_an_upload_over_the_servers_limit_gets_a_message_in_the_page(sqlite_seeded):
    from dashboard.app import create_app
    from dashboard.i18n import use_locale

    app = create_app(sqlite_seeded.with_(upload_max_bytes=1000))
    client = app.server.test_client()
    with use_locale("en"):  # the web layer sets the request's locale and leaves it set in this thread
        response = client.post(
            "/_dash-update-component",
            data=b"{" + b" " * 5000 + b"}",
            content_type="application/json",
            headers={"Origin": "http://localhost", "Referer": "http://localhost/editor?lang=de"},
        )
    assert response.status_code == 200
    answer = response.get_json()["response"]["editor-upload-result"]["children"]
    assert "größer, als der Server annimmt" in answer["props"]["children"]


def test_the_upload_says_its_limit_and_checks_the_size_in_the_browser(app, logged_in):
    page = importlib.import_module("dashboard.pages.editor")
    with app.server.test_request_context("/editor"):
        tree = page.layout(lang="en")
    assert find(tree, "editor-upload").max_size == -1  # nothing is dropped silently by the browser
    limits = find(tree, "editor-upload-limits").data
    assert limits["limit"] == 5_000_000 and "{size}" in limits["message"]
    assert "at most 5 MB" in words(tree)


def test_the_template_download_is_generated_from_the_catalog(app, logged_in):
    page = importlib.import_module("dashboard.pages.editor")
    with app.server.test_request_context("/editor"):
        sent = page.template_file("xlsx")
    assert sent["filename"] == "staff-template.xlsx" and sent["base64"] is True


def test_the_newest_ordinary_import_is_the_first_undo_choice(app):
    from dashboard.components.editor_log import run_options
    from dashboard.data.runs import Run

    def run(number, kind, undone_by=None, undoes=None):
        return Run(
            number, None, kind, "anna", f"{number}.csv", 1, 0, 0, 0, "succeeded", "", 0, undoes, undone_by, 0
        )

    runs = [
        run(9, "undo", undoes=7),
        run(8, "staff"),
        run(7, "staff", undone_by=9),
        run(6, "edit"),
        run(5, "seed"),
    ]
    with app.server.test_request_context("/editor/changes"):
        options = run_options(runs, "en")
    assert [o["value"] for o in options] == [8, 6, 9, 7]
    assert [o["disabled"] for o in options] == [False, False, False, True]
    assert "undone by run 9" in options[-1]["label"]
