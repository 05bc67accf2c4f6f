"""Request dependencies shared by every service's routes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session, sessionmaker

from shared.auth import Principal
from shared.db import MAX_ID
from shared.web.forms import signed_in


def unit_of_work(request: Request) -> Iterator[Session]:
    """One transaction per request, committed before the response is sent (scope="function")."""
    factory = request.app.state.runtime.session_factory
    with factory() as session, session.begin():
        request.state.db = session  # the page's notices read in it (shared.web.notices)
        try:
            yield session
        finally:
            request.state.db = None


def read_session(request: Request) -> Iterator[Session]:
    factory = request.app.state.runtime.session_factory
    with factory() as session:
        request.state.db = session
        try:
            yield session
        finally:
            request.state.db = None


def session_factory(request: Request) -> sessionmaker[Session]:
    """The service's session factory, for a use case that owns its transaction (an upload whose file
    must go when the commit fails); every other route and page takes ``Db``."""
    factory: sessionmaker[Session] = request.app.state.runtime.session_factory
    return factory


Db = Annotated[Session, Depends(unit_of_work, scope="function")]
Sessions = Annotated[sessionmaker[Session], Depends(session_factory)]
ReadDb = Annotated[Session, Depends(read_session, scope="function")]
# Ids in paths: positive and within 64 bits, so an oversized number is a 422, not a database error.
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]


class SignInRequired(Exception):
    """A page asked for with no one signed in: the app answers with the sign-in page (303)."""


class NoAccess(Exception):
    """The signed-in user's department may not see this page: the app answers with the Danish 403 page.

    ``what`` completes "Du har ikke adgang til …"; ``hint`` and ``link`` say where to go instead.
    """

    def __init__(self, what: str, *, hint: str | None = None, link: tuple[str, str] | None = None) -> None:
        super().__init__(what)
        self.what, self.hint, self.link = what, hint, link


def page_user(request: Request) -> Principal:
    """The signed-in user of a page, whatever the department; raises ``SignInRequired`` otherwise."""
    principal = signed_in(request)
    if principal is None:
        raise SignInRequired
    return principal


# A page open to every signed-in user (a service's own readers are checked by ``PageForms.reader``).
PageUser = Annotated[Principal, Depends(page_user)]
