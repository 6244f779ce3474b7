"""/login: the staff login. A plain HTML form posting to /auth/login, so it works without callbacks
(and without JavaScript once the page is shown); ?error=1 shows why the last try failed."""

from __future__ import annotations

import dash
from dash import dcc, html

from dashboard.i18n import normalise_lang, t
from dashboard.web import auth

dash.register_page(__name__, path="/login", title="Log in – Regiometer", order=90)

FORM = "login-form"
NAME, PASSWORD, SUBMIT, ERROR = "login-name", "login-password", "login-submit", "login-error"
LOGOUT = "login-logout"


def _field(component_id: str, label: str, **attributes: object) -> html.Div:
    return html.Div(
        [
            html.Label(label, htmlFor=component_id, className="form-label"),
            dcc.Input(id=component_id, className="form-control", required=True, **attributes),
        ],
        className="mb-3",
    )


def _login_form(lang: str, target: str) -> html.Form:
    return html.Form(
        [
            dcc.Input(type="hidden", name="next", value=target),
            dcc.Input(type="hidden", name="lang", value=lang),
            _field(NAME, t("login.name", lang), name="name", type="text", autoComplete="username"),
            _field(
                PASSWORD,
                t("login.password", lang),
                name="password",
                type="password",
                autoComplete="current-password",
            ),
            html.Button(t("login.submit", lang), id=SUBMIT, type="submit", className="btn btn-primary"),
        ],
        id=FORM,
        method="post",
        action="/auth/login",
        className="login-form",
    )


def _signed_in(user: dict, lang: str, target: str) -> html.Div:
    return html.Div(
        [
            html.P(t("login.signed_in", lang, name=user["name"], role=t(f"auth.role.{user['role']}", lang))),
            html.A(t("login.to_editor", lang), href=target, className="btn btn-primary me-2"),
            html.Form(
                [
                    dcc.Input(type="hidden", name="lang", value=lang),
                    html.Button(t("login.logout", lang), id=LOGOUT, type="submit", className="btn btn-link"),
                ],
                method="post",
                action="/auth/logout",
                className="d-inline",
            ),
        ]
    )


def layout(lang: str | None = None, error: str | None = None, **query: str) -> html.Div:
    lang = normalise_lang(lang)
    target = auth.safe_next(query.get("next"))
    user = auth.current_user()
    if user is not None:
        body = [_signed_in(user, lang, target)]
    else:
        alert = html.Div(t("login.error", lang), id=ERROR, className="alert alert-danger", role="alert")
        body = [
            *([alert] if error else []),
            _login_form(lang, target),
            html.P(html.Small(t("login.no_account", lang)), className="text-muted mt-3"),
        ]
    return html.Div(
        [html.H1(t("login.heading", lang)), html.P(t("login.lead", lang), className="lead"), *body],
        className="login-page",
        style={"maxWidth": "28rem"},
        lang=lang,
    )
