"""The only package that creates engines or runs SQL. Everything else calls these functions."""

from etl.db.accounts import (
    add_user,
    get_user,
    list_users,
    read_audit,
    set_disabled,
    set_password,
    write_audit,
)
from etl.db.engine import backup, get_engine, has_schema, is_sqlite, migrate
from etl.db.load import LoadPlan, LoadResult, load_frame, record_failed_run
from etl.db.queries import (
    add_entities,
    add_source,
    add_source_row,
    count_observations,
    data_version,
    history,
    import_runs,
    last_import_time,
    read_catalog,
    read_observations,
    revision_counts,
    run_revisions,
    sync_catalog,
)
from etl.db.undo import UndoResult, undo_run

__all__ = [
    "LoadPlan",
    "LoadResult",
    "UndoResult",
    "add_entities",
    "add_source",
    "add_source_row",
    "add_user",
    "backup",
    "count_observations",
    "data_version",
    "get_engine",
    "get_user",
    "has_schema",
    "history",
    "import_runs",
    "is_sqlite",
    "last_import_time",
    "list_users",
    "load_frame",
    "migrate",
    "read_audit",
    "read_catalog",
    "read_observations",
    "record_failed_run",
    "revision_counts",
    "run_revisions",
    "set_disabled",
    "set_password",
    "sync_catalog",
    "undo_run",
    "write_audit",
]
