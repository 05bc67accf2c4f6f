"""Employment's Celery worker: ``celery -A employment.worker:app worker -Q employment``."""

from employment.bootstrap import build

runtime = build()
app = runtime.celery
