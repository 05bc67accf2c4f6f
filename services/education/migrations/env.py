"""Alembic environment: the shared runner picks this service's metadata (see shared.migrations)."""

from alembic import context

from shared.migrations import run_env

run_env(context)
