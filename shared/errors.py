"""Domain errors that routes turn into clear 4xx answers."""

from __future__ import annotations


class DomainError(Exception):
    """Base: ``status`` is the HTTP status; the message says what is wrong."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None, danish: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        # The same in Danish for the department pages (the JSON API answers in English).
        self.danish = danish or message


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    status = 409


class Forbidden(DomainError):
    status = 403


class Invalid(DomainError):
    status = 422
