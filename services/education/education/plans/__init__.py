"""Integration-plan actions reception gives Danskuddannelse (R5)."""
