"""Event contracts, one module per producing service. Importing this package registers them all."""

from shared.contracts import education, employment, housing, reception

__all__ = ["education", "employment", "housing", "reception"]
