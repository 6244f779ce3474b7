"""/regions and /employment in a browser: legible on a phone, the map selects what it is clicked on."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot, wait_for_dash

PHONE = {"width": 375, "height": 812}
NARROWEST = {"width": 320, "height": 700}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    yield context.new_page()
    context.close()


def svg_texts(page, graph: str) -> list[str]:
    return page.evaluate(
        f"""() => Array.from(document.querySelectorAll('{graph} .main-svg text')).map(t => t.textContent)"""
    )


@pytest.mark.parametrize("viewport", [NARROWEST, PHONE])
def test_bars_get_the_full_width_and_keep_every_name_on_a_phone(server, browser, viewport):
    context = browser.new_context(viewport=viewport, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/regions?lang=de")
    wait_for_dash(page)
    page.wait_for_selector("#regions-bars-graph .main-svg")
    sizes = page.evaluate(
        """() => {
            const graph = document.querySelector('#regions-bars-graph .js-plotly-plot');
            const plot = graph.querySelector('.cartesianlayer .bars').getBoundingClientRect();
            const svg = graph.querySelector('.main-svg').getBoundingClientRect();
            const texts = Array.from(graph.querySelectorAll('.annotation-text'));
            const right = Math.max(...texts.map(t => t.getBoundingClientRect().right));
            return {plot: plot.width, svg: svg.width, right: right, svgRight: svg.right};
        }"""
    )
    names = svg_texts(page, "#regions-bars-graph")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    screenshot(page, f"regions-bars-phone-{viewport['width']}")
    context.close()
    assert overflow <= 1
    assert sizes["plot"] > 0.8 * sizes["svg"]  # the bars, not the labels, get the width
    assert sizes["right"] <= sizes["svgRight"] + 1  # no name or source line cut at the right
    assert sum("Kreisfreie Stadt" in name for name in names) == 3  # Dresden, Chemnitz, Leipzig
    assert "Dresden, Kreisfreie Stadt" in names and "Nordsachsen, Landkreis" in names


def test_the_map_keeps_its_colour_bar_and_names_on_a_phone(server, phone):
    phone.goto(f"{server}/regions")
    wait_for_dash(phone)
    phone.wait_for_selector("#regions-map-graph .main-svg")
    assert phone.locator("#regions-map-graph .colorbar").count() == 1
    texts = svg_texts(phone, "#regions-map-graph")
    assert "Dresden" in texts and "Görlitz" in texts
    assert any("EuroGeographics" in text for text in texts)


def test_a_click_on_a_district_highlights_it_and_the_url_follows(server, page):
    page.goto(f"{server}/regions")
    wait_for_dash(page)
    page.wait_for_selector("#regions-map-graph .choroplethlocation")
    index = page.evaluate(
        """() => {
            const graph = document.querySelector('#regions-map-graph .js-plotly-plot');
            const trace = graph.data.findIndex(t => t.type === 'choropleth' && t.showscale !== false);
            return {trace: trace, point: graph.data[trace].locations.indexOf('DED51')};
        }"""
    )
    district = page.locator("#regions-map-graph .trace.choropleth").nth(index["trace"]).locator("path")
    district = district.nth(index["point"])
    district.scroll_into_view_if_needed()
    box = district.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # as a reader clicks
    page.wait_for_function("() => window.location.search.includes('highlight=DED51')", timeout=20_000)
    wait_for_dash(page)
    page.wait_for_function(  # the bars highlight the clicked district, its name in bold
        """() => {
            const graph = document.querySelector('#regions-bars-graph .js-plotly-plot');
            return graph && graph.layout.annotations.some(a => a.text === '<b>Leipzig, city</b>');
        }""",
        timeout=20_000,
    )
    assert "Leipzig, city" in page.locator("#regions-highlight").inner_text()
    assert page.console_errors == []


def test_a_single_official_figure_is_a_number_card(server, phone):
    phone.goto(f"{server}/employment")
    wait_for_dash(phone)
    box = phone.locator("#employment-official-box")
    assert box.locator(".js-plotly-plot").count() == 0
    assert "1,600,000" in box.locator(".employment-card").inner_text()
    assert "python -m" not in phone.locator("#_pages_content").inner_text()
    screenshot(phone, "employment-phone")
