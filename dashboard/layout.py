"""The shell around every page: navigation, language switch, data-as-of badge, footer."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import dash_bootstrap_components as dbc
from dash import Input, Output, callback, clientside_callback, dcc, html, page_container

from dashboard.data import dates
from dashboard.i18n import format_period, normalise_lang, t

NAV_PAGES = [
    ("overview", "/"),
    ("employment", "/employment"),
    ("funding", "/funding"),
    ("clusters", "/clusters"),
    ("regions", "/regions"),
    ("data", "/data"),
    ("about", "/about"),
]
URL = "shell-url"
NAV_ID = "shell-nav-{}"
LANG_EN, LANG_DE = "shell-lang-en", "shell-lang-de"
AS_OF = "shell-as-of"
FOOTER = "shell-footer"


def lang_from_search(search: str | None) -> str:
    values = parse_qs((search or "").lstrip("?")).get("lang", [""])
    return normalise_lang(values[0])


def with_query(path: str, search: str | None, **changes: str) -> str:
    """The same URL with some query parameters replaced (keeps the rest of the view state)."""
    query = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()}
    query.update(changes)
    return f"{path}?{urlencode(query)}" if query else path


def _navbar() -> dbc.Navbar:
    links = [
        dbc.NavItem(dbc.NavLink(t(f"nav.{name}", "en"), href=path, id=NAV_ID.format(name), active="exact"))
        for name, path in NAV_PAGES
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
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand([html.Span("Regiometer", className="brand-name")], href="/"),
                dbc.NavbarToggler(id="shell-toggler"),
                dbc.Collapse(
                    dbc.Nav(links, navbar=True, className="me-auto"), id="shell-collapse", navbar=True
                ),
                html.Div(
                    [dbc.Badge("", id=AS_OF, color="light", text_color="dark", className="as-of"), languages],
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
    return html.Div(
        [
            dcc.Location(id=URL, refresh="callback-nav"),
            dcc.Store(id="shell-lang"),
            _navbar(),
            html.Main(dbc.Container(page_container, fluid="xl", className="page"), id="main"),
            html.Footer(dbc.Container(html.Small(id=FOOTER), fluid="xl"), className="shell-footer"),
        ]
    )


@callback(
    [Output(NAV_ID.format(name), "children") for name, _ in NAV_PAGES]
    + [Output(NAV_ID.format(name), "href") for name, _ in NAV_PAGES]
    + [
        Output(LANG_EN, "href"),
        Output(LANG_DE, "href"),
        Output(AS_OF, "children"),
        Output(FOOTER, "children"),
    ],
    Input(URL, "pathname"),
    Input(URL, "search"),
)
def update_shell(pathname: str | None, search: str | None):
    lang = lang_from_search(search)
    labels = [t(f"nav.{name}", lang) for name, _ in NAV_PAGES]
    hrefs = [with_query(path, search, lang=lang) if lang != "en" else path for _, path in NAV_PAGES]
    path = pathname or "/"
    latest = dates.site_latest()  # the latest publication or retrieval date of the data, not the load date
    as_of = t("common.data_as_of", lang, date=format_period(latest, lang)) if latest else ""
    staff = html.A(t("shell.staff_login", lang), href="/editor" + ("?lang=de" if lang == "de" else ""))
    footer = [t("site.footer", lang), " ", staff]
    return [
        *labels,
        *hrefs,
        with_query(path, search, lang="en"),
        with_query(path, search, lang="de"),
        as_of,
        footer,
    ]


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
