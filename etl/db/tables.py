"""The SQLAlchemy table behind a SQLModel table model, typed once.

SQLModel sets ``__table__`` on table models at class creation, but its type stubs do not declare it,
so the checker sees no such attribute; this helper is the one place that says what it is.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table
from sqlmodel import SQLModel


def table_of(model: type[SQLModel]) -> Table:
    """The ``Table`` of a SQLModel model declared with ``table=True``."""
    return cast(Table, model.__table__)  # type: ignore[attr-defined]  # set by SQLModel's metaclass, not in its stubs
