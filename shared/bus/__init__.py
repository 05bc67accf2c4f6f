"""The event bus: typed envelopes, subscription registry, outbox, relay, inbox, Celery wiring."""
