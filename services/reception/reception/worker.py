"""Reception's Celery worker: ``celery -A reception.worker:app worker -Q reception``."""

from reception.bootstrap import build

runtime = build()
app = runtime.celery
