"""Every public page, in both languages, on a desktop and on the narrowest phone: axe-core finds no
serious or critical WCAG 2.1 A/AA violation, and at 320 px nothing needs horizontal scrolling."""

from __future__ import annotations

import pytest

from tests.e2e.axe import blocking, describe, violations
from tests.e2e.conftest import screenshot, wait_for_dash

PUBLIC_PAGES = ["/", "/employment", "/regions", "/funding", "/clusters", "/data", "/about"]
WIDTHS = {"desktop": (1366, 900), "phone": (320, 640)}


def overflow(page) -> list[str]:
    """The page's horizontal overflow and the widest elements sticking out of the viewport."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const scroll = document.documentElement.scrollWidth;
            if (scroll <= width) return [];
            const out = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .filter(e => !e.closest('.table-responsive, .js-plotly-plot, [data-scrolls]'))
                .slice(0, 5)
                .map(e => `${e.tagName.toLowerCase()}#${e.id}.${[...e.classList].join('.')} `
                     + `right=${Math.round(e.getBoundingClientRect().right)}`);
            return [`scrollWidth ${scroll} > ${width}`, ...out];
        }"""
    )


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def sized_page(browser, request):
    width, height = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 600)
    page = context.new_page()
    page.width_name = request.param
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_page_meets_wcag_aa_and_fits_the_screen(server, sized_page, path, lang):
    sized_page.goto(f"{server}{path}?lang={lang}")
    wait_for_dash(sized_page)
    found = blocking(violations(sized_page))
    name = f"reader-{path.strip('/') or 'overview'}-{lang}-{sized_page.width_name}"
    if found:
        screenshot(sized_page, name)
    assert found == [], describe(found)
    if sized_page.width_name == "phone":
        assert overflow(sized_page) == []
