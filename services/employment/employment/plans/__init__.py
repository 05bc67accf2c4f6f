"""Integration-plan actions reception gives Beskæftigelse (R5)."""
