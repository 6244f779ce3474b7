"""Public callbacks are answered once per machine and data version: a second worker (here a second
app on the same warehouse and cache folder) gives the same answer without computing it, an import
gives a fresh answer, and nothing a session decides is ever stored."""

from __future__ import annotations

import json

import pytest

from dashboard.app import create_app
from dashboard.data.cache import clear_all
from dashboard.i18n import use_locale
from tests.conftest import load_one_value
from tests.dashboard.tree import page_request

CALLBACK = "/_dash-update-component"


def page_body(path: str, lang: str) -> dict:
    return page_request(path, f"?lang={lang}")


def control_body(app, output_part: str, values: dict[str, object]) -> dict:
    """A control change as the browser posts it, for the callback whose outputs include `output_part`."""
    key = next(key for key in app.callback_map if output_part in key)
    spec = app.callback_map[key]
    outputs = [{"id": o.component_id, "property": o.component_property} for o in spec["output"]]
    inputs = [{**given, "value": values.get(given["id"])} for given in spec["inputs"]]
    state = [{**given, "value": values.get(given["id"])} for given in spec["state"]]
    return {
        "output": key,
        "outputs": outputs,
        "inputs": inputs,
        "changedPropIds": [f"{inputs[0]['id']}.value"],
        "state": state,
    }


def post(app, body: dict, lang: str = "en"):
    client = app.server.test_client()
    with use_locale("en"):  # the request sets this thread's language: forget it afterwards
        return client.post(CALLBACK, json=body, headers={"X-Regiometer-Locale": lang})


@pytest.fixture
def two_workers(sqlite_seeded):
    """Two apps on one warehouse and one cache folder, as gunicorn's workers on one machine."""
    apps = []
    for _ in range(2):  # each app takes the callbacks its pages register on its first request
        apps.append(create_app(sqlite_seeded))
        apps[-1].server.test_client().get("/funding")
    return apps


def _refuse(*_args, **_kwargs):
    raise AssertionError("computed again although another worker had the answer")


def test_a_second_worker_gives_the_first_workers_answer_without_computing(two_workers, monkeypatch):
    first, second = two_workers
    body = control_body(
        first, "funding-entity-info", {"funding-types": ["public"], "funding-scope": "region"}
    )
    answer = post(first, body)
    assert answer.status_code == 200
    assert "funding-table" in answer.get_data(as_text=True)
    clear_all()  # the second worker's memory holds nothing of the first's
    monkeypatch.setattr("dashboard.data.funding.view_of", _refuse)
    again = post(second, body)
    assert again.status_code == 200
    assert json.loads(again.get_data()) == json.loads(answer.get_data())


def test_each_language_has_its_own_answer(two_workers):
    first, second = two_workers
    english = post(first, page_body("/funding", "en"), "en").get_data(as_text=True)
    german = post(second, page_body("/funding", "de"), "de").get_data(as_text=True)
    assert "Investments" in english or "investments" in english
    assert "Investitionen" in german and german != english


def test_an_import_gives_a_fresh_answer_and_drops_the_old_versions_files(sqlite_seeded):
    app = create_app(sqlite_seeded)
    app.server.test_client().get("/")
    body = page_body("/data", "en")
    before = post(app, body).get_data(as_text=True)
    store = app.server.extensions["regiometer.answers"].store
    assert store.size() > 0
    old_folders = {folder.name for folder in store.folder.iterdir()}
    load_one_value(sqlite_seeded, 123_457)
    after = post(app, body).get_data(as_text=True)
    assert after != before
    assert "123,457" in after
    assert old_folders.isdisjoint({folder.name for folder in store.folder.iterdir()})


def test_staff_pages_are_never_stored(sqlite_seeded):
    app = create_app(sqlite_seeded)
    app.server.test_client().get("/")
    store = app.server.extensions["regiometer.answers"].store
    for path in ("/editor", "/login", "/editor/changes"):
        assert post(app, page_body(path, "en")).status_code == 200
    assert not store.folder.exists() or store.size() == 0


def test_an_unwritable_cache_folder_still_answers(sqlite_seeded, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    app = create_app(sqlite_seeded)
    app.server.extensions["regiometer.answers"].store.folder = blocked / "answers"
    app.server.test_client().get("/")
    first = post(app, page_body("/clusters", "en"))
    second = post(app, page_body("/clusters", "en"))
    assert first.status_code == second.status_code == 200
    assert first.get_data() == second.get_data()


def test_the_store_keeps_within_its_budget(sqlite_seeded):
    app = create_app(sqlite_seeded.with_(shared_cache_mb=1))
    app.server.test_client().get("/")
    store = app.server.extensions["regiometer.answers"].store
    store.budget = 600 * 1024  # a few pages' answers (all of them: about 1.3 MB)
    for path in ("/", "/employment", "/funding", "/clusters", "/regions", "/data", "/about"):
        for lang in ("en", "de"):
            assert post(app, page_body(path, lang), lang).status_code == 200
    store.prune()
    assert 0 < store.size() <= store.budget


def test_no_shared_store_when_switched_off(sqlite_seeded):
    app = create_app(sqlite_seeded.with_(shared_cache_mb=0))
    assert app.server.extensions["regiometer.answers"].store is None
    app.server.test_client().get("/")
    assert post(app, page_body("/about", "en")).status_code == 200
    assert not (sqlite_seeded.cache_dir / "answers").exists()
