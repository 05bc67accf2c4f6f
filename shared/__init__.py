"""The project's common library: event bus, outbox, inbox, settings, auth, logging, db, web, test helpers."""
