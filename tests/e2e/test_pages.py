"""Every page, in both languages and on a phone: renders, no console errors, no sideways scrolling."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot, wait_for_dash

PAGES = ["/", "/employment", "/funding", "/clusters", "/regions", "/data", "/about"]


def page_name(path: str) -> str:
    return path.strip("/") or "overview"


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("path", PAGES)
def test_page_renders_without_console_errors(server, page, path, lang):
    response = page.goto(f"{server}{path}?lang={lang}")
    assert response.status == 200
    wait_for_dash(page)
    assert page.locator("h1").count() >= 1
    page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")
    nav = page.locator(".shell-navbar .nav-link").first.inner_text()
    assert nav == ("Übersicht" if lang == "de" else "Overview")
    screenshot(page, f"{page_name(path)}-{lang}")
    assert page.console_errors == []


@pytest.mark.parametrize("path", PAGES)
def test_phone_width_has_no_horizontal_scrolling(server, browser, path):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{server}{path}?lang=de")
    wait_for_dash(phone)
    overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    screenshot(phone, f"{page_name(path)}-phone")
    context.close()
    assert overflow <= 1


def test_overview_states_the_verdict_and_the_figure(server, page):
    page.goto(f"{server}/")
    wait_for_dash(page)
    verdict = page.locator("#overview-verdict").inner_text()
    assert verdict.startswith("Latest actual figure: 81,000 (2023).")
    assert "2030" in verdict and "on track" in verdict
    assert "81,000" in page.locator("#overview-kpi-jobs").inner_text()
    # Against the association's own 2022 release (the headline rule), not the press's "more than".
    assert "+22.9% since 2022" in page.locator("#overview-kpi-software").inner_text()
    page.wait_for_selector("#overview-path-graph .main-svg")
    chart = page.locator("#overview-path-graph").inner_text()
    assert "Source" in chart and "Goal 2030: more than 100,000" in chart
    assert "goal: Silicon Saxony e.V." in chart


def test_goals_table_keeps_its_assessment_on_a_phone(server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{server}/?lang=de")
    wait_for_dash(phone)
    cell = phone.locator("#overview-goals-table tbody tr td[data-label='Einschätzung']").first
    cell.scroll_into_view_if_needed()
    box = cell.bounding_box()
    text = cell.inner_text()
    context.close()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert "Zu wenige Daten" in text or "Kurs" in text


# Shifts of elements inside the page content after its first paint (the shell's footer, which the
# arriving content pushes down, is outside it).
SHIFTS_JS = """() => new Promise(resolve => {
  const inside = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      for (const source of entry.sources || []) {
        if (source.node && source.node.closest && source.node.closest('#_pages_content')
            && source.previousRect.height > 0) {
          inside.push([Math.round(entry.startTime), entry.value, source.node.id || source.node.className]);
        }
      }
    }
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(inside), 1500);
})"""


# Every public page at both widths: the graphs and dropdowns Dash draws only once their code has
# loaded (after the first paint) have their space reserved (dashboard/components/space.py).
SHIFT_CASES = [
    (path, width)
    for path in ("/", "/employment", "/funding", "/clusters", "/regions", "/data", "/about")
    for width in (375, 1366)
]


@pytest.mark.parametrize(("path", "width"), SHIFT_CASES)
def test_no_layout_shift_once_the_page_has_painted(server, browser, path, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 600)
    tab = context.new_page()
    tab.goto(f"{server}{path}")
    wait_for_dash(tab)
    shifts = tab.evaluate(SHIFTS_JS)
    context.close()
    assert shifts == []


def test_the_founding_members_do_not_stretch_the_members_axis(server, page):
    page.goto(f"{server}/clusters")
    wait_for_dash(page)
    page.wait_for_selector("#clusters-members-graph .main-svg")
    first = page.evaluate(
        "() => document.querySelector('#clusters-members-graph .js-plotly-plot')._fullLayout.xaxis.range[0]"
    )
    assert str(first) >= "2018"  # the series starts in 2019; the founding in 2000 is a note
    assert "Founded in 2000" in page.locator("#clusters-members-graph").inner_text()


def test_language_switch_keeps_the_page(server, page):
    page.goto(f"{server}/employment")
    wait_for_dash(page)
    page.click("#shell-lang-de")
    page.wait_for_url(lambda url: "/employment?" in url and "lang=de" in url)
    wait_for_dash(page)
    assert page.locator(".shell-navbar .nav-link.active").inner_text() == "Beschäftigung"


@pytest.mark.parametrize(("lang", "pan"), [("en", "Pan"), ("de", "Verschieben")])
def test_the_chart_tools_speak_the_readers_language_and_never_upload_the_chart(server, page, lang, pan):
    """The mode bar's buttons in the page's language (plotly.js's German locale is served), and no
    "Share chart" button: plotly.js 4 would upload the chart to Plotly's cloud."""
    page.goto(f"{server}/employment?lang={lang}")
    wait_for_dash(page)
    page.wait_for_selector("#employment-graph .modebar-btn", state="attached")
    titles = page.evaluate(
        "() => [...document.querySelectorAll('#employment-graph .modebar-btn')]"
        ".map(b => b.getAttribute('data-title'))"
    )
    assert pan in titles
    assert not any("Share" in title or "Cloud" in title for title in titles)
