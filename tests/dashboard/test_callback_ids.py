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
