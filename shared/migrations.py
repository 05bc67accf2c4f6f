"""Alembic for every service: one history per service, in ``services/<name>/migrations``.

``python -m shared.migrations upgrade reception`` brings reception's database to head;
``revision reception -m "..."`` autogenerates the next migration from the models.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config

from shared.settings import SERVICES, ServiceSettings


def service_dir(service: str) -> Path:
    """The folder holding the service's ``migrations/``: ``services/<name>/`` in the source tree, the
    package itself when installed from a wheel (pyproject ships them as ``<name>/migrations``)."""
    package = Path(importlib.import_module(service).__file__ or "").resolve().parent
    return package if (package / "migrations" / "env.py").is_file() else package.parent


def settings_for(service: str) -> ServiceSettings:
    config = importlib.import_module(f"{service}.config")
    cls = next(v for k, v in vars(config).items() if k.endswith("Settings") and k != "ServiceSettings")
    settings: ServiceSettings = cls()
    return settings


def alembic_config(service: str, url: str | None = None) -> Config:
    root = service_dir(service)
    cfg = Config(str(root / "alembic.ini"))
    cfg.set_main_option("script_location", str(root / "migrations"))
    cfg.set_main_option("sqlalchemy.url", (url or settings_for(service).database_url).replace("%", "%%"))
    cfg.attributes["service"] = service
    return cfg


def upgrade(service: str, url: str | None = None, revision: str = "head") -> None:
    if url is None or url.startswith("sqlite"):
        # SQLite files live in the data folder; make sure it exists.
        from shared.db import make_engine

        make_engine(url or settings_for(service).database_url).dispose()
    command.upgrade(alembic_config(service, url), revision)


def run_env(context: Any) -> None:
    """The body of every service's migrations/env.py."""
    from sqlalchemy import pool

    import shared.bus.models  # noqa: F401  (outbox, inbox, dead letters in every database)
    from shared.db import make_engine

    service = context.config.attributes.get("service") or context.config.get_main_option("service")
    metadata = importlib.import_module(f"{service}.metadata").all_metadata()
    url = context.config.get_main_option("sqlalchemy.url") or settings_for(service).database_url
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m shared.migrations")
    sub = parser.add_subparsers(dest="cmd", required=True)
    up = sub.add_parser("upgrade", help="migrate a service's database (or all) to head")
    up.add_argument("service", choices=[*SERVICES, "all"])
    up.add_argument("--url", default=None)
    rev = sub.add_parser("revision", help="autogenerate a migration from the models")
    rev.add_argument("service", choices=list(SERVICES))
    rev.add_argument("-m", "--message", required=True)
    rev.add_argument("--url", default=None)
    args = parser.parse_args(argv)
    if args.cmd == "upgrade":
        for name in SERVICES if args.service == "all" else [args.service]:
            upgrade(name, args.url)
    else:
        command.revision(alembic_config(args.service, args.url), message=args.message, autogenerate=True)


if __name__ == "__main__":
    main()
