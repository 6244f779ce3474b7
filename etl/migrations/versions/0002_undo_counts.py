"""import_run.rows_withdrawn: how many values an undo took out of the current view

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_run") as batch_op:
        batch_op.add_column(sa.Column("rows_withdrawn", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("import_run") as batch_op:
        batch_op.drop_column("rows_withdrawn")
