"""/funding in a browser: the timeline fits a phone, every control changes what is drawn, and the page
draws once (no callback re-renders it after the first paint)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot, wait_for_dash

TIMELINE = "#funding-timeline"


def plotted_rows(page) -> list[str]:
    return page.evaluate(
        """() => {
            const plot = document.querySelector('#funding-timeline .js-plotly-plot');
            const rows = plot ? plot.layout.annotations.filter(a => (a.name || '').startsWith('row-')) : [];
            return rows.map(a => a.text);
        }"""
    )


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_timeline_fits_a_phone_with_its_title_and_sources(server, browser, width, lang):
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{server}/funding?lang={lang}")
    wait_for_dash(phone)
    phone.wait_for_selector(f"{TIMELINE} .main-svg")
    phone.wait_for_timeout(500)  # the narrow layout of assets/regiometer-narrow.js
    fits = phone.evaluate(
        """() => {
            const card = document.querySelector('#funding-timeline-box .chart-card').getBoundingClientRect();
            const svg = document.querySelector('#funding-timeline .main-svg').getBoundingClientRect();
            const inside = el => { const r = el.getBoundingClientRect();
                return r.left >= card.left - 1 && r.right <= card.right + 1; };
            const all = '#funding-timeline .gtitle, #funding-timeline .annotation';
            const cut = [...document.querySelectorAll(all)].filter(t => !inside(t));
            return {svg: svg.width <= card.width + 1, texts: cut.map(t => t.textContent)};
        }"""
    )
    screenshot(phone, f"funding-phone-{width}-{lang}")
    overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert fits["svg"] and fits["texts"] == [] and overflow <= 1


def test_controls_change_the_charts_and_the_page_draws_once(server, page):
    calls = []

    def record(request) -> None:
        if "_dash-update-component" in request.url:
            calls.append(request.post_data or "")

    page.on("request", record)
    page.goto(f"{server}/funding")
    wait_for_dash(page)
    page.wait_for_selector(f"{TIMELINE} .main-svg")
    assert not [call for call in calls if "funding-timeline-box" in call]  # the layout drew the first view
    before = plotted_rows(page)
    assert "ESMC" in before and not any("EU-wide" in row for row in before)

    page.get_by_label("Plus EU-wide programmes").check()
    page.wait_for_function(
        "() => document.querySelector('#funding-timeline .js-plotly-plot').layout.annotations"
        ".some(a => (a.text || '').includes('EU-wide'))"
    )
    page.wait_for_function("() => window.location.search.includes('scope=eu')")

    assert page.locator("#funding-jobs-graph").count() == 1
    page.get_by_label("Jobs announced", exact=True).uncheck()
    page.wait_for_function("() => !document.querySelector('#funding-jobs-graph')")  # its chart goes
    page.get_by_label("Investments", exact=True).uncheck()
    page.wait_for_function(
        "() => document.querySelector('#funding-timeline .js-plotly-plot').data"
        ".every(t => t.name !== 'Investments')"
    )
    assert page.console_errors == []
