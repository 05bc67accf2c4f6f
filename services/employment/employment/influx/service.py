"""The § 4 b orders as employment knows them (the copy kept from reception's events, ``shared.influx_copy``):
for computing the programme's offer (integrationsloven § 16, rule ``inl16-programme``), and the pages' banner."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from employment.influx.models import InfluxOrderCopy
from shared import influx_copy
from shared.contracts.reception import InfluxOrderRecorded, InfluxOrderRevoked
from shared.law.influx import InfluxOrder


def keep(session: Session, *, event: InfluxOrderRecorded | InfluxOrderRevoked) -> InfluxOrderCopy:
    return influx_copy.keep(session, InfluxOrderCopy, event=event)


def copies(session: Session) -> list[InfluxOrderCopy]:
    return influx_copy.copies(session, InfluxOrderCopy)


def orders_in_force(session: Session) -> list[InfluxOrder]:
    return influx_copy.orders_in_force(session, InfluxOrderCopy)


def standing_today(session: Session, *, on: date | None = None) -> list[InfluxOrder]:
    return influx_copy.standing_today(session, InfluxOrderCopy, on=on)
