"""The shell around every page: navigation (from Dash's page registry), language switch, data-as-of
badge, footer. Rendered in the request's language; a callback keeps the links' view state."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, callback, clientside_callback, dcc, html, page_container

from dashboard.data import dates
from dashboard.i18n import current, format_period, t

URL = "shell-url"
NAV = "shell-nav"
LANG_EN, LANG_DE = "shell-lang-en", "shell-lang-de"
AS_OF = "shell-as-of"
FOOTER = "shell-footer"
STAFF_ORDER = 90  # pages from this order on (login, editor) are for staff: not in the navigation


def nav_key(page: dict) -> str:
    """The text key naming a page: nav.<first path segment>, nav.overview for '/'."""
    segment = page["path"].strip("/").split("/")[0]
    return f"nav.{segment or 'overview'}"


def public_pages() -> list[dict]:
    pages = sorted(dash.page_registry.values(), key=lambda page: page.get("order") or 0)
    return [page for page in pages if (page.get("order") or 0) < STAFF_ORDER]


def page_title(page: dict) -> str:
    """The browser tab's title in the reader's language: 'Beschäftigung – Regiometer'."""
    if page["path"] == "/":
        return t("site.title")
    return f"{t(nav_key(page))} – {t('app.name')}"


def with_query(path: str, search: str | None, **changes: str) -> str:
    """The same URL with some query parameters replaced (keeps the rest of the view state)."""
    query = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()}
    query.update(changes)
    return f"{path}?{urlencode(query)}" if query else path


def _page_href(path: str) -> str:
    return f"{path}?lang=de" if current() == "de" else path


def _navbar() -> dbc.Navbar:
    links = [
        dbc.NavItem(
            dbc.NavLink(
                t(nav_key(page)),
                href=_page_href(page["path"]),
                id={"type": NAV, "path": page["path"]},
                active=False,
            )
        )
        for page in public_pages()
    ]
    languages = html.Div(
        [
            html.A("EN", id=LANG_EN, href="?lang=en", className="lang-link", lang="en", title="English"),
            html.Span("|", className="lang-sep", **{"aria-hidden": "true"}),
            html.A("DE", id=LANG_DE, href="?lang=de", className="lang-link", lang="de", title="Deutsch"),
        ],
        className="lang-switch",
        role="group",
        **{"aria-label": "Language / Sprache"},
    )
    latest = dates.site_latest()  # the latest publication or retrieval date of the data, not the load date
    as_of = t("common.data_as_of", date=format_period(latest)) if latest else ""
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand([html.Span(t("app.name"), className="brand-name")], href=_page_href("/")),
                dbc.NavbarToggler(id="shell-toggler"),
                dbc.Collapse(
                    dbc.Nav(links, navbar=True, className="me-auto"), id="shell-collapse", navbar=True
                ),
                html.Div(
                    [
                        dbc.Badge(as_of, id=AS_OF, color="light", text_color="dark", className="as-of"),
                        languages,
                    ],
                    className="shell-tools",
                ),
            ],
            fluid="xl",
        ),
        color="dark",
        dark=True,
        expand="lg",
        className="shell-navbar",
    )


def shell() -> html.Div:
    staff = html.A(t("shell.staff_login"), href=_page_href("/editor"))
    return html.Div(
        [
            dcc.Location(id=URL, refresh="callback-nav"),
            dcc.Store(id="shell-lang", data=current()),
            _navbar(),
            html.Main(dbc.Container(page_container, fluid="xl", className="page"), id="main"),
            html.Footer(
                dbc.Container(html.Small([t("site.footer"), " ", staff], id=FOOTER), fluid="xl"),
                className="shell-footer",
            ),
        ]
    )


@callback(
    Output(LANG_EN, "href"),
    Output(LANG_DE, "href"),
    Input(URL, "pathname"),
    Input(URL, "search"),
)
def language_links(pathname: str | None, search: str | None) -> tuple[str, str]:
    """The EN/DE links keep the page and its view state (the switch reloads in the other language)."""
    path = pathname or "/"
    return with_query(path, search, lang="en"), with_query(path, search, lang="de")


@callback(
    Output({"type": NAV, "path": ALL}, "href"),
    Output({"type": NAV, "path": ALL}, "active"),
    Input(URL, "pathname"),
    Input(URL, "search"),
)
def navigation_links(pathname: str | None, search: str | None) -> tuple[list[str], list[bool]]:
    """Navigation links stay in the page's language; the current page's link is marked."""
    german = parse_qs((search or "").lstrip("?")).get("lang", [""])[0] == "de"
    pages = public_pages()
    hrefs = [f"{page['path']}?lang=de" if german else page["path"] for page in pages]
    return hrefs, [page["path"] == (pathname or "/") for page in pages]


@callback(Output("shell-collapse", "is_open"), Input("shell-toggler", "n_clicks"), prevent_initial_call=True)
def toggle_menu(clicks: int | None) -> bool:
    return bool(clicks and clicks % 2)


# Screen readers pick the voice from <html lang>; Dash's index page has none.
clientside_callback(
    """function(search) {
        const lang = new URLSearchParams(search || '').get('lang') === 'de' ? 'de' : 'en';
        document.documentElement.lang = lang;
        return lang;
    }""",
    Output("shell-lang", "data"),
    Input(URL, "search"),
)
