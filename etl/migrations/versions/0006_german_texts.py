"""observation.note_de and source.publisher_de: the German texts of notes and publisher glosses

An empty German text means the English one is shown (a publisher that is just a name, a note nobody
has translated yet); existing rows get the empty text.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observation") as batch_op:
        batch_op.add_column(sa.Column("note_de", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("source") as batch_op:
        batch_op.add_column(sa.Column("publisher_de", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("source") as batch_op:
        batch_op.drop_column("publisher_de")
    with op.batch_alter_table("observation") as batch_op:
        batch_op.drop_column("note_de")
