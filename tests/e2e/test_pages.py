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
    assert "2030" in verdict and "on track" in verdict
    assert "81,000" in page.locator("#overview-kpi-jobs").inner_text()
    page.wait_for_selector("#overview-path-graph .main-svg")
    assert "Source" in page.locator("#overview-path-graph").inner_text()


def test_language_switch_keeps_the_page(server, page):
    page.goto(f"{server}/employment")
    wait_for_dash(page)
    page.click("#shell-lang-de")
    page.wait_for_url(lambda url: "/employment?" in url and "lang=de" in url)
    wait_for_dash(page)
    assert page.locator(".shell-navbar .nav-link.active").inner_text() == "Beschäftigung"
