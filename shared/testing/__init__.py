"""Helpers for tests and benchmarks: throwaway Redis servers, databases, worker processes, tokens."""
