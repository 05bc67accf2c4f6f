"""Council: the integration council's secretariat and coordination (C1–C4). Thin for now."""
