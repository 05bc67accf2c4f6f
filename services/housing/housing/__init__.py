"""Housing: temporary units, readiness for arrivals, permanent housing (H1–H6)."""
