"""Every callback's ids exist in some page's layout: Dash checks this in the browser (callback exceptions
are not suppressed), and this test finds a mistyped or removed id before a reader does."""

from __future__ import annotations

import json

from dash.development.base_component import Component


def layout_ids(layout: Component) -> tuple[set[str], set[str]]:
    """(plain ids, the `type` of every pattern-matching id) in a layout."""
    plain, patterns = set(), set()
    for component in layout._traverse_ids():
        if isinstance(component.id, dict):
            patterns.add(str(component.id.get("type")))
        else:
            plain.add(component.id)
    return plain, patterns


def callback_ids(app) -> set[str]:
    """Every id a callback reads or writes, as Dash writes them (a JSON object for pattern ids)."""
    found = set()
    for output, spec in app.callback_map.items():
        outputs = output.strip(".").split("...") if output.startswith("..") else [output]
        found.update(part.rsplit(".", 1)[0] for part in outputs)
        found.update(item["id"] for item in spec["inputs"] + spec["state"])
    return found


def test_every_callback_id_is_in_a_layout_dash_checks_against(testland_app):
    testland_app.server.test_client().get("/")  # the first request builds the layouts Dash checks
    assert not testland_app.config.suppress_callback_exceptions
    plain, patterns = layout_ids(testland_app.validation_layout)
    missing = []
    for component_id in callback_ids(testland_app):
        if component_id.startswith("{"):
            if str(json.loads(component_id).get("type")) not in patterns:
                missing.append(component_id)
        elif component_id not in plain:
            missing.append(component_id)
    assert sorted(missing) == []


def test_the_staff_controls_are_checked_without_reaching_visitors(testland_app):
    """The editor's controls are in the id check, but a visitor's page carries ids only, no texts."""
    response = testland_app.server.test_client().get("/")
    plain, _ = layout_ids(testland_app.validation_layout)
    assert {"editor-upload", "editor-changes-run"} <= plain
    assert b"editor-changes-run" in response.data  # the id (Dash's config) ...
    assert b"Changelog and undo" not in response.data  # ... but not the staff page's texts


def test_the_production_server_draws_the_same_skeleton_in_a_child_process(sqlite_seeded, monkeypatch):
    """Outside development mode the pages are drawn in a forked child (their data never stays in
    gunicorn's master); Dash checks against the same ids, and the parent's caches stay empty."""
    from dashboard import app as app_module
    from dashboard.app import create_app
    from dashboard.data import cache

    drawn = {}
    for development in (True, False):
        monkeypatch.setattr(app_module, "_SKELETONS", {})  # draw afresh
        cache.clear_all()
        settings = sqlite_seeded.with_(development=development, secret_key="s" * 40)
        site = create_app(settings)
        site.server.test_client().get("/")
        assert not site.config.suppress_callback_exceptions
        drawn[development] = layout_ids(site.validation_layout)
        if not development:
            assert cache.stats()["bytes"] < 64 * 1024  # the pages' data was read in the child only
    assert drawn[False] == drawn[True]
    assert len(drawn[False][0]) > 50
