"""Staff login, sessions and the server-side guard for the editor.

- POST /auth/login, POST /auth/logout, GET /auth/me (JSON). The session is Flask's signed cookie
  (HttpOnly, SameSite=Lax, Secure outside development, 8 hours); it holds only the name, role, a
  tag of the password hash and the account's session version, and the account is re-read from the
  warehouse on every protected request. Logout, a new password and disabling raise the version
  stored with the account, so every earlier cookie is refused on the server, even a replayed one.
- Logins are throttled per account and per client address (request.remote_addr; behind a reverse
  proxy wrap the app in werkzeug's ProxyFix so this is the client, not the proxy): an attempt is
  counted before its password is checked, so parallel attempts cannot check more than five. The
  counts live in memory on the Flask app: per process, and reset by a restart.
- Dash serves the same HTML for every path, so what protects editor data is the callback guard: a POST
  to /_dash-update-component whose output ids start with a protected prefix ("editor-" by default,
  "editor-audit-" for admins) is refused with 401/403 before the callback runs. Page layouts call
  require_editor()/require_role() to show a login link instead of content.
- State-changing requests to /auth/*, /editor* and protected callbacks must carry an Origin (or
  Referer) of this host, else 403 (CSRF). A proxy must pass the original Host header.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from html import escape
from urllib.parse import urlencode, urlsplit

from dash import html
from flask import Flask, Response, current_app, g, has_request_context, jsonify, redirect, request, session
from werkzeug.wrappers import Response as BaseResponse  # what redirect() returns; flask's Response is one

from dashboard import data
from dashboard.i18n import normalise_lang, t, tn
from dashboard.web.locale import request_lang
from dashboard.web.paths import site_relative
from etl import accounts, db
from etl.config import Settings
from etl.errors import ConfigError

log = logging.getLogger(__name__)

PATH_ROLES = {"/editor": "editor", "/editor/audit": "admin"}  # the longest matching prefix decides
LOGIN_PATH, DEFAULT_NEXT = "/login", "/editor"
DASH_CALLBACK_PATH = "/_dash-update-component"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SESSION_LIFETIME = timedelta(hours=8)
THROTTLE_EXTENSION = "regiometer_login_throttle"

# Callback output id prefix -> the least role needed. A configuration registry filled at import time
# by pages (like dash.register_page), not per-user state.
_PROTECTED: dict[str, str] = {}


def protect_callback_outputs(prefixes: Iterable[str] = ("editor-",), role: str = "editor") -> None:
    """Require `role` (or higher) for callbacks with an output id starting with one of the prefixes."""
    role = accounts.validate_role(role)
    for prefix in (prefixes,) if isinstance(prefixes, str) else prefixes:
        known = _PROTECTED.get(prefix)
        if known is None or accounts.ROLE_RANK[role] > accounts.ROLE_RANK[known]:
            _PROTECTED[prefix] = role


protect_callback_outputs(("editor-",), "editor")
protect_callback_outputs(("editor-audit-",), "admin")


# --- the current user ---------------------------------------------------------------------------


def _hash_tag(password_hash: str) -> str:
    """Ties a session to the password it was opened with: a new password ends older sessions."""
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    return hmac.new(key, password_hash.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def current_user() -> dict | None:
    """{"name", "role"} of the logged-in, enabled user, re-read from the warehouse; else None."""
    if not has_request_context():
        return None
    if "regiometer_user" in g:
        return g.regiometer_user
    user, claimed = None, session.get("user")
    if isinstance(claimed, dict) and isinstance(claimed.get("name"), str):
        row = db.get_user(data.engine(), claimed["name"])
        if (
            row is not None
            and not row["disabled"]
            and row["role"] in accounts.ROLES
            and claimed.get("version") == row.get("session_version", 0)
            and hmac.compare_digest(str(claimed.get("tag", "")), _hash_tag(row["password_hash"]))
        ):
            user = {"name": row["name"], "role": row["role"]}
    g.regiometer_user = user
    return user


def login_url(next_path: str = DEFAULT_NEXT, lang: str = "en", **extra: str) -> str:
    query = {"next": safe_next(next_path), **extra}
    if normalise_lang(lang) != "en":
        query["lang"] = normalise_lang(lang)
    return f"{LOGIN_PATH}?{urlencode(query)}"


def require_role(role: str, lang: str = "en", next_path: str = DEFAULT_NEXT) -> html.Div | None:
    """None when the current user has `role` (admin includes editor); else what a layout shows instead."""
    user = current_user()
    if user is not None and accounts.has_role(user["role"], role):
        return None
    lang = normalise_lang(lang)
    if user is None:
        return html.Div(
            [
                html.P(t("auth.please_login", lang)),
                html.A(t("auth.login_link", lang), href=login_url(next_path, lang)),
            ],
            className="auth-required alert alert-info",
        )
    names = {"role": t(f"auth.role.{user['role']}", lang), "needed": t(f"auth.role.{role}", lang)}
    return html.Div(
        html.P(t("auth.forbidden", lang, **names)), className="auth-forbidden alert alert-warning"
    )


def require_editor(lang: str = "en", next_path: str = DEFAULT_NEXT) -> html.Div | None:
    return require_role("editor", lang, next_path)


# --- helpers ------------------------------------------------------------------------------------


def safe_next(value: str | None) -> str:
    """A local path to go to after login; anything that could leave the site becomes /editor."""
    return site_relative(value, DEFAULT_NEXT)


def _audit(user: str, action: str, **detail: object) -> None:
    db.write_audit(data.engine(), user, action, detail, request.remote_addr or "")


def _json_error(status: int, message: str) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    return response


def _same_origin() -> bool:
    """The request comes from a page of this site (Origin, else Referer, names this host)."""
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    parts = urlsplit(source)
    return (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and parts.netloc.lower() == request.host.lower()
    )


def _path_role(path: str) -> str | None:
    matches = [prefix for prefix in PATH_ROLES if path == prefix or path.startswith(prefix + "/")]
    return PATH_ROLES[max(matches, key=len)] if matches else None


def _output_ids(body: dict) -> list[object]:
    """Output ids of a Dash callback request: "output" is what Dash dispatches on, "outputs" too."""
    found: list[object] = []
    text = body.get("output")
    if isinstance(text, str):  # "id.prop" or "..a.prop...b.prop.." for several outputs
        found.extend(part.rsplit(".", 1)[0] for part in text.strip(".").split("..."))
    stack = [body.get("outputs")]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            found.append(item.get("id"))
    return found


def _id_matches(output_id: object, prefix: str) -> bool:
    if isinstance(output_id, dict):  # pattern-matching ids: any string value
        return any(isinstance(v, str) and v.startswith(prefix) for v in output_id.values())
    if not isinstance(output_id, str):
        return False
    if output_id.startswith("{"):  # a stringified dict id; erring on the side of protecting it
        return f'"{prefix}' in output_id
    return output_id.startswith(prefix)


def _callback_role() -> str | None:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return None  # Dash cannot dispatch it either
    ids = _output_ids(body)
    roles = [role for prefix, role in _PROTECTED.items() if any(_id_matches(i, prefix) for i in ids)]
    return max(roles, key=accounts.ROLE_RANK.__getitem__) if roles else None


# --- hooks and routes ---------------------------------------------------------------------------


def _check_role(role: str) -> Response | None:
    user = current_user()
    if user is None:
        return _json_error(401, f"login required: log in at {LOGIN_PATH}")
    if not accounts.has_role(user["role"], role):
        return _json_error(403, f"this needs the {role} role")
    return None


def guard() -> BaseResponse | None:
    """before_request: CSRF check and role check before any editor callback or route runs."""
    path = request.path
    if request.method in UNSAFE_METHODS:
        role = _callback_role() if path.endswith(DASH_CALLBACK_PATH) else _path_role(path)
        if (path.startswith("/auth/") or role is not None) and not _same_origin():
            log.warning("refused a cross-site %s to %s from %s", request.method, path, request.remote_addr)
            return _json_error(403, "cross-site request refused: the Origin header must name this site")
        return _check_role(role) if role is not None else None
    if request.method == "GET" and _path_role(path) and current_user() is None:
        target = path + (f"?{request.query_string.decode('latin-1')}" if request.query_string else "")
        return redirect(login_url(target, request.args.get("lang", "en")))
    return None


def _throttle() -> accounts.Throttle:
    return current_app.extensions[THROTTLE_EXTENSION]


def _page(
    lang: str, title: str, message: str, link: str, link_text: str, status: int, **headers: str
) -> Response:
    """A small page in the site's style, outside Dash (it must work when Dash is not reached)."""
    page = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} – Regiometer</title>"
        '<link rel="stylesheet" href="/assets/vendor/bootstrap.min.css">'
        '<link rel="stylesheet" href="/assets/regiometer.css"></head>'
        '<body><main class="container py-5" style="max-width: 36rem">'
        f'<h1 class="h3 mb-3">{escape(title)}</h1>'
        f'<div class="alert alert-warning" role="alert" id="auth-message">{escape(message)}</div>'
        f'<a class="btn btn-primary" href="{escape(link)}">{escape(link_text)}</a>'
        "</main></body></html>"
    )
    return Response(page, status, headers, mimetype="text/html")


def _too_many(wait: float, lang: str) -> Response:
    minutes = max(1, math.ceil(wait / 60))
    return _page(
        lang,
        t("auth.throttled_title", lang),
        tn("auth.throttled", minutes, lang, minutes=minutes),
        login_url(lang=lang),
        t("auth.back_to_login", lang),
        429,
        **{"Retry-After": str(math.ceil(wait))},
    )


def _too_large(_error) -> Response:
    """A request over the server's limit (MAX_CONTENT_LENGTH): a message the page shows. For a Dash
    callback (an editor upload or commit) the answer updates the editor's result areas."""
    lang = normalise_lang(request_lang())  # read here: this may run before the locale hook did
    limit = (current_app.config.get("MAX_CONTENT_LENGTH") or 0) / 1_000_000
    message = t("auth.upload_too_large", lang, limit=f"{limit:g}")
    if request.path.endswith(DASH_CALLBACK_PATH):
        alert = {
            "type": "Alert",
            "namespace": "dash_bootstrap_components",
            "props": {"children": message, "color": "danger"},
        }
        body = {
            "multi": True,
            "response": {
                "editor-upload-result": {"children": alert},
                "editor-commit-result": {"children": ""},
            },
        }
        return jsonify(body)
    return _page(lang, message, message, "/editor", t("changes.back", lang), 413)


def login() -> BaseResponse:
    form = request.form
    name = accounts.normalise_name(form.get("name", ""))[:200]
    password = form.get("password", "")
    lang = normalise_lang(form.get("lang") or request.args.get("lang"))
    target = safe_next(form.get("next"))
    row = db.get_user(data.engine(), name) if name else None
    known = row["name"] if row else ""  # unknown names are not stored: people type passwords there
    keys = (("account", name), ("address", request.remote_addr or ""))
    wait, ticket = _throttle().begin(*keys)  # counted before the slow check: no parallel overrun
    if wait > 0:
        _audit(known, "login_refused", known_account=bool(known))
        return _too_many(wait, lang)
    if row is None:
        accounts.burn_verify_time(password)  # as slow as a real check: no probing for names
        reason = "unknown account"
    elif not accounts.verify_password(password, row["password_hash"]):
        reason = "wrong password"
    else:
        reason = "account disabled" if row["disabled"] else ""
    if reason or row is None:  # row None: reason says 'unknown account'
        _audit(known, "login_failed", reason=reason)
        log.info("failed login (%s) from %s", reason, request.remote_addr)
        return redirect(login_url(target, lang, error="1"))
    _throttle().succeed(ticket, *keys)
    session.clear()  # a fresh session: nothing from before the login survives
    session.permanent = True
    session["user"] = {
        "name": row["name"],
        "role": row["role"],
        "tag": _hash_tag(row["password_hash"]),
        "version": row.get("session_version", 0),
    }
    session["login_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    session["nonce"] = secrets.token_urlsafe(16)
    _audit(row["name"], "login", role=row["role"])
    return redirect(target)


def logout() -> BaseResponse:
    user = current_user()
    if user is not None:
        db.end_sessions(data.engine(), user["name"])  # this cookie, and any copy of it, ends here
        _audit(user["name"], "logout")
    session.clear()
    lang = normalise_lang(request.form.get("lang") or request.args.get("lang"))
    return redirect("/" if lang == "en" else f"/?lang={lang}")


def me() -> Response:
    user = current_user()
    if user is None:
        return _json_error(401, "not logged in")
    return jsonify({"user": user["name"], "role": user["role"]})


def _no_store(response: Response) -> Response:
    if request.path.startswith("/auth/"):
        response.headers["Cache-Control"] = "no-store"
    return response


def register(server: Flask, settings: Settings) -> None:
    """Session cookie settings, the /auth routes and the guard on `server`."""
    settings.check()
    if not settings.secret_key:
        raise ConfigError("REGIOMETER_SECRET_KEY is empty: set it to a long random string.")
    server.config.update(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_NAME="regiometer_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=not settings.development,
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
    )
    server.extensions[THROTTLE_EXTENSION] = accounts.Throttle()
    server.before_request(guard)
    server.register_error_handler(413, _too_large)
    server.after_request(_no_store)
    server.add_url_rule("/auth/login", "auth_login", login, methods=["POST"])
    server.add_url_rule("/auth/logout", "auth_logout", logout, methods=["POST"])
    server.add_url_rule("/auth/me", "auth_me", me, methods=["GET"])
