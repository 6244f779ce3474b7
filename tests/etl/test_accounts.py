"""Staff accounts: password hashing, rules, throttling, the app_user/audit_log tables and `etl users`."""

from __future__ import annotations

import io

import pytest

from etl import accounts, cli, db
from etl.accounts import AccountError, Throttle

GOOD = "correct horse battery"


# --- hashing and rules ---------------------------------------------------------------------------


def test_hash_round_trip_and_wrong_password():
    stored = accounts.hash_password(GOOD)
    assert accounts.verify_password(GOOD, stored)
    assert not accounts.verify_password(GOOD + "!", stored)
    assert not accounts.verify_password("", stored)


def test_hash_format_carries_parameters_and_a_fresh_salt():
    first, second = accounts.hash_password(GOOD), accounts.hash_password(GOOD)
    scheme, n, r, p, salt, digest = first.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert len(accounts.base64.b64decode(salt)) == 16 and len(accounts.base64.b64decode(digest)) == 32
    assert first != second and GOOD not in first
    assert accounts.verify_password(GOOD, second)


def test_other_parameters_still_verify():
    stored = accounts.hash_password(GOOD, n=2**10, r=4, p=2)
    assert stored.startswith("scrypt$1024$4$2$")
    assert accounts.verify_password(GOOD, stored)


@pytest.mark.parametrize(
    "stored",
    ["", "plain", "scrypt$16384$8$1$salt", "bcrypt$16384$8$1$AAAA$AAAA", "scrypt$x$8$1$AAAA$AAAA"],
)
def test_malformed_hashes_never_match(stored):
    assert not accounts.verify_password(GOOD, stored)


def test_tampered_cost_is_refused_not_computed():
    _, _, r, p, salt, digest = accounts.hash_password(GOOD).split("$")
    assert not accounts.verify_password(GOOD, f"scrypt${2**30}${r}${p}${salt}${digest}")
    assert not accounts.verify_password(GOOD, f"scrypt$1000${r}${p}${salt}${digest}")  # not a power of 2


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("short", "at least 10 characters"),
        (" " * 12, "only spaces"),
        ("aaaaaaaaaaaa", "three different characters"),
        ("anna-is-great-2024", "user name"),
        ("x" * 1025 + "yz", "at most 1024"),
    ],
)
def test_password_rules_name_the_rule_not_the_password(password, rule):
    problems = accounts.password_problems(password, "anna")
    assert any(rule in problem for problem in problems)
    with pytest.raises(AccountError) as excinfo:
        accounts.check_password(password, "anna")
    assert password.strip() == "" or password not in str(excinfo.value)


def test_a_good_password_passes():
    assert accounts.password_problems(GOOD, "anna") == []


@pytest.mark.parametrize("name", ["anna", " Anna ", "a.meier@silicon-saxony", "editor_2"])
def test_valid_names_are_normalised(name):
    assert accounts.validate_name(name) == name.strip().lower()


@pytest.mark.parametrize("name", ["", "a", "-anna", "anna meier", "anna/../x", "ä" * 3, "x" * 65])
def test_invalid_names_are_refused(name):
    with pytest.raises(AccountError, match="letters a-z"):
        accounts.validate_name(name)


def test_roles():
    assert accounts.validate_role("Admin") == "admin"
    with pytest.raises(AccountError, match="editor, admin"):
        accounts.validate_role("root")
    assert accounts.has_role("admin", "editor") and accounts.has_role("editor", "editor")
    assert not accounts.has_role("editor", "admin") and not accounts.has_role("", "editor")
    assert not accounts.has_role("admin", "superuser")


# --- throttling ----------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_throttle_locks_after_five_failures_for_fifteen_minutes():
    clock = Clock()
    throttle = Throttle(clock=clock)
    for _ in range(4):
        throttle.fail("anna")
    assert not throttle.locked("anna")
    throttle.fail("anna")
    assert throttle.locked("anna") and throttle.retry_after("anna") == pytest.approx(900)
    assert not throttle.locked("bob")
    assert throttle.locked("bob", "anna")  # any locked key refuses
    clock.now += 899
    assert throttle.locked("anna")
    clock.now += 2
    assert not throttle.locked("anna")


def test_throttle_forgets_failures_outside_the_window():
    clock = Clock()
    throttle = Throttle(clock=clock)
    for _ in range(4):
        throttle.fail("anna")
    clock.now += 15 * 60 + 1
    throttle.fail("anna")
    assert not throttle.locked("anna")


def test_throttle_counts_an_attempt_before_the_check():
    clock = Clock()
    throttle = Throttle(clock=clock)
    tickets = [throttle.begin("anna", "10.0.0.1") for _ in range(5)]
    assert all(wait == 0 for wait, _ in tickets)
    wait, _ = throttle.begin("anna", "10.0.0.1")  # a sixth attempt in parallel: refused, not counted
    assert wait == pytest.approx(900)
    throttle.succeed(tickets[-1][1], "anna", "10.0.0.1")  # the fifth was the right password
    assert not throttle.locked("anna") and not throttle.locked("10.0.0.1")
    assert throttle.begin("anna", "10.0.0.1")[0] == 0
    clock.now += 901
    assert throttle.begin("anna")[0] == 0


def test_throttle_reset_and_sweep():
    clock = Clock()
    throttle = Throttle(clock=clock, max_keys=3)
    for _ in range(5):
        throttle.fail("anna")
    throttle.reset("anna")
    assert not throttle.locked("anna")
    for key in range(10):
        throttle.fail(key)
    clock.now += 3600
    throttle.fail("late")
    assert len(throttle._failures) <= 2


# --- the tables ----------------------------------------------------------------------------------


@pytest.fixture
def engine(seeded):
    return db.get_engine(seeded.database_url)


def test_add_get_list_users(engine):
    added = db.add_user(engine, "anna", accounts.hash_password(GOOD), "editor")
    assert added["name"] == "anna" and added["role"] == "editor" and not added["disabled"]
    assert "password_hash" not in added
    db.add_user(engine, "admin", accounts.hash_password(GOOD), "admin")
    assert accounts.verify_password(GOOD, db.get_user(engine, "anna")["password_hash"])
    assert db.get_user(engine, "nobody") is None
    listed = db.list_users(engine)
    assert [u["name"] for u in listed] == ["admin", "anna"]
    assert all("password_hash" not in u for u in listed)


def test_duplicate_user_is_refused(engine):
    db.add_user(engine, "anna", accounts.hash_password(GOOD), "editor")
    with pytest.raises(AccountError, match="already exists"):
        db.add_user(engine, "anna", accounts.hash_password(GOOD), "admin")
    assert db.get_user(engine, "anna")["role"] == "editor"


def test_set_password_and_disabled(engine):
    db.add_user(engine, "anna", accounts.hash_password(GOOD), "editor")
    assert db.set_password(engine, "anna", accounts.hash_password("another good one"))
    assert accounts.verify_password("another good one", db.get_user(engine, "anna")["password_hash"])
    assert db.set_disabled(engine, "anna", True) and db.get_user(engine, "anna")["disabled"]
    assert db.set_disabled(engine, "anna", False) and not db.get_user(engine, "anna")["disabled"]
    assert not db.set_password(engine, "nobody", "x") and not db.set_disabled(engine, "nobody", True)


def test_audit_log_newest_first_with_filters(engine):
    for index in range(5):
        db.write_audit(
            engine, "anna" if index % 2 else "bob", f"action{index}", f"detail {index}", "10.0.0.1"
        )
    rows = db.read_audit(engine, limit=3)
    assert [row["action"] for row in rows] == ["action4", "action3", "action2"]
    assert rows[0]["address"] == "10.0.0.1" and rows[0]["at"] is not None
    assert [row["action"] for row in db.read_audit(engine, user="anna")] == ["action3", "action1"]
    assert len(db.read_audit(engine, action="action0")) == 1
    db.write_audit(engine, "anna", "long", "x" * 10_000)
    assert len(db.read_audit(engine, limit=1)[0]["detail"]) == 2000


# --- the CLI -------------------------------------------------------------------------------------


@pytest.fixture
def env(sqlite_seeded, monkeypatch):
    monkeypatch.setenv("REGIOMETER_DATA_DIR", str(sqlite_seeded.data_dir))
    return sqlite_seeded


def users(monkeypatch, *args: str, stdin: str | None = None) -> int:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return cli.main(["users", *args])


def test_cli_add_list_disable_enable(env, monkeypatch, capsys):
    assert users(monkeypatch, "add", "Anna", "--role", "admin", "--password-stdin", stdin=GOOD + "\n") == 0
    out = capsys.readouterr().out
    assert "added admin 'anna'" in out and GOOD not in out
    assert users(monkeypatch, "add", "bob", "--password-stdin", stdin=GOOD + "\r\n") == 0
    engine = db.get_engine(env.database_url)
    assert accounts.verify_password(GOOD, db.get_user(engine, "bob")["password_hash"])  # no stray \r
    capsys.readouterr()
    assert users(monkeypatch, "list") == 0
    listing = capsys.readouterr().out
    assert "anna" in listing and "admin" in listing and "bob" in listing and "editor" in listing
    assert "scrypt" not in listing
    assert users(monkeypatch, "disable", "bob") == 0
    assert "disabled 'bob'" in capsys.readouterr().out
    users(monkeypatch, "list")
    assert any(line.startswith("bob") and "disabled" in line for line in capsys.readouterr().out.splitlines())
    assert users(monkeypatch, "enable", "BOB") == 0
    assert not db.get_user(engine, "bob")["disabled"]
    actions = [row["action"] for row in db.read_audit(engine)]
    assert actions[:4] == ["user_enabled", "user_disabled", "user_added", "user_added"]
    assert all(GOOD not in row["detail"] and GOOD not in row["user"] for row in db.read_audit(engine))


def test_cli_passwd(env, monkeypatch, capsys):
    users(monkeypatch, "add", "anna", "--password-stdin", stdin=GOOD + "\n")
    assert users(monkeypatch, "passwd", "anna", "--password-stdin", stdin="a brand new secret\n") == 0
    assert "new password set for 'anna'" in capsys.readouterr().out
    stored = db.get_user(db.get_engine(env.database_url), "anna")["password_hash"]
    assert accounts.verify_password("a brand new secret", stored) and not accounts.verify_password(
        GOOD, stored
    )


def test_cli_prompts_twice(env, monkeypatch, capsys):
    answers = iter([GOOD, GOOD, GOOD, "something else"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert users(monkeypatch, "add", "anna") == 0
    assert users(monkeypatch, "passwd", "anna") == 1
    assert "passwords differ" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("add", "anna", "--password-stdin"), GOOD, "already exists"),
        (("add", "new", "--password-stdin"), "short", "at least 10 characters"),
        (("add", "x y", "--password-stdin"), GOOD, "letters a-z"),
        (("disable", "nobody"), None, "no user 'nobody'"),
        (("enable", "nobody"), None, "no user 'nobody'"),
        (("passwd", "nobody", "--password-stdin"), GOOD, "no user 'nobody'"),
        (("passwd", "anna", "--password-stdin"), "", "at least 10 characters"),
    ],
)
def test_cli_refusals(env, monkeypatch, capsys, args, stdin, message):
    users(monkeypatch, "add", "anna", "--password-stdin", stdin=GOOD + "\n")
    capsys.readouterr()
    assert users(monkeypatch, *args, stdin=None if stdin is None else stdin + "\n") == 1
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""
    assert "short" not in captured.err
    stored = db.get_user(db.get_engine(env.database_url), "anna")
    assert accounts.verify_password(GOOD, stored["password_hash"]) and stored["role"] == "editor"


def test_cli_unknown_role_is_a_usage_error(env, monkeypatch, capsys):
    with pytest.raises(SystemExit) as excinfo:
        users(monkeypatch, "add", "anna", "--role", "root", "--password-stdin", stdin=GOOD)
    assert excinfo.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_cli_list_when_empty(env, monkeypatch, capsys):
    assert users(monkeypatch, "list") == 0
    assert "no users yet" in capsys.readouterr().out
