"""Benchmarks and the soak run: scripts that print figures, not tests (see README.md)."""
