"""Education's copy of the minister's § 4 b orders (integrationsloven § 4 b, stk. 2–3), recorded in reception."""

from __future__ import annotations

from education.db import Base
from shared.influx_copy import InfluxOrderColumns


class InfluxOrderCopy(InfluxOrderColumns, Base):
    __tablename__ = "influx_order_copy"
