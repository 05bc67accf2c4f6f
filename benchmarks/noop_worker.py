"""The baseline's worker: ``celery -A benchmarks.noop_worker:app worker -Q benchnoop``."""

from benchmarks.noop_app import build

app = build()
