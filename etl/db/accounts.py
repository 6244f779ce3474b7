"""Staff accounts (app_user) and the audit log (audit_log): every SQL statement about them.

Callers pass names already normalised and hashes already computed (etl.accounts); this module never
sees a password. Users are returned as plain dicts; list_users leaves the hash out.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from etl.accounts import AccountError
from etl.db.tables import table_of
from etl.models import AuditLog, User

USERS = table_of(User)
AUDIT = table_of(AuditLog)
PUBLIC_USER_COLUMNS = ("id", "name", "role", "disabled", "created_at")
MAX_DETAIL = 2000


def _now() -> datetime:
    return datetime.now(UTC)


def add_user(engine: Engine, name: str, password_hash: str, role: str) -> dict:
    """Insert a user; AccountError if the name is taken."""
    values = {"name": name, "password_hash": password_hash, "role": role, "disabled": False}
    try:
        with engine.begin() as conn:
            if conn.execute(select(USERS.c.id).where(USERS.c.name == name)).first() is not None:
                raise AccountError(f"a user '{name}' already exists; choose another name")
            conn.execute(insert(USERS).values(created_at=_now(), **values))
    except IntegrityError:  # two adds racing for the same name
        raise AccountError(f"a user '{name}' already exists; choose another name") from None
    return _public(get_user(engine, name) or {})


def get_user(engine: Engine, name: str) -> dict | None:
    """The user with its password hash (for verification), or None."""
    with engine.connect() as conn:
        row = conn.execute(select(USERS).where(USERS.c.name == name)).first()
    return dict(row._mapping) if row is not None else None


def list_users(engine: Engine) -> list[dict]:
    """All users by name, without password hashes."""
    columns = [USERS.c[name] for name in PUBLIC_USER_COLUMNS]
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(select(*columns).order_by(USERS.c.name))]


def _update(engine: Engine, name: str, **values: object) -> bool:
    """Update a user and end every session of theirs (the session version moves on)."""
    values = {**values, "session_version": USERS.c.session_version + 1}
    with engine.begin() as conn:
        return conn.execute(update(USERS).where(USERS.c.name == name).values(**values)).rowcount > 0


def set_password(engine: Engine, name: str, password_hash: str) -> bool:
    """Replace a user's hash and end their sessions; False if there is no such user."""
    return _update(engine, name, password_hash=password_hash)


def set_disabled(engine: Engine, name: str, disabled: bool) -> bool:
    """Disable or enable a user (a disabled user cannot log in and loses access at once)."""
    return _update(engine, name, disabled=bool(disabled))


def end_sessions(engine: Engine, name: str) -> bool:
    """Logout: every session cookie of the user stops working on the server, replayed or not."""
    return _update(engine, name)


def write_audit(engine: Engine, user: str, action: str, detail: str | dict = "", address: str = "") -> None:
    """Append one audit row; a dict detail is stored as JSON (the audit page makes a sentence of it).
    Callers must never put passwords or secrets into detail."""
    if isinstance(detail, dict):
        detail = json.dumps(detail, ensure_ascii=False, default=str, sort_keys=True) if detail else ""
    with engine.begin() as conn:
        conn.execute(
            insert(AUDIT).values(
                at=_now(),
                user=(user or "")[:200],
                action=action[:100],
                detail=(detail or "")[:MAX_DETAIL],
                address=(address or "")[:100],
            )
        )


def read_audit(
    engine: Engine, limit: int = 100, user: str | None = None, action: str | None = None
) -> list[dict]:
    """The newest audit rows first, optionally for one user or action."""
    query = select(AUDIT).order_by(AUDIT.c.at.desc(), AUDIT.c.id.desc()).limit(limit)
    if user is not None:
        query = query.where(AUDIT.c.user == user)
    if action is not None:
        query = query.where(AUDIT.c.action == action)
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def _public(user: dict) -> dict:
    return {key: user[key] for key in PUBLIC_USER_COLUMNS if key in user}
