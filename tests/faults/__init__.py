"""Fault tests: broker and worker failures provoked on throwaway processes (ENGINEERING.md §4)."""
