"""Request dependencies shared by every service's routes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session

from shared.db import MAX_ID


def unit_of_work(request: Request) -> Iterator[Session]:
    """One transaction per request, committed before the response is sent (scope="function")."""
    factory = request.app.state.runtime.session_factory
    with factory() as session, session.begin():
        yield session


def read_session(request: Request) -> Iterator[Session]:
    factory = request.app.state.runtime.session_factory
    with factory() as session:
        yield session


Db = Annotated[Session, Depends(unit_of_work, scope="function")]
ReadDb = Annotated[Session, Depends(read_session, scope="function")]
# Ids in paths: positive and within 64 bits, so an oversized number is a 422, not a database error.
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
