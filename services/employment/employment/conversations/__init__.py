"""Conversations after a template (samtaler efter skabelon): B1 match, B2 afklaring, B4 plan, B9 familieressourcer."""
