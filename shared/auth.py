"""Who is calling: a signed bearer token (HS256 JWT) naming the user and their department.

Pages use the same token from an HttpOnly, SameSite=Strict cookie. A missing or badly signed
token is a 401; a department not allowed for the action is a 403.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated

import jwt
from fastapi import Depends, HTTPException, Request, status

COOKIE = "integration_token"
ALGORITHM = "HS256"


class Department(enum.StrEnum):
    """The departments (and systems) that use the product; values are stable codes."""

    JOBCENTRET = "jobcentret"
    BORGERSERVICE = "borgerservice"
    OKONOMI = "okonomi"
    SOCIAL_PSYKIATRI = "social_psykiatri"
    FRIVILLIGHED = "frivillighed"
    BORGMESTERKONTORET = "borgmesterkontoret"
    BKF = "bkf"
    SUNDHEDSCENTRET = "sundhedscentret"
    INTEGRATIONSRAADET = "integrationsraadet"
    UDLAENDINGESTYRELSEN = "udlaendingestyrelsen"
    DRIFT = "drift"  # operations: dead letters, outbox

    @property
    def label(self) -> str:
        return DEPARTMENT_LABELS[self]


DEPARTMENT_LABELS: dict[Department, str] = {
    Department.JOBCENTRET: "Jobcentret",
    Department.BORGERSERVICE: "Borgerservice",
    Department.OKONOMI: "Økonomisk Team",
    Department.SOCIAL_PSYKIATRI: "Social- og Psykiatriafdelingen",
    Department.FRIVILLIGHED: "Frivillighedsområdet",
    Department.BORGMESTERKONTORET: "Borgmesterkontoret",
    Department.BKF: "BKF / Koordinerende team",
    Department.SUNDHEDSCENTRET: "Sundhedscentret",
    Department.INTEGRATIONSRAADET: "Integrationsrådet",
    Department.UDLAENDINGESTYRELSEN: "Udlændingestyrelsen",
    Department.DRIFT: "Drift (IT)",
}


@dataclass(frozen=True)
class Principal:
    user: str
    department: Department


def issue_token(secret: str, *, user: str, department: Department, ttl: timedelta = timedelta(hours=10)) -> str:
    now = datetime.now(UTC)
    claims = {"sub": user, "dept": department.value, "iat": now, "exp": now + ttl}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify_token(secret: str, token: str) -> Principal:
    """Decode and check a token; raise 401 with the reason when it is not acceptable."""
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["sub", "dept", "exp"]})
        return Principal(user=str(claims["sub"])[:100], department=Department(claims["dept"]))
    except jwt.ExpiredSignatureError as exc:
        raise _unauthorized("token has expired") from exc
    except (jwt.InvalidTokenError, ValueError) as exc:
        raise _unauthorized("token is invalid or badly signed") from exc


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail=detail, headers={"WWW-Authenticate": "Bearer"})


def current_principal(request: Request) -> Principal:
    """FastAPI dependency: the caller, from ``Authorization: Bearer`` or the page cookie."""
    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else request.cookies.get(COOKIE, "")
    if not token:
        raise _unauthorized("missing bearer token")
    secret: str = request.app.state.settings.auth_secret
    return verify_token(secret, token)


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require(*departments: Department) -> Callable[[Principal], Principal]:
    """Dependency factory: only these departments may call the route (others get 403)."""
    allowed = frozenset(departments)

    def check(principal: CurrentPrincipal) -> Principal:
        if principal.department not in allowed:
            names = ", ".join(sorted(d.label for d in allowed))
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                detail=f"{principal.department.label} may not do this; allowed: {names}",
            )
        return principal

    return check
