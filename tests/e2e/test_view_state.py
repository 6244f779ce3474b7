"""Filters change the chart, and the URL they write reopens the same view."""

from __future__ import annotations

from tests.e2e.conftest import wait_for_dash

GRAPH = "#employment-graph"


def trace_names(page) -> list[str]:
    return page.evaluate(
        """() => {
            const plot = document.querySelector('#employment-graph .js-plotly-plot');
            return plot ? plot.data.map(t => t.name) : [];
        }"""
    )


def test_a_filter_changes_the_chart_and_the_url_reopens_it(server, page):
    page.goto(f"{server}/employment")
    wait_for_dash(page)
    page.wait_for_selector(f"{GRAPH} .main-svg")
    before = trace_names(page)
    assert any("Software" in name for name in before)
    assert not any(name == "Microelectronics" for name in before)

    page.get_by_label("Microelectronics", exact=True).check()
    page.wait_for_function(
        "() => document.querySelector('#employment-graph .js-plotly-plot')"
        ".data.some(t => t.name === 'Microelectronics')"
    )
    page.wait_for_function("() => window.location.search.includes('microelectronics')")
    shared = page.url
    after = trace_names(page)
    assert after != before

    other = page.context.new_page()
    other.goto(shared)
    wait_for_dash(other)
    other.wait_for_selector(f"{GRAPH} .main-svg")
    assert sorted(trace_names(other)) == sorted(after)
    assert other.get_by_label("Microelectronics", exact=True).is_checked()
    assert page.console_errors == []
