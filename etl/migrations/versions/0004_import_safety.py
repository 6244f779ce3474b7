"""import_run.accepted_warnings and observation.restores_id

accepted_warnings: how many plausibility warnings the user accepted ("save anyway") for the run.
restores_id: for a revision written by an undo, the revision whose content it puts back; undo follows
these links to know which run a current value really comes from (undo in any order).
Existing undo revisions are linked to the revision they restored (same key and content, closed by
the run that was undone).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

KEY = ("indicator", "region", "breakdown", "period", "source")
CONTENT = ("value", "status", "qualifier", "note")


def upgrade() -> None:
    with op.batch_alter_table("import_run") as batch_op:
        batch_op.add_column(sa.Column("accepted_warnings", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("observation") as batch_op:
        batch_op.add_column(sa.Column("restores_id", sa.Integer(), nullable=True))
    same = " AND ".join(f"old.{c} = observation.{c}" for c in (*KEY, *CONTENT))
    op.execute(
        "UPDATE observation SET restores_id = ("
        " SELECT MAX(old.id) FROM observation AS old JOIN import_run AS run"
        " ON old.closed_by_run_id = run.undoes_run_id"
        " WHERE run.id = observation.import_run_id AND run.kind = 'undo'"
        f" AND old.id <> observation.id AND {same}"
        ") WHERE import_run_id IN (SELECT id FROM import_run WHERE kind = 'undo')"
    )


def downgrade() -> None:
    with op.batch_alter_table("observation") as batch_op:
        batch_op.drop_column("restores_id")
    with op.batch_alter_table("import_run") as batch_op:
        batch_op.drop_column("accepted_warnings")
