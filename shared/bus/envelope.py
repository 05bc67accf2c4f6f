"""Typed, versioned event contracts and the envelope that carries them.

Every event type is a pydantic model registered with its name and version. A consumer always
reads the newest version: older payloads are upcast step by step by registered functions, so a
producer can move to a new version while old messages are still in flight.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field

JsonDict = dict[str, Any]


class Event(BaseModel):
    """Base of every event payload. Subclasses are registered with :func:`contract`."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    event_type: ClassVar[str]
    event_version: ClassVar[int]
    # The case this event concerns, when it concerns one; reception's timeline keys on it.
    case_id: int | None = None


class EventEnvelope(BaseModel):
    """What travels on the bus: metadata plus the payload of one event version."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_id: uuid.UUID = Field(default_factory=uuid.uuid4)
    type: str
    version: int = Field(ge=1)
    occurred_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    correlation_id: uuid.UUID = Field(default_factory=uuid.uuid4)
    producer: str
    payload: JsonDict


E = TypeVar("E", bound=type[Event])

_CONTRACTS: dict[str, dict[int, type[Event]]] = {}
_UPCASTERS: dict[tuple[str, int], Callable[[JsonDict], JsonDict]] = {}


class UnknownEventError(LookupError):
    """An envelope names an event type or version nobody registered."""


def contract(name: str, version: int) -> Callable[[E], E]:
    """Register an :class:`Event` subclass as version ``version`` of event type ``name``."""

    def register(cls: E) -> E:
        versions = _CONTRACTS.setdefault(name, {})
        if version in versions and versions[version] is not cls:
            raise ValueError(f"event {name} v{version} registered twice")
        cls.event_type = name
        cls.event_version = version
        versions[version] = cls
        return cls

    return register


def upcaster(
    name: str, from_version: int
) -> Callable[[Callable[[JsonDict], JsonDict]], Callable[[JsonDict], JsonDict]]:
    """Register the function that turns a v``from_version`` payload into a v``from_version+1`` one."""

    def register(fn: Callable[[JsonDict], JsonDict]) -> Callable[[JsonDict], JsonDict]:
        _UPCASTERS[(name, from_version)] = fn
        return fn

    return register


def latest_version(name: str) -> int:
    if name not in _CONTRACTS:
        raise UnknownEventError(f"unknown event type {name!r}")
    return max(_CONTRACTS[name])


def known_types() -> list[str]:
    return sorted(_CONTRACTS)


def envelope_for(event: Event, *, producer: str, correlation_id: uuid.UUID | None = None) -> EventEnvelope:
    """Wrap a typed event for publishing."""
    return EventEnvelope(
        type=event.event_type,
        version=event.event_version,
        producer=producer,
        correlation_id=correlation_id or uuid.uuid4(),
        payload=event.model_dump(mode="json"),
    )


def read_event(envelope: EventEnvelope) -> Event:
    """Parse an envelope's payload as the newest version of its type, upcasting older ones."""
    versions = _CONTRACTS.get(envelope.type)
    if not versions:
        raise UnknownEventError(f"unknown event type {envelope.type!r}")
    newest = max(versions)
    if envelope.version > newest:
        raise UnknownEventError(f"{envelope.type} v{envelope.version} is newer than this reader (v{newest})")
    payload, version = dict(envelope.payload), envelope.version
    while version < newest:
        step = _UPCASTERS.get((envelope.type, version))
        if step is None:
            raise UnknownEventError(f"no upcaster for {envelope.type} v{version}")
        payload, version = step(payload), version + 1
    return versions[newest].model_validate(payload)
