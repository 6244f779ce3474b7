"""The chart card by keyboard: 'Chart | Table' shows what the chart draws as a table, and the export menu
opens, downloads and closes without a mouse."""

from __future__ import annotations

from tests.e2e.conftest import wait_for_dash

CARD = "figure.chart-card:has(#overview-path-graph)"


def test_chart_table_switch_shows_the_charts_numbers_by_keyboard(server, page):
    page.goto(f"{server}/")
    wait_for_dash(page)
    page.wait_for_selector("#overview-path-graph .main-svg")
    table_button = page.locator(f"{CARD} .chart-switch button[data-view=table]")
    table_button.focus()
    page.keyboard.press("Enter")
    table = page.locator("#overview-path-graph-table table")
    table.wait_for()
    assert table_button.get_attribute("aria-pressed") == "true"
    assert not page.locator("#overview-path-graph").is_visible()
    cells = table.locator("tbody td").all_inner_texts()
    assert "81,000" in cells and "2023" in " ".join(cells)
    assert table.locator("th").all_inner_texts() == ["Series", "Category or period", "Value"]
    page.locator(f"{CARD} .chart-switch button[data-view=chart]").click()
    assert page.locator("#overview-path-graph").is_visible() and not table.is_visible()


def test_chart_table_is_german_on_german_pages(server, page):
    page.goto(f"{server}/employment?lang=de")
    wait_for_dash(page)
    page.wait_for_selector(".chart-card .main-svg")
    card = page.locator("figure.chart-card").first
    card.locator(".chart-switch button[data-view=table]").click()
    table = card.locator(".chart-table-box table")
    table.wait_for()
    assert table.locator("th").all_inner_texts() == ["Reihe", "Kategorie oder Zeitraum", "Wert"]
    assert any("." in cell for cell in table.locator("td.num").all_inner_texts())  # 76.100, German digits


def test_export_menu_by_keyboard_downloads_and_closes(server, page):
    page.goto(f"{server}/")
    wait_for_dash(page)
    page.wait_for_selector("#overview-path-graph .main-svg")
    toggle = page.locator("#overview-path-graph-export-menu button.dropdown-toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    item = page.locator("#export-overview-path-csv")
    item.wait_for(state="visible")
    item.focus()
    with page.expect_download(timeout=30_000) as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".csv")
    page.wait_for_timeout(300)
    assert not item.is_visible()  # the menu closes after its action
