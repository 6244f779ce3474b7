"""All warehouse tables (SQLModel). Schema changes go through Alembic migrations in etl/migrations."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, text
from sqlalchemy import Text as SAText
from sqlmodel import Field, SQLModel


class Indicator(SQLModel, table=True):
    slug: str = Field(primary_key=True)
    category: str
    unit: str
    decimals: int = 0
    name_en: str
    name_de: str
    description_en: str = ""
    description_de: str = ""
    preferred_source: str = ""


class Region(SQLModel, table=True):
    code: str = Field(primary_key=True)
    level: int
    name_en: str
    name_de: str
    parent: str = ""
    ags: str = ""


class Entity(SQLModel, table=True):
    slug: str = Field(primary_key=True)
    kind: str
    name_en: str
    name_de: str
    parent: str = ""
    website: str = ""
    founded: str = ""
    description_en: str = Field(default="", sa_column=Column(SAText, nullable=False, server_default=""))
    description_de: str = Field(default="", sa_column=Column(SAText, nullable=False, server_default=""))


class Source(SQLModel, table=True):
    slug: str = Field(primary_key=True)
    publisher: str
    publisher_de: str = Field(default="", sa_column_kwargs={"server_default": ""})  # German, if it differs
    title: str
    url: str = ""
    licence: str = ""
    published: str = ""
    kind: str = ""
    language: str = ""


class ImportRun(SQLModel, table=True):
    __tablename__ = "import_run"

    id: int | None = Field(default=None, primary_key=True)
    kind: str  # seed, source, staff, edit, undo
    source_name: str = ""
    started_at: datetime
    finished_at: datetime | None = None
    user: str = ""
    file_name: str = ""
    file_hash: str = ""
    rows_new: int = 0
    rows_changed: int = 0
    rows_unchanged: int = 0
    rows_withdrawn: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # closed by an undo
    accepted_warnings: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # "save anyway"
    status: str = "running"  # running, succeeded, failed
    error: str = Field(default="", sa_column=Column(SAText, nullable=False, server_default=""))
    undoes_run_id: int | None = Field(default=None, foreign_key="import_run.id")


class Observation(SQLModel, table=True):
    """One revision of one value. A load never edits a row except to close it (valid_to)."""

    __table_args__ = (
        # At most one current revision per key; this is also the lookup index for loads.
        Index(
            "ux_observation_current",
            "indicator",
            "region",
            "breakdown",
            "period",
            "source",
            unique=True,
            sqlite_where=text("valid_to IS NULL"),
            postgresql_where=text("valid_to IS NULL"),
        ),
        Index("ix_observation_series", "indicator", "region"),  # history and as-of views
        Index("ix_observation_run", "import_run_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    indicator: str = Field(foreign_key="indicator.slug")
    region: str = Field(foreign_key="region.code")
    breakdown: str = ""
    period: str
    period_start: date
    frequency: str
    value: float
    qualifier: str = ""
    status: str
    source: str = Field(foreign_key="source.slug")
    note: str = Field(default="", sa_column=Column(SAText, nullable=False, server_default=""))
    note_de: str = Field(default="", sa_column=Column(SAText, nullable=False, server_default=""))  # German
    valid_from: datetime
    valid_to: datetime | None = None
    import_run_id: int = Field(foreign_key="import_run.id")
    closed_by_run_id: int | None = Field(default=None, foreign_key="import_run.id")
    restores_id: int | None = None  # for a revision written by an undo: the revision it puts back


class WarehouseMeta(SQLModel, table=True):
    """Facts about the warehouse itself, e.g. key 'pack': the region pack whose catalogs it holds."""

    __tablename__ = "warehouse_meta"

    key: str = Field(primary_key=True)
    value: str = Field(default="", sa_column=Column(SAText, nullable=False, server_default=""))


class User(SQLModel, table=True):
    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    password_hash: str
    role: str  # editor, admin
    disabled: bool = False
    created_at: datetime
    session_version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # raised at logout


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    user: str = ""
    action: str
    detail: str = Field(default="", sa_column=Column(SAText, nullable=False, server_default=""))
    address: str = ""
