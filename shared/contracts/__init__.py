"""Event contracts, one module per producing service. Importing this package registers them all."""

from shared.contracts import housing, reception

__all__ = ["housing", "reception"]
