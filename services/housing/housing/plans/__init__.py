"""Integration-plan actions reception gives Boligområdet (R5)."""
