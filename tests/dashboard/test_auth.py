"""Login, sessions, throttling, CSRF and the editor callback guard, through Flask's test client."""

from __future__ import annotations

import importlib
import json
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.app import create_app
from dashboard.web import auth
from etl import accounts, db
from etl.errors import ConfigError
from tests.dashboard.tree import links, texts

PASSWORDS = {"anna": "anna's long secret", "root": "root's long secret", "bob": "bob's long secret"}
ORIGIN = {"Origin": "http://localhost"}
CALLBACK = "/_dash-update-component"


@pytest.fixture
def app(sqlite_seeded):
    engine = db.get_engine(sqlite_seeded.database_url)
    for name, role in (("anna", "editor"), ("root", "admin"), ("bob", "editor")):
        db.add_user(engine, name, accounts.hash_password(PASSWORDS[name], n=2**10), role)
    db.set_disabled(engine, "bob", True)
    return create_app(sqlite_seeded)


@pytest.fixture
def engine(app, sqlite_seeded):
    return db.get_engine(sqlite_seeded.database_url)


@pytest.fixture
def client(app):
    return app.server.test_client()


def login(client, name, password=None, *, address="127.0.0.1", headers=ORIGIN, **fields):
    form = {"name": name, "password": PASSWORDS.get(name, "") if password is None else password, **fields}
    return client.post("/auth/login", data=form, headers=headers, environ_base={"REMOTE_ADDR": address})


def callback(client, output, headers=ORIGIN):
    body = {"output": output, "outputs": {"id": output.split(".")[0], "property": "children"}, "inputs": []}
    return client.post(CALLBACK, json=body, headers=headers)


def audit(engine, action=None):
    return db.read_audit(engine, action=action)


# --- login and logout ----------------------------------------------------------------------------


def test_login_sets_a_safe_session_cookie_and_redirects_to_the_editor(client, engine):
    response = login(client, "anna")
    assert response.status_code == 302 and response.location == "/editor"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("regiometer_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie  # development
    assert "Expires=" in cookie  # a permanent session: 8 hours
    assert client.get("/auth/me").get_json() == {"user": "anna", "role": "editor"}
    row = audit(engine, "login")[0]
    assert (row["user"], row["address"], json.loads(row["detail"])) == (
        "anna",
        "127.0.0.1",
        {"role": "editor"},
    )


def test_names_are_case_insensitive_and_next_is_followed(client):
    response = login(client, " ANNA ", PASSWORDS["anna"], next="/editor/upload?lang=de")
    assert response.location == "/editor/upload?lang=de"


def test_cookie_is_secure_outside_development(sqlite_seeded):
    settings = sqlite_seeded.with_(development=False, secret_key="a-long-random-production-secret")
    app = create_app(settings)
    db.add_user(
        db.get_engine(settings.database_url), "anna", accounts.hash_password(PASSWORDS["anna"]), "editor"
    )
    response = login(app.server.test_client(), "anna")
    assert response.status_code == 302 and "Secure" in response.headers["Set-Cookie"]


def test_production_needs_a_secret_key(sqlite_seeded):
    with pytest.raises(ConfigError, match="REGIOMETER_SECRET_KEY"):
        create_app(sqlite_seeded.with_(development=False))
    app = create_app(sqlite_seeded.with_(secret_key="from-the-settings"))
    assert app.server.config["SECRET_KEY"] == "from-the-settings"


def test_failed_login_redirects_with_an_error_and_audits_without_the_password(client, engine):
    response = login(client, "anna", "not the right one", lang="de")
    assert response.status_code == 302
    parts = urlsplit(response.location)
    assert parts.path == "/login" and parse_qs(parts.query) == {
        "error": ["1"],
        "lang": ["de"],
        "next": ["/editor"],
    }
    assert client.get("/auth/me").status_code == 401
    login(client, "nobody", "typed-a-password-as-name")
    login(client, "anna's long secret", "oops")  # a password typed into the name field
    failed = audit(engine, "login_failed")
    assert [(r["user"], json.loads(r["detail"])["reason"]) for r in failed] == [
        ("", "unknown account"),
        ("", "unknown account"),
        ("anna", "wrong password"),
    ]
    everything = json.dumps(audit(engine), default=str)
    assert "not the right one" not in everything and "typed-a-password" not in everything
    assert "long secret" not in everything and "nobody" not in everything


def test_disabled_account_cannot_log_in(client, engine):
    response = login(client, "bob")
    assert "error=1" in response.location
    assert json.loads(audit(engine, "login_failed")[0]["detail"]) == {"reason": "account disabled"}


def test_logout_ends_the_session(client, engine):
    login(client, "anna")
    response = client.post("/auth/logout", headers=ORIGIN)
    assert response.status_code == 302 and response.location == "/"
    assert client.get("/auth/me").status_code == 401
    assert audit(engine, "logout")[0]["user"] == "anna"
    assert client.post("/auth/logout", data={"lang": "de"}, headers=ORIGIN).location == "/?lang=de"


def test_me_is_not_cached(client):
    response = client.get("/auth/me")
    assert response.status_code == 401 and response.get_json() == {"error": "not logged in"}
    assert response.headers["Cache-Control"] == "no-store"


def test_disabling_or_a_new_password_ends_access_at_once(client, engine):
    login(client, "anna")
    db.set_disabled(engine, "anna", True)
    assert client.get("/auth/me").status_code == 401
    db.set_disabled(engine, "anna", False)
    assert client.get("/auth/me").status_code == 401  # enabling again does not revive old sessions
    login(client, "anna")
    assert client.get("/auth/me").status_code == 200
    db.set_password(engine, "anna", accounts.hash_password("a fresh long secret", n=2**10))
    assert client.get("/auth/me").status_code == 401


def _session_cookie(client) -> str:
    return client.get_cookie("regiometer_session").value


def test_a_cookie_replayed_after_logout_is_refused_on_the_server(app, client, sqlite_seeded):
    """Issue 10: logout cleared only the browser's cookie; a copy still committed for 8 hours."""
    login(client, "anna")
    stolen = _session_cookie(client)
    assert client.post("/auth/logout", headers=ORIGIN).status_code == 302
    thief = app.server.test_client()
    thief.set_cookie("regiometer_session", stolen)
    assert thief.get("/auth/me").status_code == 401
    assert callback(thief, "editor-commit-result.children").status_code == 401
    assert callback(thief, "editor-changes-result.children").status_code == 401


def test_logout_ends_the_users_other_sessions_too(app, client):
    login(client, "anna")
    other = app.server.test_client()
    login(other, "anna")
    other.post("/auth/logout", headers=ORIGIN)
    assert client.get("/auth/me").status_code == 401


def test_sixty_parallel_wrong_logins_check_at_most_five_passwords(client, app, monkeypatch):
    """Issue 10: the lockout was checked before the slow hash and the failure counted after it."""
    import threading
    import time

    checked = []
    real = accounts.verify_password

    def slow_verify(password, stored):
        checked.append(password)
        time.sleep(0.05)
        return real(password, stored)

    monkeypatch.setattr(accounts, "verify_password", slow_verify)
    barrier = threading.Barrier(60)
    answers = []

    def attempt(number: int) -> None:
        own = app.server.test_client()
        barrier.wait()
        answers.append(login(own, "anna", f"wrong guess {number}", address=f"10.9.{number}.1").status_code)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) <= 5
    assert answers.count(429) >= 55


# --- throttling ----------------------------------------------------------------------------------


def test_five_failures_lock_the_account_even_with_the_right_password(client, engine):
    for attempt in range(5):  # from five addresses: only the account counter reaches five
        assert "error=1" in login(client, "anna", "wrong", address=f"10.0.0.{attempt}").location
    response = login(client, "anna", address="10.0.1.1")
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "Too many failed logins" in page and "paused for 15 minutes" in page
    assert "/assets/vendor/bootstrap.min.css" in page and 'class="alert alert-warning"' in page
    assert 800 < int(response.headers["Retry-After"]) <= 900
    assert client.get("/auth/me").status_code == 401
    assert audit(engine, "login_refused")[0]["user"] == "anna"
    assert login(client, "root", address="10.0.1.1").status_code == 302  # other accounts are fine


def test_five_failures_from_one_address_lock_that_address(client):
    for name in ("a1", "a2", "a3", "root", "anna"):
        login(client, name, "wrong", address="10.0.0.9")
    refused = login(client, "root", address="10.0.0.9", lang="de")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 429 and "Zu viele" in page and '<html lang="de">' in page
    assert "Zurück zur Anmeldung" in page and "Anmeldung vorübergehend gesperrt" in page
    assert login(client, "root", address="10.0.0.10").status_code == 302


def test_a_successful_login_resets_the_account_counter(client):
    for _ in range(4):
        login(client, "anna", "wrong", address="10.0.0.1")
    assert login(client, "anna", address="10.0.0.2").status_code == 302
    for _ in range(4):
        login(client, "anna", "wrong", address="10.0.0.3")
    assert login(client, "anna", address="10.0.0.4").status_code == 302


# --- CSRF and redirects --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [{}, {"Origin": "https://evil.example"}, {"Origin": "null"}, {"Referer": "https://evil.example/x"}],
)
def test_cross_site_posts_are_refused(client, engine, headers):
    assert login(client, "anna", headers=headers).status_code == 403
    assert client.post("/auth/logout", headers=headers).status_code == 403
    assert audit(engine, "login") == []


def test_a_same_site_referer_is_enough(client):
    assert login(client, "anna", headers={"Referer": "http://localhost/login?lang=de"}).status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https://evil.example/",
        "/\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "editor",
    ],
)
def test_next_cannot_leave_the_site(client, target):
    assert login(client, "anna", next=target).location == "/editor"


def test_anonymous_editor_pages_redirect_to_the_login(client):
    response = client.get("/editor/upload?lang=de")
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.location).query)
    assert query == {"next": ["/editor/upload?lang=de"], "lang": ["de"]}
    assert client.get("/editorial").status_code != 302  # only /editor and below
    login(client, "anna")
    assert client.get("/editor").status_code == 200


# --- the callback guard --------------------------------------------------------------------------


def test_anonymous_editor_callback_is_refused(client):
    response = callback(client, "editor-upload-result.children")
    assert response.status_code == 401 and "login required" in response.get_json()["error"]


def test_editor_callback_without_origin_is_refused(client):
    login(client, "anna")
    assert callback(client, "editor-upload-result.children", headers={}).status_code == 403


def test_disabled_user_editor_callback_is_refused(client, engine):
    login(client, "anna")
    db.set_disabled(engine, "anna", True)
    assert callback(client, "editor-upload-result.children").status_code in (401, 403)


def test_logged_in_editor_passes_the_guard(client):
    login(client, "anna")
    assert callback(client, "editor-upload-result.children").status_code not in (401, 403)


def test_admin_outputs_need_the_admin_role(client):
    login(client, "anna")
    response = callback(client, "editor-audit-table.children")
    assert response.status_code == 403 and "admin" in response.get_json()["error"]
    client.post("/auth/logout", headers=ORIGIN)
    login(client, "root")
    assert callback(client, "editor-audit-table.children").status_code not in (401, 403)
    assert callback(client, "editor-upload-result.children").status_code not in (401, 403)


@pytest.mark.parametrize(
    "body",
    [
        {"output": "..shell-footer.children...editor-upload-result.children.."},
        {"output": '{"index":1,"type":"editor-row"}.children'},
        {
            "output": "x.children",
            "outputs": [{"id": {"type": "editor-row", "index": 1}, "property": "value"}],
        },
        {"output": "x.children", "outputs": [[{"id": "editor-cell", "property": "value"}]]},
    ],
)
def test_every_output_form_is_recognised(client, body):
    assert client.post(CALLBACK, json={**body, "inputs": []}, headers=ORIGIN).status_code == 401


def test_public_callbacks_are_untouched(client):
    body = {
        "output": "shell-footer.children",
        "outputs": {"id": "shell-footer", "property": "children"},
        "inputs": [],
    }
    assert client.post(CALLBACK, json=body).status_code not in (401, 403)  # no Origin needed either


def test_pages_can_register_more_protected_outputs(client, monkeypatch):
    monkeypatch.setattr(auth, "_PROTECTED", dict(auth._PROTECTED))
    auth.protect_callback_outputs("staff-", role="admin")
    auth.protect_callback_outputs("staff-", role="editor")  # never weakens an existing rule
    login(client, "anna")
    assert callback(client, "staff-panel.children").status_code == 403


# --- helpers for layouts and the login page ------------------------------------------------------


def test_require_role_for_layouts(app, client):
    with app.server.test_request_context("/"):
        assert auth.current_user() is None
        blocked = auth.require_editor("de", next_path="/editor/upload")
        assert "Bitte melden Sie sich an." in " ".join(texts(blocked))
        assert links(blocked) == ["/login?next=%2Feditor%2Fupload&lang=de"]
    with client:
        login(client, "anna")
        client.get("/auth/me")
        assert auth.current_user() == {"name": "anna", "role": "editor"}
        assert auth.require_editor() is None
        assert "needs the role administrator" in " ".join(texts(auth.require_role("admin")))
    with client:
        login(client, "root")
        client.get("/auth/me")
        assert auth.require_role("admin") is None and auth.require_editor() is None


def find(component, component_type):
    found = [component] if type(component).__name__ == component_type else []
    children = getattr(component, "children", None)
    if children is None or isinstance(children, str):
        return found
    for child in children if isinstance(children, (list, tuple)) else [children]:
        found += find(child, component_type)
    return found


def test_login_page_is_a_plain_form(app):
    page = importlib.import_module("dashboard.pages.login")
    with app.server.test_request_context("/login"):
        tree = page.layout(next="//evil.example")
    form = find(tree, "Form")[0]
    assert (form.method, form.action) == ("post", "/auth/login")
    fields = {field.name: field for field in find(form, "Input")}
    assert set(fields) == {"name", "password", "next", "lang"}
    assert fields["password"].type == "password" and fields["next"].value == "/editor"
    assert find(tree, "Div") and not [div for div in find(tree, "Div") if "alert" in (div.className or "")]


def test_login_page_shows_the_error_in_german(app):
    page = importlib.import_module("dashboard.pages.login")
    with app.server.test_request_context("/login?error=1&lang=de"):
        words = " ".join(texts(page.layout(lang="de", error="1")))
    assert "Benutzername oder Passwort falsch" in words and "Anmeldung" in words


def test_login_page_is_served(client):
    assert client.get("/login?lang=de").status_code == 200


def test_the_audit_log_reads_as_sentences_in_the_readers_language(app, client, engine):
    import importlib

    from etl import pipeline

    login(client, "anna", "wrong")
    login(client, "anna")
    settings = app.server.config["REGIOMETER_SETTINGS"]
    pipeline.audit(
        settings, "anna", "upload", "127.0.0.1", file="members.csv", run=7, new=1, changed=0, unchanged=0
    )
    pipeline.audit(settings, "anna", "upload_rejected", "127.0.0.1", file="bad.csv", count=1)
    db.write_audit(
        engine, "anna", "upload", "old.csv: run 3, {'new': 1}"
    )  # a row from before the JSON details
    page = importlib.import_module("dashboard.pages.editor_audit")
    with client:
        login(client, "root")
        client.get("/auth/me")
        english = " ".join(texts(page.layout(lang="en")))
        german = " ".join(texts(page.layout(lang="de")))
    assert "Uploaded members.csv: run 7, 1 new, 0 changed, 0 unchanged." in english
    assert "Upload of bad.csv refused: 1 problem." in english  # one problem, not "1 problems"
    assert "Login failed: wrong password." in english and "Logged in as editor." in english
    assert (
        "members.csv hochgeladen: Lauf 7" in german
        and "Anmeldung fehlgeschlagen: falsches Passwort." in german
    )
    assert "{'" not in english.replace(
        "old.csv: run 3, {'new': 1}", ""
    )  # no raw dicts but the old row's own text
